// Near-duplicate detection: Jaccard similarity over shingle sets, with
// MinHash and locality-sensitive hashing so that finding every similar pair
// among n sets costs about O(n), not O(n^2). See docs/dedupe.md.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
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

// The same shingles, appended unsorted and with repeats: all that MinHash and
// the pairwise table (pairwise.h) need, so most sets are never sorted.
void append_char_shingles(std::string_view normalized, std::size_t n, std::vector<std::uint32_t>& out);
void append_word_shingles(std::string_view normalized, std::size_t n, std::vector<std::uint32_t>& out);

double jaccard(const ShingleSet& a, const ShingleSet& b);

struct SimilarPair {
  std::uint32_t first;   // index into the sets, first < second
  std::uint32_t second;
  double similarity;     // exact Jaccard, >= the threshold
  bool operator==(const SimilarPair&) const = default;
};

// Every pair of sets whose Jaccard similarity is at least `threshold`,
// ordered by (first, second). Up to kPairwiseLimit sets are compared pair by
// pair; more go through MinHash/LSH, which finds a pair at similarity s with
// probability 1 - (1 - s^r)^b (r, b chosen from the threshold), and every
// reported pair is confirmed by its exact similarity. Empty sets are never
// similar to anything.
inline constexpr std::size_t kPairwiseLimit = 48;
std::vector<SimilarPair> similar_pairs(const std::vector<ShingleSet>& sets, double threshold);

// The parts of similar_pairs, for callers that keep signatures instead of
// sets (a set is needed again only for a candidate pair).
inline constexpr std::size_t kSignatureSize = 120;  // divisible by every band width used
using Signature = std::array<std::uint32_t, kSignatureSize>;
// Neither the order of the shingles nor repeats change the signature.
Signature minhash_signature(std::span<const std::uint32_t> shingles);
using CandidatePair = std::pair<std::uint32_t, std::uint32_t>;
// Pairs whose signatures agree in some band, first < second, sorted, without
// repeats; a set with usable[i] == 0 (empty) takes part in none. Bands are
// hashed and sorted on up to `jobs` threads.
std::vector<CandidatePair> lsh_candidates(const std::vector<Signature>& signatures,
                                          const std::vector<char>& usable, double threshold, unsigned jobs);
// Sets a and b are similar: `similarity` is their exact Jaccard.
bool confirm_similar(const ShingleSet& a, const ShingleSet& b, double threshold, double& similarity);

}  // namespace kbgen
