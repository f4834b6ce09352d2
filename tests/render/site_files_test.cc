// The search index's words of an entry: the first 100 distinct words (three
// bytes or more) of its texts in reading order, as normalize_text() splits
// them all joined by spaces. search_words() stops reading at the cap and
// normalizes each text alone; these tests hold it to the plain definition.
// Also: the sitemap's locations are XML-escaped.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "dedupe/normalize.h"
#include "link/link.h"
#include "render/context.h"
#include "render/site_files.h"
#include "support/texts.h"

using namespace kbgen;

namespace {

Text text(const std::string& value) { return testing::make_text(value); }

void join_steps(const std::vector<LinkedStep>& steps, std::string& all) {
  for (const LinkedStep& s : steps) {
    all += markdown_to_text(s.text.get()) + " ";
    join_steps(s.steps, all);
  }
}

// The definition: every text joined, normalized once, split, capped.
std::string words_by_definition(const Entry& e, const EntryTrees& t) {
  std::string all = std::string(e.title.value) + " " + markdown_to_text(t.summary.get()) + " " +
                    markdown_to_text(t.description.get()) + " ";
  for (std::size_t c = 0; c < e.causes.size(); ++c)
    all += std::string(e.causes[c].title.value) + " " + markdown_to_text(t.cause_details[c].get()) + " ";
  join_steps(t.diagnosis, all);
  join_steps(t.fix, all);
  join_steps(t.verification, all);
  join_steps(t.prevention, all);
  const std::string normal = normalize_text(all);
  std::unordered_set<std::string> seen;
  std::string words;
  for (std::size_t start = 0; start < normal.size() && seen.size() < 100;) {
    std::size_t end = normal.find(' ', start);
    if (end == std::string::npos) end = normal.size();
    const std::string word = normal.substr(start, end - start);
    if (word.size() > 2 && seen.insert(word).second) words += (words.empty() ? "" : " ") + word;
    start = end + 1;
  }
  return words;
}

struct Built {
  LinkedKb kb;
  EntryTrees trees;
};

Built build(Entry e) {
  std::vector<Entry> entries;
  entries.push_back(std::move(e));
  Built b{link_entries(std::move(entries), Config{}), {}};
  b.trees = link_entry_trees(b.kb, 0);
  return b;
}

Step step(const std::string& value, std::vector<Step> steps = {}) {
  Step s;
  s.text = text(value);
  s.steps = std::move(steps);
  return s;
}

// Words, punctuation and the bytes that make normalization look further:
// "](" and parentheses (link destinations), brackets, backslashes, blank
// lines, Markdown emphasis and code, capitals and non-ASCII letters.
std::string random_text(std::mt19937& rng, std::size_t words) {
  static const char* const kPieces[] = {
      "alpha", "Beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
      "Ärger", "ÉTÉ", "naïve", "x1", "ab", "token42", "the", "and", "[link](", ")", "(", "](", "]",
      "\\(", "`code`", "*em*", "\n\n", ", ", ". ", "—", "[x](http://e.com/a b)", "[y]", "-",
      // Invalid UTF-8 (lone lead and continuation bytes, overlong forms)
      // and a run long enough to cross 16-byte blocks.
      "\xC3", "\xE2\x80", "\x80", "\xC0\xA8", "\xF0\x9F", "abcdefghijklmnopqrstuvwxyz0123456789"};
  constexpr std::size_t kCount = sizeof(kPieces) / sizeof(kPieces[0]);
  std::string out;
  for (std::size_t k = 0; k < words; ++k) {
    out += kPieces[rng() % kCount];
    if (rng() % 3) out += ' ';
    if (rng() % 4 == 0) out += "w" + std::to_string(rng() % 400);
    out += ' ';
  }
  return out;
}

Entry random_entry(std::mt19937& rng) {
  const auto size = [&rng]() { return static_cast<std::size_t>(rng() % 40); };
  Entry e;
  e.code = text("E1");
  e.title = text(random_text(rng, 1 + rng() % 4));
  e.summary = text(random_text(rng, 1 + size()));
  if (rng() % 2) e.description = text(random_text(rng, size()));
  for (std::size_t c = rng() % 3; c > 0; --c) {
    Cause cause;
    cause.title = text(random_text(rng, 1 + rng() % 5));
    if (rng() % 2) cause.detail = text(random_text(rng, size()));
    e.causes.push_back(std::move(cause));
  }
  for (auto* steps : {&e.diagnosis, &e.fix, &e.verification, &e.prevention})
    for (std::size_t s = rng() % 4; s > 0; --s) {
      std::vector<Step> sub;
      for (std::size_t k = rng() % 3; k > 0; --k) sub.push_back(step(random_text(rng, 1 + size())));
      steps->push_back(step(random_text(rng, 1 + size()), std::move(sub)));
    }
  if (e.fix.empty()) e.fix.push_back(step("Restart it."));
  return e;
}

}  // namespace

TEST_CASE("search words are the first 100 distinct words in reading order", "[render][search]") {
  Entry e;
  e.code = text("E1");
  e.title = text("Token refresh fails");
  e.summary = text("The **token** cannot be refreshed: the refresh token expired.");
  e.fix.push_back(step("Sign in again.", {step("Clear the cached token first.")}));
  const Built b = build(e);
  CHECK(search_words(b.kb.entries[0], b.trees) == "token refresh fails the cannot refreshed expired sign again "
                                                   "clear cached first");
}

TEST_CASE("search words stop at the cap, wherever it falls", "[render][search]") {
  std::string many;
  for (int k = 0; k < 150; ++k) many += "word" + std::to_string(k) + " ";
  Entry e;
  e.code = text("E1");
  e.title = text("Title");
  e.summary = text("Short summary.");
  e.fix.push_back(step(many));
  e.prevention.push_back(step("Never reached prevention."));
  const Built b = build(e);
  const std::string words = search_words(b.kb.entries[0], b.trees);
  CHECK(words == words_by_definition(b.kb.entries[0], b.trees));
  // "title", "short", "summary", then word0 to word96: 100 words.
  CHECK(words.size() >= 7);
  CHECK(words.substr(words.size() - 7) == " word96");
  CHECK(words.find("reached") == std::string::npos);
}

TEST_CASE("a link destination that runs on into the next text is skipped as in the joined text",
          "[render][search]") {
  // Plain text holding "](" (escaped in Markdown, or in code) makes
  // normalization skip up to a closing parenthesis, across texts.
  Entry e;
  e.code = text("E1");
  e.title = text("Title");
  e.summary = text("See `[doc](unclosed` here");
  e.description = text("hidden words) visible words");
  e.fix.push_back(step("More text."));
  const Built b = build(e);
  const std::string words = search_words(b.kb.entries[0], b.trees);
  CHECK(words == words_by_definition(b.kb.entries[0], b.trees));
  CHECK(words.find("hidden") == std::string::npos);
  CHECK(words.find("visible") != std::string::npos);
}

TEST_CASE("search words equal the definition on generated entries", "[render][search]") {
  std::mt19937 rng(20261124);
  for (int n = 0; n < 3000; ++n) {
    const Built b = build(random_entry(rng));
    const std::string expected = words_by_definition(b.kb.entries[0], b.trees);
    INFO("entry " << n);
    REQUIRE(search_words(b.kb.entries[0], b.trees) == expected);
  }
}

TEST_CASE("sitemap locations escape XML's five special characters", "[render][sitemap]") {
  CHECK(sitemap_url("https://kb.example.com/a?x=1&y='2'", "tags/<\"t\">/") ==
        "  <url><loc>https://kb.example.com/a?x=1&amp;y=&apos;2&apos;tags/&lt;&quot;t&quot;&gt;/</loc></url>\n");
}
