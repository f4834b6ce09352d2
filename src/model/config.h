// Site configuration read from KB_DIR/kbgen.json (SPEC §4).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace kbgen {

struct Namespace {
  std::string prefix;
  std::string pattern;  // ECMAScript regular expression, matched against the whole code
  std::string name;
  std::shared_ptr<const std::regex> regex;  // compiled once; null when the pattern is invalid
};

struct Config {
  std::string title = "Knowledge base";
  std::string base_url;
  std::vector<Namespace> namespaces;
  int stale_after_days = 365;
  std::optional<double> near_duplicate_threshold;  // Jaccard similarity, 0 < t <= 1
  std::map<std::string, Severity> rule_severities;
  std::string templates;  // folder of template overrides, relative to the KB folder
  SourcePos pos;  // the file, for findings about the configuration as a whole
};

}  // namespace kbgen
