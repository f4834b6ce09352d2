// Exact Jaccard similarity of every pair among a few shingle lists, sorting
// only the lists of pairs that might be similar. Used for the items of one
// list field, where sorting every item's shingles cost more than comparing.
//
// The filter is a bound, not an estimate, so it never drops a similar pair.
// Each list sets bit (hash mod 1024) of a bitmap for each of its shingles. A
// bit set for A but not for B is a shingle of A that B lacks, so
// |A \ B| >= popcount(bits(A) & ~bits(B)) = x_A, likewise x_B, and with
// c = |A ∩ B| <= m = min(|list A|, |list B|) (repeats counted):
//   J(A, B) = c / (c + |A \ B| + |B \ A|) <= m / (m + x_A + x_B).
// Pairs whose bound is below the threshold are dropped; for unrelated
// 100-shingle items the bound is about 0.4.
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
