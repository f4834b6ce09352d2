#include "dedupe/pairwise.h"

#include <algorithm>

#include "dedupe/bitmap_bound.h"

namespace kbgen {

std::vector<SimilarPair> similar_pairs_of_lists(std::span<const std::span<const std::uint32_t>> lists,
                                                double threshold) {
  const std::size_t k = lists.size();
  std::vector<SimilarPair> out;
  if (k < 2) return out;
  thread_local std::vector<ShingleBitmap<1024>> bitmaps;  // reused: called for every list of every entry
  thread_local std::vector<ShingleSet> sets;               // sorted on first use
  bitmaps.clear();
  for (const auto& list : lists) bitmaps.emplace_back(list);
  sets.resize(k);
  for (ShingleSet& set : sets) set.clear();
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
      if (filtered && !bitmaps[a].may_reach(bitmaps[b], threshold)) continue;
      double s = 0;
      if (confirm_similar(set_of(a), set_of(b), threshold, s)) out.push_back({a, b, s});
    }
  return out;
}

}  // namespace kbgen
