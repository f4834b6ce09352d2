// Helpers shared by the dedupe tests: running the pipeline on an in-memory
// KB and seeing both places of a finding (the `other` place that conflicts
// and repeats name), which tests/support's Finding leaves out.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "check/dates.h"
#include "pipeline.h"
#include "support/memory_disk.h"

namespace kbgen::dedupe_testing {

using Files = std::vector<std::pair<std::string, std::string>>;

struct Place {
  std::string file;  // relative to the KB root
  unsigned line = 0;
  unsigned column = 0;
  bool operator==(const Place& o) const {
    return file == o.file && line == o.line && column == o.column;
  }
};

inline std::string to_string(const Place& p) {
  return p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

inline std::ostream& operator<<(std::ostream& os, const Place& p) { return os << to_string(p); }

struct Found {
  std::string rule;
  std::string severity;
  std::string message;
  Place at;
  std::optional<Place> other;
};

struct Run {
  PipelineResult result;
  std::vector<Found> findings;
};

inline Place place_of(const PipelineResult& r, SourcePos pos) {
  Place p;
  if (pos.file == kNoFile) return p;
  p.file = r.kb.sources.at(pos.file).rel_path;
  const LineColumn lc = r.kb.sources.line_column(pos);
  p.line = lc.line;
  p.column = lc.column;
  return p;
}

inline Run run_on_disk(const std::string& dir, const Disk& disk,
                       std::optional<double> threshold = std::nullopt) {
  CheckOptions options;
  options.today = *parse_iso_date("2026-11-24");
  Run run;
  run.result = run_checks(dir, disk, options, threshold);
  for (const Diagnostic& d : run.result.diagnostics.items()) {
    Found f;
    f.rule = d.rule;
    f.severity = severity_name(d.severity);
    f.message = d.message;
    f.at = place_of(run.result, d.pos);
    if (d.other) f.other = place_of(run.result, *d.other);
    run.findings.push_back(std::move(f));
  }
  return run;
}

// Runs the pipeline on `files` (relative path -> content) under "kb/".
inline Run run_kb(const Files& files, std::optional<double> threshold = std::nullopt) {
  testing::MemoryDisk disk;
  disk.add_dir("kb");
  for (const auto& [path, content] : files) disk.add_file("kb/" + path, content);
  return run_on_disk("kb", disk, threshold);
}

inline std::vector<Found> with_rule(const std::vector<Found>& all, const std::string& rule) {
  std::vector<Found> out;
  for (const Found& f : all)
    if (f.rule == rule) out.push_back(f);
  return out;
}

inline bool is_dedupe_rule(const std::string& rule) {
  return rule == "alias-conflict" || rule == "scalar-conflict" || rule == "duplicate-item" ||
         rule == "near-duplicate-item" || rule == "near-duplicate-entry";
}

inline std::vector<Found> dedupe_findings(const std::vector<Found>& all) {
  std::vector<Found> out;
  for (const Found& f : all)
    if (is_dedupe_rule(f.rule)) out.push_back(f);
  return out;
}

inline std::string describe(const std::vector<Found>& all) {
  std::string out;
  for (const Found& f : all) {
    out += to_string(f.at) + ": " + f.severity + "[" + f.rule + "]: " + f.message;
    if (f.other) out += " (other: " + to_string(*f.other) + ")";
    out += "\n";
  }
  return out;
}

// The only dedupe finding of `run`, checked to be of `rule` and `severity`,
// at `at` and naming `other` (the place it repeats or conflicts with). Call
// it under INFO(describe(run.findings)).
inline Found only_dedupe_finding(const Run& run, const std::string& rule, const std::string& severity,
                                 const Place& at, const Place& other) {
  const auto hits = with_rule(run.findings, rule);
  REQUIRE(hits.size() == 1);
  CHECK(dedupe_findings(run.findings).size() == 1);
  CHECK(hits[0].severity == severity);
  CHECK(hits[0].at == at);
  REQUIRE(hits[0].other);
  CHECK(*hits[0].other == other);
  return hits[0];
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Line and column (in code points) of the `nth` (from 1) occurrence of
// `needle` in `file` of `files`: where a finding about that text must point.
inline Place where(const Files& files, const std::string& file, const std::string& needle,
                   int nth = 1) {
  for (const auto& [path, content] : files) {
    if (path != file) continue;
    std::size_t at = std::string::npos;
    for (int k = 0; k < nth; ++k) {
      at = content.find(needle, at == std::string::npos ? 0 : at + 1);
      if (at == std::string::npos) return {file + " (needle not found: " + needle + ")", 0, 0};
    }
    Place p{file, 1, 1};
    for (std::size_t i = 0; i < at; ++i) {
      const unsigned char c = static_cast<unsigned char>(content[i]);
      if (c == '\n') {
        ++p.line;
        p.column = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++p.column;
      }
    }
    return p;
  }
  return {file + " (no such file)", 0, 0};
}

// The merged entry with `code`, or null.
inline const Entry* merged_entry(const Run& run, const std::string& code) {
  for (const Entry& e : run.result.merged.entries)
    if (e.code.value == code) return &e;
  return nullptr;
}

inline std::vector<std::string> step_texts(const std::vector<Step>& steps) {
  std::vector<std::string> out;
  for (const Step& s : steps) out.emplace_back(s.text.value);
  return out;
}

inline std::vector<std::string> text_values(const std::vector<Text>& texts) {
  std::vector<std::string> out;
  for (const Text& t : texts) out.emplace_back(t.value);
  return out;
}

}  // namespace kbgen::dedupe_testing
