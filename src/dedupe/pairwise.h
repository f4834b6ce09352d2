// Exact Jaccard similarity of every pair among a few shingle lists, sorting
// only the lists of pairs that might be similar (bitmap_bound.h, 1024 bits).
// Used for the items of one list field, where sorting every item's shingles
// cost more than comparing them.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "dedupe/similarity.h"

namespace kbgen {

// The same pairs, in the same order and with the same similarities, as
// similar_pairs() over the lists made into sets, whatever their number
// (no LSH): shingles may repeat and come in any order. An empty list is
// similar to nothing.
std::vector<SimilarPair> similar_pairs_of_lists(std::span<const std::span<const std::uint32_t>> lists,
                                                double threshold);

}  // namespace kbgen
