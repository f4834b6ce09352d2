// dedupe/similarity: shingles, Jaccard similarity, and similar_pairs (pair by
// pair for small inputs, MinHash/LSH above 48 sets).
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "dedupe/normalize.h"
#include "dedupe/similarity.h"

using namespace kbgen;

namespace {

// Random lower-case words from a fixed-seed mt19937 (whose output the
// standard fixes), so every run and every machine sees the same texts.
class Words {
 public:
  explicit Words(std::uint32_t seed) : rng_(seed) {}
  std::string word() {
    const std::size_t length = 3 + rng_() % 6;
    std::string w;
    for (std::size_t i = 0; i < length; ++i) w += static_cast<char>('a' + rng_() % 26);
    return w;
  }
  std::vector<std::string> words(std::size_t n) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(word());
    return out;
  }
  std::uint32_t next() { return rng_(); }

 private:
  std::mt19937 rng_;
};

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

ShingleSet words3(const std::string& text) { return word_shingles(normalize_text(text), 3); }

std::vector<SimilarPair> brute_force(const std::vector<ShingleSet>& sets, double threshold) {
  std::vector<SimilarPair> out;
  for (std::uint32_t a = 0; a < sets.size(); ++a)
    for (std::uint32_t b = a + 1; b < sets.size(); ++b) {
      const double s = jaccard(sets[a], sets[b]);
      if (s >= threshold) out.push_back({a, b, s});
    }
  return out;
}

std::string describe(const std::vector<SimilarPair>& pairs) {
  std::string out;
  for (const SimilarPair& p : pairs)
    out += "(" + std::to_string(p.first) + ", " + std::to_string(p.second) + ", " +
           std::to_string(p.similarity) + ")\n";
  return out;
}

bool same_pairs(const std::vector<SimilarPair>& a, const std::vector<SimilarPair>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].first != b[i].first || a[i].second != b[i].second || a[i].similarity != b[i].similarity)
      return false;
  return true;
}

bool ordered(const std::vector<SimilarPair>& pairs) {
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (pairs[i].first >= pairs[i].second) return false;
    if (i > 0 && std::make_pair(pairs[i - 1].first, pairs[i - 1].second) >=
                     std::make_pair(pairs[i].first, pairs[i].second))
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("dedupe jaccard: identical sets 1, disjoint 0, partial overlap exact", "[dedupe][similarity]") {
  const ShingleSet a{1, 2, 3, 4};
  CHECK(jaccard(a, a) == 1.0);
  CHECK(jaccard(a, ShingleSet{1, 2, 3, 4}) == 1.0);
  CHECK(jaccard(a, ShingleSet{5, 6, 7}) == 0.0);
  CHECK(jaccard(a, ShingleSet{3, 4, 5, 6}) == Approx(2.0 / 6.0));
  CHECK(jaccard(a, ShingleSet{1, 2, 3}) == Approx(3.0 / 4.0));
  CHECK(jaccard(ShingleSet{1, 2, 3}, a) == jaccard(a, ShingleSet{1, 2, 3}));
  // An empty set is similar to nothing, not even to another empty set.
  CHECK(jaccard(ShingleSet{}, ShingleSet{}) == 0.0);
  CHECK(jaccard(a, ShingleSet{}) == 0.0);
  // On real texts.
  const ShingleSet t = words3("Restart the agent and check the log for errors.");
  CHECK(jaccard(t, words3("restart the **agent**, and check the log for errors")) == 1.0);
  CHECK(jaccard(t, words3("Rotate the signing certificate before it expires.")) == 0.0);
}

TEST_CASE("dedupe char_shingles: overlapping runs of n characters", "[dedupe][similarity]") {
  CHECK(char_shingles("", 4).empty());
  CHECK(char_shingles("abc", 4).size() == 1);   // shorter than n: one shingle
  CHECK(char_shingles("abcd", 4).size() == 1);  // exactly n: one shingle
  CHECK(char_shingles("abcde", 4).size() == 2);
  CHECK(char_shingles("abcdefgh", 4).size() == 5);
  CHECK(char_shingles("aaaaaaa", 2).size() == 1);   // distinct shingles only
  CHECK(char_shingles("abababab", 2).size() == 2);  // "ab", "ba"
  const ShingleSet s = char_shingles("the agent restarted", 4);
  CHECK(std::is_sorted(s.begin(), s.end()));
  CHECK(std::adjacent_find(s.begin(), s.end()) == s.end());
  CHECK(char_shingles("abcd", 4) != char_shingles("abce", 4));
  // {abc, bcd, cde, def} against {abc, bcx, cxe, xef}: one shared of seven.
  CHECK(jaccard(char_shingles("abcdef", 3), char_shingles("abcxef", 3)) == Approx(1.0 / 7.0));
  // The same run of characters is the same shingle wherever it occurs.
  CHECK(jaccard(char_shingles("abcd", 3), char_shingles("bcda", 3)) == Approx(1.0 / 3.0));
}

TEST_CASE("dedupe char_shingles: runs of 4 bytes never share a hash", "[dedupe][similarity]") {
  // Every run of 4 letters from a small alphabet, and every shorter text:
  // as many distinct shingles as distinct runs, so item similarity is exact.
  const std::string letters = "ab z\xC3\xA9";
  std::set<std::string> runs;
  std::vector<std::uint32_t> hashes;
  std::string run(4, ' ');
  for (char a : letters)
    for (char b : letters)
      for (char c : letters)
        for (char d : letters) {
          run = {a, b, c, d};
          if (runs.insert(run).second) kbgen::append_char_shingles(run, 4, hashes);
        }
  for (const std::string shorter : {"a", "b", "ab", "ba", "abc", "z\xC3"})
    kbgen::append_char_shingles(shorter, 4, hashes);
  std::sort(hashes.begin(), hashes.end());
  CHECK(std::unique(hashes.begin(), hashes.end()) == hashes.end());
  CHECK(hashes.size() == runs.size() + 6);
}

TEST_CASE("dedupe word_shingles: overlapping runs of n words", "[dedupe][similarity]") {
  CHECK(word_shingles("", 3).empty());
  CHECK(word_shingles("one", 3).size() == 1);
  CHECK(word_shingles("one two three", 3).size() == 1);  // exactly n words
  CHECK(word_shingles("one two three four", 3).size() == 2);
  CHECK(word_shingles("one two three four five", 3).size() == 3);
  CHECK(word_shingles("a b a b a b", 2).size() == 2);  // "a b", "b a"
  // {x y, y z, z w} against {z w, w x, x y}: two shared of four.
  CHECK(jaccard(word_shingles("x y z w", 2), word_shingles("z w x y", 2)) == Approx(0.5));
  // A shingle is a run of whole words, not characters.
  CHECK(jaccard(word_shingles("ab cd ef", 2), word_shingles("a bcd ef", 2)) == 0.0);
  CHECK(word_shingles("restart the agent", 1).size() == 3);
  // A text of fewer words than n is one shingle of the whole text.
  CHECK(word_shingles("restart agent", 3) == char_shingles("restart agent", 100));
}

TEST_CASE("dedupe similar_pairs: small inputs, compared pair by pair", "[dedupe][similarity]") {
  const std::vector<ShingleSet> sets{
      {1, 2, 3, 4},  // 0
      {1, 2, 3, 5},  // 1: 3/5 = 0.6 with 0
      {7, 8, 9},     // 2
      {},            // 3: empty, similar to nothing
      {},            // 4
      {1, 2, 3, 4},  // 5: equal to 0
  };
  const auto at_06 = similar_pairs(sets, 0.6);
  INFO(describe(at_06));
  REQUIRE(at_06.size() == 3);
  CHECK((at_06[0].first == 0 && at_06[0].second == 1 && at_06[0].similarity == Approx(0.6)));
  CHECK((at_06[1].first == 0 && at_06[1].second == 5 && at_06[1].similarity == 1.0));
  CHECK((at_06[2].first == 1 && at_06[2].second == 5 && at_06[2].similarity == Approx(0.6)));
  CHECK(ordered(at_06));

  const auto at_07 = similar_pairs(sets, 0.7);
  REQUIRE(at_07.size() == 1);
  CHECK((at_07[0].first == 0 && at_07[0].second == 5));

  CHECK(similar_pairs({}, 0.8).empty());
  CHECK(similar_pairs({{1, 2}}, 0.8).empty());
  CHECK(similar_pairs({{}, {}}, 0.1).empty());
}

TEST_CASE("dedupe similar_pairs: LSH finds a planted near-identical pair among 2,000 texts",
          "[dedupe][similarity]") {
  Words words(20261124);
  std::vector<std::string> texts;
  for (int i = 0; i < 2000; ++i) texts.push_back(join(words.words(60)));
  REQUIRE(std::set<std::string>(texts.begin(), texts.end()).size() == texts.size());

  // Text 25 becomes text 1700 with one word in the middle replaced, so the
  // pair must be reported as (25, 1700) although the original comes later.
  {
    std::vector<std::string> w;
    std::string current;
    for (char c : texts[1700] + " ") {
      if (c == ' ') w.push_back(current), current.clear();
      else current += c;
    }
    REQUIRE(w.size() == 60);
    w[30] = "replacedword";
    texts[25] = join(w);
  }
  // Text 900 is an exact copy of text 1999 after normalisation.
  texts[900] = "**" + texts[1999] + "**.";

  std::vector<ShingleSet> sets;
  for (const std::string& t : texts) sets.push_back(words3(t));
  const double expected = jaccard(sets[25], sets[1700]);
  CHECK(expected == Approx(55.0 / 61.0));  // 58 shingles each, 3 of them changed

  const auto pairs = similar_pairs(sets, 0.8);
  INFO(describe(pairs));
  REQUIRE(pairs.size() == 2);
  CHECK(pairs[0].first == 25);
  CHECK(pairs[0].second == 1700);
  CHECK(pairs[0].similarity == expected);
  CHECK(pairs[1].first == 900);
  CHECK(pairs[1].second == 1999);
  CHECK(pairs[1].similarity == 1.0);

  // The exact answer, by comparing every pair.
  CHECK(same_pairs(pairs, brute_force(sets, 0.8)));
  // Same input, same output.
  CHECK(same_pairs(pairs, similar_pairs(sets, 0.8)));
  // A threshold above the planted pair's similarity leaves only the copy.
  const auto strict = similar_pairs(sets, 0.95);
  REQUIRE(strict.size() == 1);
  CHECK((strict[0].first == 900 && strict[0].second == 1999));
}

TEST_CASE("dedupe similar_pairs: LSH reports nothing among texts that are all different",
          "[dedupe][similarity]") {
  Words words(7);
  std::vector<ShingleSet> sets;
  for (int i = 0; i < 2000; ++i) sets.push_back(words3(join(words.words(40))));
  for (double threshold : {0.5, 0.8, 0.9}) {
    const auto pairs = similar_pairs(sets, threshold);
    INFO("threshold " << threshold << "\n" << describe(pairs));
    CHECK(pairs.empty());
  }
}

TEST_CASE("dedupe similar_pairs: LSH results are ordered, exact and deterministic", "[dedupe][similarity]") {
  // 300 texts made of 30 families of ten variants each: every variant of a
  // family differs from the family's base text in one or two words, so pairs
  // inside a family are at least 66/90 similar and pairs across families
  // share nothing. At 0.6 LSH misses such a pair with odds below 1e-8.
  Words words(99);
  std::vector<std::vector<std::string>> bases;
  for (int f = 0; f < 30; ++f) bases.push_back(words.words(80));
  std::vector<ShingleSet> sets;
  for (int v = 0; v < 10; ++v)
    for (int f = 0; f < 30; ++f) {  // interleaved, so families are spread out
      std::vector<std::string> w = bases[f];
      w[(v * 7) % 80] = words.word();
      if (v % 2) w[(v * 13 + 40) % 80] = words.word();
      sets.push_back(words3(join(w)));
    }
  REQUIRE(sets.size() > 48);

  const auto first = similar_pairs(sets, 0.6);
  const auto second = similar_pairs(sets, 0.6);
  INFO(describe(first));
  CHECK(same_pairs(first, second));
  CHECK(ordered(first));
  for (const SimilarPair& p : first) {
    CHECK(p.first % 30 == p.second % 30);  // same family
    CHECK(p.similarity == jaccard(sets[p.first], sets[p.second]));
    CHECK(p.similarity >= 0.6);
  }
  const auto exact = brute_force(sets, 0.6);
  CHECK(exact.size() == 30 * 45);  // every pair inside every family
  CHECK(same_pairs(first, exact));
}

TEST_CASE("dedupe word_shingles: each shingle hashes its run of words like any other text",
          "[dedupe][similarity]") {
  // A text shorter than n characters is one shingle of its own hash, so
  // char_shingles(run, 1000) is the hash of one run of words; word_shingles
  // (which hashes runs in one pass for n = 3) must give the same values.
  Words words(3);
  std::vector<std::string> texts{" a b c", "a  b c d", "a b c d ", "one two three four five"};
  for (int i = 0; i < 50; ++i) texts.push_back(join(words.words(4 + words.next() % 40)));
  for (const std::string& text : texts)
    for (std::size_t n : {2u, 3u, 4u}) {  // runs of 2+ words are never empty
      INFO("\"" << text << "\", n = " << n);
      std::vector<std::size_t> starts{0};
      for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == ' ') starts.push_back(i + 1);
      if (starts.size() <= n) continue;
      ShingleSet expected;
      for (std::size_t w = 0; w + n <= starts.size(); ++w) {
        const std::size_t end = w + n < starts.size() ? starts[w + n] - 1 : text.size();
        const ShingleSet run = char_shingles(text.substr(starts[w], end - starts[w]), 1000);
        expected.insert(expected.end(), run.begin(), run.end());
      }
      std::sort(expected.begin(), expected.end());
      expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
      CHECK(word_shingles(text, n) == expected);
    }
}
