// Near-duplicate detection: Jaccard similarity over shingle sets, with
// MinHash and locality-sensitive hashing so that finding every similar pair
// among n sets costs about O(n), not O(n^2). See docs/dedupe.md.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace kbgen {

// Hashes of the distinct shingles of a text, sorted.
using ShingleSet = std::vector<std::uint32_t>;

// Overlapping runs of `n` characters (bytes) of a normalised text; a text
// shorter than `n` is one shingle.
ShingleSet char_shingles(std::string_view normalized, std::size_t n);
// Overlapping runs of `n` words of a normalised text; fewer words than `n`
// make one shingle.
ShingleSet word_shingles(std::string_view normalized, std::size_t n);

double jaccard(const ShingleSet& a, const ShingleSet& b);

struct SimilarPair {
  std::uint32_t first;   // index into the sets, first < second
  std::uint32_t second;
  double similarity;     // exact Jaccard, >= the threshold
};

// Every pair of sets whose Jaccard similarity is at least `threshold`,
// ordered by (first, second). Small inputs are compared pair by pair;
// larger ones go through MinHash/LSH, which finds a pair at similarity s
// with probability 1 - (1 - s^r)^b (r, b chosen from the threshold), and
// every reported pair is confirmed by its exact similarity. Empty sets are
// never similar to anything.
std::vector<SimilarPair> similar_pairs(const std::vector<ShingleSet>& sets, double threshold);

}  // namespace kbgen
