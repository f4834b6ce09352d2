#include "dedupe/pairwise.h"

#include <algorithm>
#include <array>
#include <bit>

namespace kbgen {
namespace {

constexpr std::size_t kBitmapWords = 16;  // 1024 bits
using Bitmap = std::array<std::uint64_t, kBitmapWords>;

Bitmap bitmap_of(std::span<const std::uint32_t> shingles) {
  Bitmap bits{};
  for (std::uint32_t s : shingles) bits[(s >> 6) % kBitmapWords] |= std::uint64_t{1} << (s & 63);
  return bits;
}

// The bound of pairwise.h: no pair it rejects can reach the threshold.
bool may_be_similar(const Bitmap& a, std::size_t a_size, const Bitmap& b, std::size_t b_size,
                    double threshold) {
  std::size_t only_one = 0;  // x_A + x_B
  for (std::size_t w = 0; w < kBitmapWords; ++w) only_one += static_cast<std::size_t>(std::popcount(a[w] ^ b[w]));
  const double most_common = static_cast<double>(std::min(a_size, b_size));
  // Both sides are rounded the same way as jaccard()'s division, which is
  // monotonic, so bound < threshold implies jaccard() < threshold.
  return !(most_common / (most_common + static_cast<double>(only_one)) < threshold);
}

}  // namespace

std::vector<SimilarPair> similar_pairs_of_lists(std::span<const std::span<const std::uint32_t>> lists,
                                                double threshold) {
  const std::size_t k = lists.size();
  std::vector<SimilarPair> out;
  if (k < 2) return out;
  std::vector<Bitmap> bitmaps;
  bitmaps.reserve(k);
  for (const auto& list : lists) bitmaps.push_back(bitmap_of(list));
  std::vector<ShingleSet> sets(k);  // sorted on first use
  auto set_of = [&](std::size_t i) -> const ShingleSet& {
    if (sets[i].empty() && !lists[i].empty()) {
      sets[i].assign(lists[i].begin(), lists[i].end());
      std::sort(sets[i].begin(), sets[i].end());
      sets[i].erase(std::unique(sets[i].begin(), sets[i].end()), sets[i].end());
    }
    return sets[i];
  };
  for (std::uint32_t a = 0; a < k; ++a)
    for (std::uint32_t b = a + 1; b < k; ++b) {
      const bool filtered = !lists[a].empty() && !lists[b].empty();
      if (filtered && !may_be_similar(bitmaps[a], lists[a].size(), bitmaps[b], lists[b].size(), threshold))
        continue;
      double s = 0;
      if (confirm_similar(set_of(a), set_of(b), threshold, s)) out.push_back({a, b, s});
    }
  return out;
}

}  // namespace kbgen
