// dedupe/pairwise: exact Jaccard of every pair among a few unsorted shingle
// lists must give exactly what similar_pairs() gives on the sorted sets: the
// bitmap bound may let dissimilar pairs through, never drop a similar one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "dedupe/pairwise.h"
#include "dedupe/similarity.h"

using namespace kbgen;

namespace {

ShingleSet as_set(std::vector<std::uint32_t> list) {
  std::sort(list.begin(), list.end());
  list.erase(std::unique(list.begin(), list.end()), list.end());
  return list;
}

std::vector<SimilarPair> of_lists(const std::vector<std::vector<std::uint32_t>>& lists, double threshold) {
  std::vector<std::span<const std::uint32_t>> spans(lists.begin(), lists.end());
  return similar_pairs_of_lists(spans, threshold);
}

std::vector<SimilarPair> of_sets(const std::vector<std::vector<std::uint32_t>>& lists, double threshold) {
  std::vector<ShingleSet> sets;
  for (const auto& l : lists) sets.push_back(as_set(l));
  return similar_pairs(sets, threshold);
}

}  // namespace

TEST_CASE("dedupe similar_pairs_of_lists: repeats and order do not matter", "[dedupe][pairwise]") {
  const std::vector<std::vector<std::uint32_t>> lists{
      {4, 3, 2, 1, 1, 1},  // 0: {1, 2, 3, 4}
      {5, 1, 2, 3, 5},     // 1: {1, 2, 3, 5}, 3/5 with 0
      {9, 8, 7},           // 2
      {},                  // 3: empty, similar to nothing
      {},                  // 4
      {1, 2, 3, 4},        // 5: equal to 0
  };
  const auto at_06 = of_lists(lists, 0.6);
  REQUIRE(at_06.size() == 3);
  CHECK((at_06[0].first == 0 && at_06[0].second == 1 && at_06[0].similarity == 0.6));
  CHECK((at_06[1].first == 0 && at_06[1].second == 5 && at_06[1].similarity == 1.0));
  CHECK((at_06[2].first == 1 && at_06[2].second == 5 && at_06[2].similarity == 0.6));
  CHECK(at_06 == of_sets(lists, 0.6));
  CHECK(of_lists({}, 0.5).empty());
  CHECK(of_lists({{1, 2}}, 0.5).empty());
  CHECK(of_lists({{}, {}}, 0.1).empty());
  // Shingle 0 is a value like any other.
  CHECK(of_lists({{0, 1}, {1, 0, 0}}, 0.9).size() == 1);
}

TEST_CASE("dedupe similar_pairs_of_lists: same pairs and similarities as similar_pairs",
          "[dedupe][pairwise]") {
  std::mt19937 rng(20261124);
  for (int round = 0; round < 300; ++round) {
    // Lists drawn from a small alphabet so that many pairs overlap a lot,
    // with repeats, in random order; up to 64 lists. Some rounds have lists
    // long enough to fill the 1024-bit bitmaps.
    const std::size_t count = 2 + rng() % (round < 200 ? 12 : 63);
    const bool long_lists = round % 10 == 9;
    const std::uint32_t alphabet = long_lists ? 500 + rng() % 3000 : 8 + rng() % 200;
    std::vector<std::vector<std::uint32_t>> lists(count);
    for (auto& list : lists) {
      const std::size_t length = rng() % (long_lists ? 4000 : 60);
      for (std::size_t i = 0; i < length; ++i) list.push_back(rng() % alphabet * 2654435761u);
    }
    if (count > 3) lists[2] = lists[1], std::shuffle(lists[2].begin(), lists[2].end(), rng);
    for (double threshold : {0.3, 0.5, 0.8, 1.0}) {
      INFO("round " << round << ", threshold " << threshold);
      std::vector<SimilarPair> expected;  // every pair, exact, as similar_pairs does up to 48
      std::vector<ShingleSet> sets;
      for (const auto& l : lists) sets.push_back(as_set(l));
      for (std::uint32_t a = 0; a < count; ++a)
        for (std::uint32_t b = a + 1; b < count; ++b) {
          double s = 0;
          if (confirm_similar(sets[a], sets[b], threshold, s)) expected.push_back({a, b, s});
        }
      CHECK(of_lists(lists, threshold) == expected);
      if (count <= kPairwiseLimit) CHECK(of_lists(lists, threshold) == of_sets(lists, threshold));
    }
  }
}
