// dedupe/dedupe: dedupe_entries() merges and scans entries in parallel in one
// pass; its findings, entries and counts must not depend on the number of
// threads, and must equal merge_entries() followed by report_near_duplicates().
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "dedupe/dedupe.h"
#include "support/texts.h"

using namespace kbgen;

namespace {

class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}
  std::string words(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
      out += out.empty() ? "" : " ";
      for (std::size_t c = 0, length = 2 + rng_() % 6; c < length; ++c) out += static_cast<char>('a' + rng_() % 26);
    }
    return out;
  }
  std::uint32_t below(std::uint32_t n) { return rng_() % n; }
  Text text(std::string_view value) { return testing::make_text(value, SourcePos{0, offset_++}); }

 private:
  std::mt19937 rng_;
  std::uint32_t offset_ = 0;
};

// 120 objects: some share a code or name another's alias, some repeat or
// nearly repeat items (sub-steps too), some nearly repeat other entries, and
// one text ends with a backslash.
std::vector<Entry> objects() {
  Generator g(20261124);
  std::vector<Entry> out;
  for (int i = 0; i < 120; ++i) {
    Entry e;
    e.pos = SourcePos{0, static_cast<std::uint32_t>(i * 100000)};
    const int code = i % 10 == 9 ? i - 5 : i;  // every tenth object adds to an earlier code
    e.code = g.text("E" + std::to_string(code));
    if (i % 17 == 3) e.aliases.push_back(g.text("E" + std::to_string(i + 1)));
    e.title = g.text(g.words(5));
    e.summary = g.text(g.words(20) + (i == 7 ? " \\" : ""));
    for (int c = 0; c < 3; ++c) e.causes.push_back(Cause{g.text(g.words(4)), g.text(g.words(12))});
    for (int s = 0; s < 5; ++s) {
      Step step{g.text(g.words(10)), {}};
      for (int sub = 0; sub < static_cast<int>(g.below(3)); ++sub) step.steps.push_back({g.text(g.words(6)), {}});
      if (!step.steps.empty() && s == 2) step.steps.push_back({g.text(step.steps[0].text.value), {}});
      e.fix.push_back(std::move(step));
    }
    if (i % 4 == 0) e.fix.push_back({g.text(std::string(e.fix[1].text.value) + " now"), {}});  // near-duplicate item
    if (i % 6 == 0) e.fix.push_back({g.text(e.fix[0].text.value), {}});           // repeated item
    if (i % 8 == 1 && i > 20) {  // a near-duplicate of an earlier entry
      const Entry& earlier = out[static_cast<std::size_t>(i - 20)];
      e.title = g.text(earlier.title.value);
      e.summary = g.text(earlier.summary.value);
      e.causes = earlier.causes;
      e.fix = earlier.fix;
      e.fix[0].text = g.text(g.words(3));
    }
    e.lists_present.push_back({"fix", e.pos});
    out.push_back(std::move(e));
  }
  return out;
}

std::string describe(const DedupedKb& kb, const Diagnostics& diagnostics) {
  std::string out;
  for (const Entry& e : kb.entries) out += std::string(e.code.value) + " " + std::to_string(e.fix.size()) + "\n";
  for (const Diagnostic& d : diagnostics.items())
    out += d.rule + " " + std::to_string(d.pos.offset) + " " +
           (d.other ? std::to_string(d.other->offset) : "-") + " " + d.message + "\n";
  const DedupeStats& s = kb.stats;
  for (std::size_t n : {s.objects, s.entries, s.merged_codes, s.items_dropped, s.near_duplicate_items,
                        s.near_duplicate_entries, kb.merges.size()})
    out += std::to_string(n) + " ";
  return out;
}

}  // namespace

TEST_CASE("dedupe dedupe_entries: same result for any number of threads, and as the two parts",
          "[dedupe]") {
  DedupeOptions options;
  options.near_duplicate_threshold = 0.7;
  Diagnostics two_steps;
  DedupedKb expected_kb = merge_entries(objects(), two_steps);
  report_near_duplicates(expected_kb, options, two_steps);
  const std::string expected = describe(expected_kb, two_steps);
  CHECK(expected_kb.stats.merged_codes > 0);
  CHECK(expected_kb.stats.items_dropped > 0);
  CHECK(expected_kb.stats.near_duplicate_items > 0);
  CHECK(expected_kb.stats.near_duplicate_entries > 0);
  for (unsigned jobs : {1u, 2u, 3u, 8u}) {
    INFO("jobs " << jobs);
    options.jobs = jobs;
    Diagnostics diagnostics;
    const DedupedKb kb = dedupe_entries(objects(), options, diagnostics);
    CHECK(describe(kb, diagnostics) == expected);
  }
}
