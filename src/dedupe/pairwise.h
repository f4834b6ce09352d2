// Exact Jaccard similarity of every pair among a few shingle lists without
// sorting any of them: one pass puts each shingle in a hash table with the
// set of lists that contain it, and a shingle shared by several lists adds
// one to each of their pairs' intersections. Used for the items of one list
// field, where sorting every item's shingles cost more than the comparisons.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "dedupe/similarity.h"

namespace kbgen {

// Up to this many lists (one bit each in a 64-bit member set).
inline constexpr std::size_t kMaxPairwiseLists = 64;

// The same pairs, in the same order and with the same similarities, as
// similar_pairs() over the lists made into sets: shingles may repeat and come
// in any order. An empty list is similar to nothing.
std::vector<SimilarPair> similar_pairs_of_lists(std::span<const std::span<const std::uint32_t>> lists,
                                                double threshold);

}  // namespace kbgen
