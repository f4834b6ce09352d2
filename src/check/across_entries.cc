// missing-field (per code), empty required lists, dangling-related,
// self-related: rules that look at more than one entry object.
#include <map>
#include <unordered_map>

#include "check/check.h"
#include "util/strings.h"

namespace kbgen {
namespace {

// The objects that share one code, in load order.
using Groups = std::map<std::string, std::vector<const Entry*>>;

void check_required(const std::string& code, const std::vector<const Entry*>& group,
                    Diagnostics& diagnostics) {
  const Entry& first = *group.front();
  auto any = [&](auto&& has) {
    for (const Entry* e : group)
      if (has(*e)) return true;
    return false;
  };
  if (!any([](const Entry& e) { return e.title.present; }))
    diagnostics.report("missing-field", first.pos, "entry " + code + " has no \"title\"");
  if (!any([](const Entry& e) { return e.summary.present; }))
    diagnostics.report("missing-field", first.pos, "entry " + code + " has no \"summary\"");
  const SourcePos* fix_list = nullptr;  // the first "fix": [...] of the group
  for (const Entry* e : group)
    for (const auto& [name, pos] : e->lists_present)
      if (name == "fix" && !fix_list) fix_list = &pos;
  if (!fix_list)
    diagnostics.report("missing-field", first.pos,
                       "entry " + code + " has no \"fix\": every entry needs at least one fix step");
  else if (!any([](const Entry& e) { return !e.fix.empty(); }))
    diagnostics.report("empty-text", *fix_list, "\"fix\" of entry " + code + " has no steps");
}

}  // namespace

void check_across_entries(const std::vector<Entry>& entries, Diagnostics& diagnostics) {
  Groups groups;
  // Every name an entry answers to (its code and aliases) -> its code.
  std::unordered_map<std::string, std::string> names;
  std::unordered_map<std::string, std::string> lowered;  // for "did you mean"
  for (const Entry& e : entries) {
    if (!e.code.present) {
      diagnostics.report("missing-field", e.pos, "entry has no \"code\"");
      continue;
    }
    if (e.code.value.empty()) continue;  // reported as empty-text
    groups[e.code.value].push_back(&e);
    names.emplace(e.code.value, e.code.value);
    for (const Text& alias : e.aliases) names.emplace(alias.value, e.code.value);
  }
  for (const auto& [name, code] : names) lowered.emplace(ascii_lower(name), code);

  for (const auto& [code, group] : groups) check_required(code, group, diagnostics);

  for (const Entry& e : entries) {
    if (!e.code.present || e.code.value.empty()) continue;
    for (const Related& r : e.related) {
      if (r.code.value.empty()) continue;  // reported as empty-text
      const auto target = names.find(r.code.value);
      if (target == names.end()) {
        std::string message = "related code \"" + r.code.value + "\" is not in the knowledge base";
        if (auto near = lowered.find(ascii_lower(r.code.value)); near != lowered.end())
          message += "; did you mean \"" + near->second + "\"?";
        diagnostics.report("dangling-related", r.code.pos, message);
      } else if (target->second == e.code.value) {
        diagnostics.report("self-related", r.code.pos,
                           "entry " + e.code.value + " lists itself as related" +
                               (r.code.value == e.code.value ? "" : " (through alias \"" + r.code.value + "\")"));
      }
    }
  }
}

}  // namespace kbgen
