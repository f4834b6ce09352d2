// dedupe/near_duplicates: near-duplicate-item (two list items of one entry
// nearly the same) and near-duplicate-entry (two codes, nearly the same
// text), with the threshold from kbgen.json or the caller.
#include <catch2/catch.hpp>

#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "dedupe/dedupe.h"
#include "dedupe/dedupe_test_support.h"
#include "dedupe/normalize.h"
#include "dedupe/similarity.h"
#include "support/texts.h"

using namespace kbgen;
using namespace kbgen::dedupe_testing;

namespace {

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i)
    out += std::string(i ? ",\n    " : "\n    ") + "\"" + items[i] + "\"";
  return out + "\n  ]";
}

// An entry file; `extra` is spliced in before the closing brace.
std::string entry(const std::string& code, const std::string& title, const std::string& summary,
                  const std::vector<std::string>& fix, const std::string& extra = "") {
  std::string json = "{\n  \"code\": \"" + code + "\",\n  \"title\": \"" + title +
                     "\",\n  \"summary\": \"" + summary + "\",\n  \"fix\": " + quoted_list(fix);
  if (!extra.empty()) json += ",\n  " + extra;
  return json + "\n}\n";
}

// The percentage a message shows for two items (char 4-shingles), floored.
std::string item_percent(const std::string& a, const std::string& b) {
  const double s = jaccard(char_shingles(normalize_text(a), 4), char_shingles(normalize_text(b), 4));
  return std::to_string(static_cast<int>(std::floor(s * 100 + 1e-9))) + "%";
}

// The percentage in a near-duplicate message ("... is 87% similar ..."), or -1.
int percent_in(const std::string& message) {
  const std::size_t pct = message.find('%');
  if (pct == std::string::npos) return -1;
  std::size_t start = pct;
  while (start > 0 && std::isdigit(static_cast<unsigned char>(message[start - 1]))) --start;
  if (start == pct) return -1;
  return std::stoi(message.substr(start, pct - start));
}

const std::string kLongStep =
    "Open the Conditional Access tab of the failed sign-in event in the Microsoft Entra admin "
    "center and write down the name of every policy that reports a failure for this user";
const std::string kLongStepOneWordChanged =
    "Open the Conditional Access tab of the failed sign-in event in the Microsoft Entra admin "
    "center and write down the name of every policy that reports a success for this user";

// Two entries about the same problem, in nearly the same words.
const std::string kSummaryA =
    "The sync agent on the server stopped uploading changes because the certificate it uses to "
    "authenticate to the sync service has expired and the service rejects every request it makes.";
const std::string kSummaryB =
    "The sync agent on the server stopped uploading changes because the certificate it uses to "
    "authenticate to the sync service has expired and the service refuses every request it makes.";
const std::vector<std::string> kFixA = {
    "Renew the agent certificate in the admin portal under Settings and then Certificates.",
    "Restart the sync agent service with systemctl restart sync-agent on the server.",
    "Confirm in the agent log that the next upload finished without an authentication error."};
const std::vector<std::string> kFixB = {
    "Renew the agent certificate in the admin portal under Settings and then Certificates.",
    "Restart the sync agent service with systemctl restart sync-agent on the host.",
    "Confirm in the agent log that the next upload finished without an authentication error."};

}  // namespace

TEST_CASE("dedupe near-duplicate-item: two fix steps that differ by one word",
          "[dedupe][near-duplicate-item]") {
  const Files files = {{"e.json", entry("E1", "Sign-in blocked", "A policy blocked the sign-in.",
                                        {kLongStep, "Exclude the user from the policy if the block is wrong.",
                                         kLongStepOneWordChanged})}};
  const Run run = run_kb(files);
  INFO(describe(run.findings));
  // At the later item, naming the earlier one.
  const Found near = only_dedupe_finding(run, "near-duplicate-item", "warning",
                                         where(files, "e.json", "\"" + kLongStepOneWordChanged),
                                         where(files, "e.json", "\"" + kLongStep));
  CHECK(contains(near.message, "fix"));
  const std::string pct = item_percent(kLongStep, kLongStepOneWordChanged);
  CHECK(contains(near.message, pct + " similar"));
  CHECK(percent_in(near.message) >= 80);
  CHECK(percent_in(near.message) < 100);
  // Both items stay: a near-duplicate is reported, not removed.
  const Entry* e = merged_entry(run, "E1");
  REQUIRE(e);
  CHECK(e->fix.size() == 3);
  CHECK(run.result.merged.stats.near_duplicate_items == 1);
}

TEST_CASE("dedupe near-duplicate-item: in causes and diagnosis, and across merged objects",
          "[dedupe][near-duplicate-item]") {
  const Files files = {
      {"a.json", entry("E1", "Sign-in blocked", "A policy blocked the sign-in.",
                       {"Exclude the user from the policy if the block is wrong."},
                       "\"causes\": [{\"title\": \"Location block\", \"detail\": \"A named-location "
                       "policy blocks the country or IP range the user signed in from, often because "
                       "of a VPN exit point.\"}],\n"
                       "  \"diagnosis\": [\"" + kLongStep + "\"]")},
      {"b.json", R"({"code": "E1",
  "causes": [{"title": "Location block", "detail": "A named-location policy blocks the country or IP range the user signed in from, often because of a VPN exit node."}],
  "diagnosis": [")" + kLongStepOneWordChanged + R"("]})"},
  };
  const Run run = run_kb(files);
  INFO(describe(run.findings));
  const auto near = with_rule(run.findings, "near-duplicate-item");
  REQUIRE(near.size() == 2);
  CHECK(dedupe_findings(run.findings).size() == 2);
  // A cause written as an object is placed at its title.
  CHECK(near[0].at == where(files, "b.json", "\"Location block\""));
  CHECK(contains(near[0].message, "causes"));
  REQUIRE(near[0].other);
  CHECK(*near[0].other == where(files, "a.json", "\"Location block\""));
  CHECK(near[1].at == where(files, "b.json", "\"" + kLongStepOneWordChanged));
  CHECK(contains(near[1].message, "diagnosis"));
  REQUIRE(near[1].other);
  CHECK(*near[1].other == where(files, "a.json", "\"" + kLongStep));
}

TEST_CASE("dedupe near-duplicate-item: an exact repeat is a duplicate-item only",
          "[dedupe][near-duplicate-item][duplicate-item]") {
  const Files files = {{"e.json", entry("E1", "Sign-in blocked", "A policy blocked the sign-in.",
                                        {kLongStep, "Exclude the user from the policy if the block is wrong.",
                                         "**" + kLongStep + "**."})}};
  const Run run = run_kb(files);
  INFO(describe(run.findings));
  CHECK(with_rule(run.findings, "duplicate-item").size() == 1);
  CHECK(with_rule(run.findings, "near-duplicate-item").empty());
}

TEST_CASE("dedupe near-duplicate-item: different steps are not reported",
          "[dedupe][near-duplicate-item]") {
  const Files files = {{"e.json", entry("E1", "Sign-in blocked", "A policy blocked the sign-in.",
                                        {"Restart the agent with systemctl restart agent.",
                                         "Restart the proxy with systemctl restart squid.",
                                         "Renew the agent certificate in the admin portal.",
                                         "Open port 443 outbound to the sync service."})}};
  const Run run = run_kb(files);
  INFO(describe(run.findings));
  // The first two share their shape, but not 80% of their 4-character runs.
  CHECK(dedupe_findings(run.findings).empty());
}

TEST_CASE("dedupe near-duplicate-entry: two codes with nearly the same text",
          "[dedupe][near-duplicate-entry]") {
  const Files files = {
      {"E1.json", entry("E1", "Sync certificate expired", kSummaryA, kFixA)},
      {"E2.json", entry("E2", "Sync certificate expired", kSummaryB, kFixB)},
  };
  const Run run = run_kb(files);
  INFO(describe(run.findings));
  // At the later entry's '{', naming the earlier one.
  const Found near = only_dedupe_finding(run, "near-duplicate-entry", "warning", where(files, "E2.json", "{"),
                                         where(files, "E1.json", "{"));
  CHECK(contains(near.message, "E2"));
  CHECK(contains(near.message, "E1"));
  CHECK(percent_in(near.message) >= 80);
  CHECK(percent_in(near.message) < 100);
  CHECK(run.result.merged.stats.near_duplicate_entries == 1);
  // Nothing is merged or removed.
  CHECK(run.result.merged.entries.size() == 2);
}

TEST_CASE("dedupe near-duplicate-entry: each entry is reported once, against the closest earlier one",
          "[dedupe][near-duplicate-entry]") {
  const Files files = {
      {"E1.json", entry("E1", "Sync certificate expired", kSummaryA, kFixA)},
      {"E2.json", entry("E2", "Sync certificate expired", kSummaryB, kFixB)},
      {"E3.json", entry("E3", "Sync certificate expired", kSummaryB, kFixB)},  // same text as E2
  };
  const Run run = run_kb(files);
  INFO(describe(run.findings));
  const auto near = with_rule(run.findings, "near-duplicate-entry");
  REQUIRE(near.size() == 2);
  CHECK(near[0].at.file == "E2.json");
  CHECK(near[0].other->file == "E1.json");
  CHECK(near[1].at.file == "E3.json");
  CHECK(near[1].other->file == "E2.json");
  CHECK(contains(near[1].message, "100%"));
}

TEST_CASE("dedupe near-duplicate-entry: not reported when the entries list each other as related",
          "[dedupe][near-duplicate-entry]") {
  SECTION("by code") {
    const Files files = {
        {"E1.json", entry("E1", "Sync certificate expired", kSummaryA, kFixA,
                          R"("related": [{"code": "E2", "note": "E2 is the same failure on the host side."}])")},
        {"E2.json", entry("E2", "Sync certificate expired", kSummaryB, kFixB,
                          R"("related": [{"code": "E1", "note": "E1 is the same failure on the server side."}])")},
    };
    const Run run = run_kb(files);
    INFO(describe(run.findings));
    CHECK(dedupe_findings(run.findings).empty());
    CHECK(run.result.merged.stats.near_duplicate_entries == 0);
  }
  SECTION("through an alias") {
    const Files files = {
        {"E1.json", entry("E1", "Sync certificate expired", kSummaryA, kFixA,
                          R"("aliases": ["SYNC-1"], "related": ["SYNC-2"])")},
        {"E2.json", entry("E2", "Sync certificate expired", kSummaryB, kFixB,
                          R"("aliases": ["SYNC-2"], "related": ["SYNC-1"])")},
    };
    const Run run = run_kb(files);
    INFO(describe(run.findings));
    CHECK(dedupe_findings(run.findings).empty());
  }
}

TEST_CASE("dedupe near-duplicate-entry: clearly different entries are not reported",
          "[dedupe][near-duplicate-entry]") {
  const Files files = {
      {"E1.json", entry("E1", "Sync certificate expired", kSummaryA, kFixA)},
      {"E2.json",
       entry("E2", "Proxy rejects the agent",
             "The outbound proxy answers the agent with 407 Proxy Authentication Required because the "
             "agent's service account is not allowed to use it.",
             {"Add the agent host to the proxy bypass list for the sync service endpoints.",
              "Or give the agent's service account a proxy rule that allows the sync service."})},
      {"E3.json",
       entry("E3", "Disk full", "The agent cannot write its cache because the data volume is full.",
             {"Free space on the data volume or move the cache to a larger disk with the agent's "
              "cache_dir setting."})},
  };
  const Run run = run_kb(files);
  INFO(describe(run.findings));
  CHECK(dedupe_findings(run.findings).empty());
}

TEST_CASE("dedupe near-duplicate-entry: entries with too little text are not compared",
          "[dedupe][near-duplicate-entry]") {
  const Files files = {
      {"E1.json", entry("E1", "Timeout", "The request timed out.", {"Retry after a minute."})},
      {"E2.json", entry("E2", "Timeout", "The request timed out.", {"Retry after a minute."})},
  };
  const Run run = run_kb(files);
  INFO(describe(run.findings));
  CHECK(with_rule(run.findings, "near-duplicate-entry").empty());
}

TEST_CASE("dedupe near-duplicate threshold: from kbgen.json, overridden by the caller",
          "[dedupe][near-duplicate-entry][near-duplicate-item]") {
  // E2 shares the first half of E1's text and then says something else:
  // similar, but well below the default 0.8.
  const std::string e1 = entry("E1", "Sync certificate expired", kSummaryA, kFixA);
  const std::string e2 = entry(
      "E2", "Sync certificate expired", kSummaryA,
      {kFixA[0], "Give the agent's service account read access to the new certificate's private key.",
       "Check that the agent host's clock is within five minutes of the sync service."});
  auto files_with = [&](const std::string& config) {
    Files files = {{"E1.json", e1}, {"E2.json", e2}};
    if (!config.empty()) files.push_back({"kbgen.json", config});
    return files;
  };
  auto near_entries = [](const Run& run) { return with_rule(run.findings, "near-duplicate-entry"); };

  const Run by_default = run_kb(files_with(""));
  INFO(describe(by_default.findings));
  CHECK(near_entries(by_default).empty());

  const Run low = run_kb(files_with(R"({"near_duplicate_threshold": 0.4})"));
  INFO(describe(low.findings));
  REQUIRE(near_entries(low).size() == 1);
  const int pct = percent_in(near_entries(low)[0].message);
  CHECK(pct >= 40);
  CHECK(pct < 80);
  // Every finding of the config file itself would be an error here: none.
  for (const Found& f : low.findings) CHECK(f.at.file != "kbgen.json");

  // The caller's threshold wins over kbgen.json's, both ways.
  const Run caller_high = run_kb(files_with(R"({"near_duplicate_threshold": 0.4})"), 0.95);
  INFO(describe(caller_high.findings));
  CHECK(near_entries(caller_high).empty());
  const Run caller_low = run_kb(files_with(""), 0.4);
  INFO(describe(caller_low.findings));
  CHECK(near_entries(caller_low).size() == 1);

  // A near-identical pair of entries disappears above its similarity.
  const Files pair = {{"E1.json", entry("E1", "Sync certificate expired", kSummaryA, kFixA)},
                      {"E2.json", entry("E2", "Sync certificate expired", kSummaryB, kFixB)},
                      {"kbgen.json", R"({"near_duplicate_threshold": 1})"}};
  const Run strict = run_kb(pair);
  INFO(describe(strict.findings));
  CHECK(near_entries(strict).empty());
  CHECK(near_entries(run_kb(pair, 0.8)).size() == 1);

  // The same threshold applies to items.
  const Files items = {{"e.json", entry("E1", "Sign-in blocked", "A policy blocked the sign-in.",
                                        {kLongStep, kLongStepOneWordChanged})},
                       {"kbgen.json", R"({"near_duplicate_threshold": 0.99})"}};
  CHECK(with_rule(run_kb(items).findings, "near-duplicate-item").empty());
  CHECK(with_rule(run_kb(items, 0.8).findings, "near-duplicate-item").size() == 1);
}

TEST_CASE("dedupe report_near_duplicates: called directly on merged entries", "[dedupe]") {
  auto text = [](const std::string& v, std::uint32_t offset) { return testing::make_text(v, SourcePos{0, offset}); };
  DedupedKb kb;
  for (int i = 0; i < 2; ++i) {
    Entry e;
    e.pos = SourcePos{0, static_cast<std::uint32_t>(i * 1000)};
    e.code = text(i == 0 ? "E1" : "E2", e.pos.offset + 1);
    e.title = text("Sync certificate expired", e.pos.offset + 2);
    e.summary = text(i == 0 ? kSummaryA : kSummaryB, e.pos.offset + 3);
    for (const std::string& f : i == 0 ? kFixA : kFixB) e.fix.push_back({text(f, e.pos.offset + 4), {}});
    kb.entries.push_back(e);
  }
  Diagnostics diagnostics;
  report_near_duplicates(kb, DedupeOptions{}, diagnostics);
  REQUIRE(diagnostics.items().size() == 1);
  CHECK(diagnostics.items()[0].rule == "near-duplicate-entry");
  CHECK(diagnostics.items()[0].pos.offset == 1000);
  REQUIRE(diagnostics.items()[0].other);
  CHECK(diagnostics.items()[0].other->offset == 0);
  CHECK(kb.stats.near_duplicate_entries == 1);

  Diagnostics none;
  DedupeOptions strict;
  strict.near_duplicate_threshold = 1.0;
  DedupedKb again = kb;
  again.stats = {};
  report_near_duplicates(again, strict, none);
  CHECK(none.items().empty());
}

TEST_CASE("dedupe near-duplicate-entry: the message shows the similarity, not a rounding error below it",
          "[dedupe][near-duplicate-entry]") {
  // Word 3-shingles: 31 shared words give 29 shared shingles; 10 and 11 more
  // words give 10 and 11 shingles of each entry's own. 29 / 50 = 58%, which
  // in floating point is 57.99999999999999 when multiplied by 100.
  auto words = [](const std::string& prefix, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += (out.empty() ? "" : " ") + prefix + std::to_string(i);
    return out;
  };
  const std::string shared = words("shared", 31);
  DedupedKb kb;
  for (int i = 0; i < 2; ++i) {
    Entry e;
    e.pos = SourcePos{0, static_cast<std::uint32_t>(i * 1000)};
    e.code = testing::make_text(i == 0 ? "E1" : "E2");
    e.title = testing::make_text(shared + " " + (i == 0 ? words("first", 10) : words("second", 11)));
    kb.entries.push_back(e);
  }
  const double s = jaccard(word_shingles(normalize_text(kb.entries[0].title.value), 3),
                           word_shingles(normalize_text(kb.entries[1].title.value), 3));
  REQUIRE(s == 29.0 / 50.0);
  DedupeOptions options;
  options.near_duplicate_threshold = 0.58;
  Diagnostics diagnostics;
  report_near_duplicates(kb, options, diagnostics);
  REQUIRE(diagnostics.items().size() == 1);
  INFO(diagnostics.items()[0].message);
  CHECK(contains(diagnostics.items()[0].message, " 58% similar"));
}

TEST_CASE("dedupe sample KB: nothing to report, and AADSTS53003 is merged from two objects",
          "[dedupe]") {
  const RealDisk disk;
  CheckOptions options;
  options.today = *parse_iso_date("2026-11-24");
  const PipelineResult result = run_checks(KBGEN_SOURCE_DIR "/kb", disk, options);
  REQUIRE(result.fatal.empty());
  std::string found;
  for (const Diagnostic& d : result.diagnostics.items())
    if (is_dedupe_rule(d.rule)) found += d.rule + ": " + d.message + "\n";
  INFO(found);
  CHECK(found.empty());

  const Entry* merged = nullptr;
  for (const Entry& e : result.merged.entries)
    if (e.code.value == "AADSTS53003") merged = &e;
  REQUIRE(merged);
  REQUIRE(merged->sources.size() == 2);
  CHECK(result.kb.sources.at(merged->sources[0].file).rel_path == "conditional-access/AADSTS53003.json");
  CHECK(result.kb.sources.at(merged->sources[1].file).rel_path ==
        "conditional-access/AADSTS53003.prevention.json");
  CHECK(merged->prevention.size() == 3 + 4);
  CHECK(merged->references.size() == 6 + 2);

  const MergeRecord* record = nullptr;
  for (const MergeRecord& r : result.merged.merges)
    if (r.code == "AADSTS53003") record = &r;
  REQUIRE(record);
  REQUIRE(record->parts.size() == 2);
  CHECK(record->parts[1].fields == std::vector<std::string>{"prevention +4", "references +2"});
  CHECK(result.merged.stats.near_duplicate_items == 0);
  CHECK(result.merged.stats.near_duplicate_entries == 0);
  CHECK(result.merged.stats.items_dropped == 0);
}
