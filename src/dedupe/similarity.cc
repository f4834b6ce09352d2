#include "dedupe/similarity.h"

#include <algorithm>
#include <array>

namespace kbgen {
namespace {

std::uint64_t mix64(std::uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

std::uint32_t hash_bytes(std::string_view s) {  // FNV-1a, then mixed
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return static_cast<std::uint32_t>(mix64(h));
}

ShingleSet finish(ShingleSet set) {
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

constexpr std::size_t kSignatureSize = 120;  // divisible by every band width used
using Signature = std::array<std::uint32_t, kSignatureSize>;

// One-permutation MinHash: each shingle lands in one bin, which keeps its
// minimum; empty bins borrow from the next full bin to the right
// ("densification"), so a signature costs one hash per shingle.
Signature signature_of(const ShingleSet& set) {
  Signature sig;
  sig.fill(0xffffffffu);
  std::array<bool, kSignatureSize> full{};
  for (std::uint32_t shingle : set) {
    const std::uint64_t h = mix64(shingle);
    const std::size_t bin = static_cast<std::size_t>((h >> 32) % kSignatureSize);
    const std::uint32_t value = static_cast<std::uint32_t>(h);
    if (value <= sig[bin]) sig[bin] = value;
    full[bin] = true;
  }
  for (std::size_t i = 0; i < kSignatureSize; ++i) {
    if (full[i]) continue;
    for (std::size_t step = 1; step < kSignatureSize; ++step) {
      const std::size_t j = (i + step) % kSignatureSize;
      if (full[j]) {
        sig[i] = static_cast<std::uint32_t>(mix64(sig[j] + step * 0x9e3779b97f4a7c15ull));
        break;
      }
    }
  }
  return sig;
}

std::size_t rows_per_band(double threshold) {
  if (threshold >= 0.7) return 5;
  if (threshold >= 0.45) return 3;
  return 2;
}

// Members of one LSH bucket are compared with at most this many neighbours,
// so a KB full of identical boilerplate cannot make the search quadratic.
constexpr std::size_t kBucketWindow = 64;

void pairs_by_lsh(const std::vector<ShingleSet>& sets, double threshold,
                  std::vector<std::pair<std::uint32_t, std::uint32_t>>& candidates) {
  const std::size_t rows = rows_per_band(threshold);
  const std::size_t bands = kSignatureSize / rows;
  std::vector<Signature> signatures;
  signatures.reserve(sets.size());
  for (const ShingleSet& s : sets) signatures.push_back(signature_of(s));

  std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;  // (band key, set index)
  keyed.reserve(sets.size());
  for (std::size_t band = 0; band < bands; ++band) {
    keyed.clear();
    for (std::uint32_t i = 0; i < sets.size(); ++i) {
      if (sets[i].empty()) continue;
      std::uint64_t key = band;
      for (std::size_t r = 0; r < rows; ++r) key = mix64(key ^ signatures[i][band * rows + r]);
      keyed.emplace_back(key, i);
    }
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t start = 0; start < keyed.size();) {
      std::size_t end = start + 1;
      while (end < keyed.size() && keyed[end].first == keyed[start].first) ++end;
      for (std::size_t a = start; a < end; ++a)
        for (std::size_t b = a + 1; b < end && b <= a + kBucketWindow; ++b)
          candidates.emplace_back(keyed[a].second, keyed[b].second);
      start = end;
    }
  }
}

}  // namespace

ShingleSet char_shingles(std::string_view text, std::size_t n) {
  ShingleSet set;
  if (text.empty()) return set;
  if (text.size() <= n) return {hash_bytes(text)};
  set.reserve(text.size() - n + 1);
  for (std::size_t i = 0; i + n <= text.size(); ++i) set.push_back(hash_bytes(text.substr(i, n)));
  return finish(std::move(set));
}

ShingleSet word_shingles(std::string_view text, std::size_t n) {
  ShingleSet set;
  if (text.empty()) return set;
  std::vector<std::size_t> starts{0};  // word starts; text is single-spaced
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == ' ') starts.push_back(i + 1);
  if (starts.size() <= n) return {hash_bytes(text)};
  for (std::size_t w = 0; w + n <= starts.size(); ++w) {
    const std::size_t begin = starts[w];
    const std::size_t end = w + n < starts.size() ? starts[w + n] - 1 : text.size();
    set.push_back(hash_bytes(text.substr(begin, end - begin)));
  }
  return finish(std::move(set));
}

double jaccard(const ShingleSet& a, const ShingleSet& b) {
  if (a.empty() || b.empty()) return 0.0;
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) ++i;
    else if (b[j] < a[i]) ++j;
    else ++common, ++i, ++j;
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

std::vector<SimilarPair> similar_pairs(const std::vector<ShingleSet>& sets, double threshold) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates;
  if (sets.size() <= 48) {
    for (std::uint32_t a = 0; a < sets.size(); ++a)
      for (std::uint32_t b = a + 1; b < sets.size(); ++b) candidates.emplace_back(a, b);
  } else {
    pairs_by_lsh(sets, threshold, candidates);
    for (auto& [a, b] : candidates)
      if (a > b) std::swap(a, b);
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  }
  std::vector<SimilarPair> out;
  for (const auto& [a, b] : candidates) {
    // Sets of very different sizes cannot reach the threshold.
    const double small = static_cast<double>(std::min(sets[a].size(), sets[b].size()));
    const double large = static_cast<double>(std::max(sets[a].size(), sets[b].size()));
    if (large == 0 || small / large < threshold) continue;
    const double s = jaccard(sets[a], sets[b]);
    if (s >= threshold) out.push_back({a, b, s});
  }
  return out;
}

}  // namespace kbgen
