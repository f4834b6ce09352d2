#include "diagnostics/rules.h"

#include <algorithm>

namespace kbgen {

const std::vector<RuleInfo>& all_rules() {
  static const std::vector<RuleInfo> rules = {
      // Reading files.
      {"json-syntax", Severity::Error, "not valid JSON (position: where parsing stopped)"},
      {"duplicate-key", Severity::Error, "the same key twice in one JSON object"},
      {"unreadable-file", Severity::Error, "a file or folder of the KB could not be read"},
      {"file-too-large", Severity::Error, "an entry file larger than kbgen reads (64 MiB)"},
      {"symlink-loop", Severity::Warning, "a folder link that leads back into a folder already read"},
      {"bad-config", Severity::Error, "kbgen.json holds a value kbgen cannot use"},
      // The shape of an entry.
      {"wrong-type", Severity::Error, "a field of the wrong JSON type"},
      {"missing-field", Severity::Error, "a required field is absent (position: the entry's '{')"},
      {"unknown-field", Severity::Error, "a key the format does not know (position: the key)"},
      {"bad-code", Severity::Error, "a code that breaks the code pattern or its namespace's"},
      {"bad-tag", Severity::Error, "a tag that is not a lower-case slug"},
      {"bad-url", Severity::Error, "a reference URL that is not http(s):// or mailto:"},
      {"bad-date", Severity::Error, "a date that is not a real YYYY-MM-DD date"},
      // Content.
      {"empty-text", Severity::Error, "empty or white-space-only text, or an empty required list"},
      {"placeholder-text", Severity::Error, "generator-failure or placeholder text"},
      {"vague-step", Severity::Warning, "a step with no actionable content"},
      {"stale-review", Severity::Warning, "`reviewed` older than `stale_after_days`"},
      // Links between entries.
      {"dangling-related", Severity::Error, "`related` names a code not in the KB"},
      {"self-related", Severity::Warning, "an entry relates to itself"},
      // Deduplication.
      {"alias-conflict", Severity::Error, "an alias equals another entry's code or alias"},
      {"scalar-conflict", Severity::Error, "entries merged under one code disagree on a scalar field"},
      {"duplicate-item", Severity::Warning, "a list item repeated (after normalisation); removed"},
      {"near-duplicate-item", Severity::Warning, "two list items of one entry nearly the same"},
      {"near-duplicate-entry", Severity::Warning, "two entries with different codes nearly the same"},
  };
  return rules;
}

const RuleInfo* find_rule(const std::string& id) {
  for (const RuleInfo& r : all_rules())
    if (id == r.id) return &r;
  return nullptr;
}

static bool can_be_configured(const std::string& rule) {
  return rule != "unreadable-file" && rule != "bad-config";
}

void apply_rule_severities(std::vector<Diagnostic>& items, const RuleSeverities& severities) {
  for (Diagnostic& d : items) {
    auto it = severities.find(d.rule);
    if (it != severities.end() && can_be_configured(d.rule)) d.severity = it->second;
  }
  items.erase(std::remove_if(items.begin(), items.end(),
                             [](const Diagnostic& d) { return d.severity == Severity::Off; }),
              items.end());
}

}  // namespace kbgen
