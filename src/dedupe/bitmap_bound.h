// An upper bound on the Jaccard similarity of two shingle sets from small
// bitmaps of them, so that most dissimilar pairs are dropped without sorting
// or comparing their sets. It is a bound, not an estimate: it never drops a
// pair whose exact similarity reaches the threshold.
//
// Each set sets bit (hash mod Bits) for each of its shingles. A bit set for A
// but not for B is a shingle of A that B lacks, so |A \ B| >= x_A, the number
// of such bits, likewise x_B, and x_A + x_B = popcount(bits(A) ^ bits(B)).
// With c = |A ∩ B| <= m = min(|A|, |B|), where any upper bound of the sizes
// will do (a shingle list with repeats counted):
//   J(A, B) = c / (c + |A \ B| + |B \ A|) <= m / (m + x_A + x_B).
// For unrelated sets of about Bits / 10 shingles the bound is about 0.4.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>

namespace kbgen {

// popcount(a[i] ^ b[i]) summed over `words` words (bitmap_bound.cc: with the
// CPU's popcount instruction where there is one).
std::size_t count_differing_bits(const std::uint64_t* a, const std::uint64_t* b, std::size_t words);

template <std::size_t Bits>
class ShingleBitmap {
 public:
  static_assert(Bits % 64 == 0);

  explicit ShingleBitmap(std::span<const std::uint32_t> shingles) : size_(shingles.size()) {
    for (std::uint32_t s : shingles) words_[(s >> 6) % kWords] |= std::uint64_t{1} << (s & 63);
  }
  ShingleBitmap() = default;

  // False only when the two sets cannot reach `threshold`.
  bool may_reach(const ShingleBitmap& other, double threshold) const {
    const std::size_t only_one = count_differing_bits(words_.data(), other.words_.data(), kWords);  // x_A + x_B
    const double most_common = static_cast<double>(std::min(size_, other.size_));
    // jaccard() divides integers the same way; rounding is monotonic, so a
    // bound below the threshold means jaccard() is below it too.
    return !(most_common / (most_common + static_cast<double>(only_one)) < threshold);
  }

 private:
  static constexpr std::size_t kWords = Bits / 64;
  std::array<std::uint64_t, kWords> words_{};
  std::size_t size_ = 0;  // shingles listed, repeats counted: at least the set's size
};

}  // namespace kbgen
