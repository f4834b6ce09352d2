#include "dedupe/similarity.h"

#include <algorithm>
#include <string>

#include "util/parallel.h"

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

std::uint32_t hash_bytes(const char* s, std::size_t n) {  // FNV-1a, then mixed
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (std::size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(s[i]);
    h *= 0x100000001b3ull;
  }
  return static_cast<std::uint32_t>(mix64(h));
}

ShingleSet finish(ShingleSet set) {
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

std::size_t rows_per_band(double threshold) {
  if (threshold >= 0.7) return 5;
  if (threshold >= 0.45) return 3;
  return 2;
}

// Members of one LSH bucket are compared with at most this many neighbours,
// so a KB full of identical boilerplate cannot make the search quadratic.
constexpr std::size_t kBucketWindow = 64;

}  // namespace

constexpr std::uint64_t kFnvBasis = 0xcbf29ce484222325ull;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ull;

// murmur3's 32-bit finaliser: a bijection, so distinct inputs never collide.
std::uint32_t fmix32(std::uint32_t x) {
  x ^= x >> 16;
  x *= 0x85ebca6bu;
  x ^= x >> 13;
  x *= 0xc2b2ae35u;
  x ^= x >> 16;
  return x;
}

// Runs of 4 bytes (the item shingle width) fit in 32 bits, so a run is
// hashed by mixing its bytes bijectively: two different runs never share a
// hash, and a run costs two multiplications. A text shorter than 4 bytes is
// its bytes padded with zeros, which a normal form never holds.
void append_byte_quads(std::string_view text, std::vector<std::uint32_t>& out) {
  if (text.size() < 4) {
    std::uint32_t x = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
      x |= std::uint32_t{static_cast<unsigned char>(text[i])} << (8 * i);
    out.push_back(fmix32(x));
    return;
  }
  const std::size_t first = out.size();
  out.resize(first + text.size() - 3);
  std::uint32_t* o = out.data() + first;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    const std::uint32_t x = std::uint32_t{p[i]} | std::uint32_t{p[i + 1]} << 8 |
                            std::uint32_t{p[i + 2]} << 16 | std::uint32_t{p[i + 3]} << 24;
    o[i] = fmix32(x);
  }
}

void append_char_shingles(std::string_view text, std::size_t n, std::vector<std::uint32_t>& out) {
  if (text.empty()) return;
  if (n == 4) return append_byte_quads(text, out);
  if (text.size() <= n) {
    out.push_back(hash_bytes(text.data(), text.size()));
    return;
  }
  for (std::size_t i = 0; i + n <= text.size(); ++i) out.push_back(hash_bytes(text.data() + i, n));
}

// Runs of 3 words (the entry shingle width), hashed in one pass over the
// text: the three runs that contain a byte are hashed side by side in three
// independent FNV states, which the CPU overlaps. `oldest` is the run that
// started two words ago; before the third word it is never emitted.
void append_word_triples(std::string_view text, std::vector<std::uint32_t>& out) {
  std::uint64_t oldest = kFnvBasis, middle = kFnvBasis, newest = kFnvBasis;
  std::size_t words = 1;
  for (unsigned char c : text) {
    if (c == ' ') {
      if (words >= 3) out.push_back(static_cast<std::uint32_t>(mix64(oldest)));
      oldest = (middle ^ c) * kFnvPrime;
      middle = (newest ^ c) * kFnvPrime;
      newest = kFnvBasis;
      ++words;
      continue;
    }
    oldest = (oldest ^ c) * kFnvPrime;
    middle = (middle ^ c) * kFnvPrime;
    newest = (newest ^ c) * kFnvPrime;
  }
  out.push_back(static_cast<std::uint32_t>(mix64(oldest)));  // the last run; there are 4+ words
}

// A run of n words spans from a word start to the n-th space after it (text
// is single-spaced; any space starts a word).
void append_word_shingles(std::string_view text, std::size_t n, std::vector<std::uint32_t>& out) {
  if (text.empty() || n == 0) return;
  std::size_t spaces = 0;  // up to n: whole texts are long, and only "fewer than n" matters
  for (std::size_t at = text.find(' '); at != std::string_view::npos && spaces < n; at = text.find(' ', at + 1))
    ++spaces;
  if (spaces < n) {
    out.push_back(hash_bytes(text.data(), text.size()));
    return;
  }
  if (n == 3) return append_word_triples(text, out);
  std::size_t begin = 0;
  std::size_t end = text.find(' ');
  for (std::size_t k = 1; k < n; ++k) end = text.find(' ', end + 1);
  while (true) {
    out.push_back(hash_bytes(text.data() + begin, end - begin));
    if (end == text.size()) break;
    begin = text.find(' ', begin) + 1;
    end = std::min(text.find(' ', end + 1), text.size());
  }
}

ShingleSet char_shingles(std::string_view text, std::size_t n) {
  ShingleSet set;
  if (text.size() > n) set.reserve(text.size() - n + 1);
  append_char_shingles(text, n, set);
  return finish(std::move(set));
}

ShingleSet word_shingles(std::string_view text, std::size_t n) {
  ShingleSet set;
  append_word_shingles(text, n, set);
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

// One-permutation MinHash: each shingle lands in one bin, which keeps its
// minimum; empty bins borrow from the next full bin to the right
// ("densification"), so a signature costs one hash per shingle.
Signature minhash_signature(std::span<const std::uint32_t> shingles) {
  Signature sig;
  sig.fill(0xffffffffu);
  std::array<bool, kSignatureSize> full{};
  for (std::uint32_t shingle : shingles) {
    const std::uint64_t h = mix64(shingle);
    const std::size_t bin = static_cast<std::size_t>((h >> 32) % kSignatureSize);
    const std::uint32_t value = static_cast<std::uint32_t>(h);
    sig[bin] = std::min(sig[bin], value);  // no branch: it would mispredict often
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

std::vector<CandidatePair> lsh_candidates(const std::vector<Signature>& signatures,
                                          const std::vector<char>& usable, double threshold, unsigned jobs) {
  const std::size_t rows = rows_per_band(threshold);
  const std::size_t bands = kSignatureSize / rows;
  std::vector<std::vector<CandidatePair>> by_band(bands);  // bands are independent
  std::string unused;
  parallel_for(bands, jobs, [&](std::size_t band, std::string&) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;  // (band key, set index)
    keyed.reserve(signatures.size());
    for (std::uint32_t i = 0; i < signatures.size(); ++i) {
      if (!usable[i]) continue;
      std::uint64_t key = band;
      for (std::size_t r = 0; r < rows; ++r) key = mix64(key ^ signatures[i][band * rows + r]);
      keyed.emplace_back(key, i);
    }
    std::sort(keyed.begin(), keyed.end());
    std::vector<CandidatePair>& candidates = by_band[band];
    for (std::size_t start = 0; start < keyed.size();) {
      std::size_t end = start + 1;
      while (end < keyed.size() && keyed[end].first == keyed[start].first) ++end;
      for (std::size_t a = start; a < end; ++a)
        for (std::size_t b = a + 1; b < end && b <= a + kBucketWindow; ++b)
          candidates.emplace_back(keyed[a].second, keyed[b].second);  // a < b: sorted by index
      start = end;
    }
    return true;
  }, unused);
  std::vector<CandidatePair> candidates;
  for (const auto& band : by_band) candidates.insert(candidates.end(), band.begin(), band.end());
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return candidates;
}

bool confirm_similar(const ShingleSet& a, const ShingleSet& b, double threshold, double& similarity) {
  // Sets of very different sizes cannot reach the threshold.
  const double small = static_cast<double>(std::min(a.size(), b.size()));
  const double large = static_cast<double>(std::max(a.size(), b.size()));
  if (large == 0 || small / large < threshold) return false;
  similarity = jaccard(a, b);
  return similarity >= threshold;
}

std::vector<SimilarPair> similar_pairs(const std::vector<ShingleSet>& sets, double threshold) {
  std::vector<CandidatePair> candidates;
  if (sets.size() <= kPairwiseLimit) {
    for (std::uint32_t a = 0; a < sets.size(); ++a)
      for (std::uint32_t b = a + 1; b < sets.size(); ++b) candidates.emplace_back(a, b);
  } else {
    std::vector<Signature> signatures;
    std::vector<char> usable;
    signatures.reserve(sets.size());
    usable.reserve(sets.size());
    for (const ShingleSet& s : sets) {
      signatures.push_back(minhash_signature(s));
      usable.push_back(!s.empty());
    }
    candidates = lsh_candidates(signatures, usable, threshold, 1);
  }
  std::vector<SimilarPair> out;
  for (const auto& [a, b] : candidates) {
    double s = 0;
    if (confirm_similar(sets[a], sets[b], threshold, s)) out.push_back({a, b, s});
  }
  return out;
}

}  // namespace kbgen
