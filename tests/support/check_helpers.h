// Running the check pipeline on small in-memory knowledge bases, and finding
// what it reported, with line and column resolved.
#pragma once

#include <string>
#include <vector>

#include "pipeline.h"
#include "support/memory_disk.h"

namespace kbgen::testing {

struct Finding {
  std::string file;  // relative to the KB root
  unsigned line = 0;
  unsigned column = 0;
  std::string severity;  // "error" / "warning"
  std::string rule;
  std::string message;
};

// Checks a KB made of `files` (relative path -> content) under "kb/".
// `today` is the date stale-review counts from.
std::vector<Finding> check_files(const std::vector<std::pair<std::string, std::string>>& files,
                                 const std::string& today = "2026-11-24");

// The findings of a pipeline run, positions resolved (as check_files gives them).
std::vector<Finding> findings_of(const PipelineResult& result);

// Checks one entry file "kb/entry.json".
std::vector<Finding> check_entry(const std::string& json, const std::string& today = "2026-11-24");

// The findings of one rule.
std::vector<Finding> with_rule(const std::vector<Finding>& findings, const std::string& rule);

// A minimal valid entry with `extra` spliced in before the closing brace,
// e.g. valid_entry(R"("tags": ["x"])").
std::string valid_entry(const std::string& extra = "", const std::string& code = "E1");

std::string describe(const std::vector<Finding>& findings);

}  // namespace kbgen::testing
