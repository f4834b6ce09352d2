// The rule ids: stable names users filter on and CI greps for (SPEC §3).
// One table, used for default severities, for validating kbgen.json "rules",
// and for `kbgen rules`.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace kbgen {

struct RuleInfo {
  const char* id;
  Severity default_severity;
  const char* summary;
};

const std::vector<RuleInfo>& all_rules();
const RuleInfo* find_rule(const std::string& id);

// Per-KB severities from kbgen.json "rules": Off drops a finding.
using RuleSeverities = std::map<std::string, Severity>;

// Applies the KB's severities and drops findings turned off. Rules about the
// run itself (unreadable files, bad configuration) cannot be turned off.
void apply_rule_severities(std::vector<Diagnostic>& items, const RuleSeverities& severities);

}  // namespace kbgen
