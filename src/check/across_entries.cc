// missing-field for codes, dangling-related, self-related: rules that look
// at more than one entry object. Required fields other than the code are
// checked on merged entries (dedupe), since one entry may be spread over
// files and written under an alias.
#include <unordered_map>

#include "check/check.h"
#include "util/strings.h"

namespace kbgen {
namespace {

}  // namespace

void check_across_entries(const std::vector<Entry>& entries, Diagnostics& diagnostics) {
  // Every name an entry answers to (its code and aliases) -> its code.
  std::unordered_map<std::string, std::string> names;
  // For "did you mean": made at the first dangling code, as most KBs have none.
  std::unordered_map<std::string, std::string> lowered;
  for (const Entry& e : entries) {
    if (!e.code.present()) {
      diagnostics.report("missing-field", e.pos, "entry has no \"code\"");
      continue;
    }
    if (e.code.value.empty()) continue;  // reported as empty-text
    names.emplace(e.code.value, e.code.value);
    for (const Text& alias : e.aliases) names.emplace(alias.value, e.code.value);
  }

  for (const Entry& e : entries) {
    if (!e.code.present() || e.code.value.empty()) continue;
    for (const Related& r : e.related) {
      if (r.code.value.empty()) continue;  // reported as empty-text
      const auto target = names.find(std::string(r.code.value));
      if (target == names.end()) {
        std::string message = "related code \"" + std::string(r.code.value) + "\" is not in the knowledge base";
        if (lowered.empty())
          for (const auto& [name, code] : names) lowered.emplace(ascii_lower(name), code);
        if (auto near = lowered.find(ascii_lower(r.code.value)); near != lowered.end())
          message += "; did you mean \"" + near->second + "\"?";
        diagnostics.report("dangling-related", r.code.pos, message);
      } else if (target->second == e.code.value) {
        diagnostics.report("self-related", r.code.pos,
                           "entry " + std::string(e.code.value) + " lists itself as related" +
                               (r.code.value == e.code.value ? "" : " (through alias \"" + std::string(r.code.value) + "\")"));
      }
    }
  }
}

}  // namespace kbgen
