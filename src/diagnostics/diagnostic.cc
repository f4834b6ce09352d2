#include "diagnostics/diagnostic.h"

#include <algorithm>
#include <iterator>
#include <tuple>

#include "diagnostics/rules.h"

namespace kbgen {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Off: return "off";
  }
  return "error";
}

void Diagnostics::report(const std::string& rule, SourcePos pos, std::string message,
                         std::optional<SourcePos> other) {
  const RuleInfo* info = find_rule(rule);
  Diagnostic d;
  d.severity = info ? info->default_severity : Severity::Error;
  d.rule = rule;
  d.message = std::move(message);
  d.pos = pos;
  d.other = other;
  items_.push_back(std::move(d));
}

void Diagnostics::append(Diagnostics&& other) {
  items_.insert(items_.end(), std::make_move_iterator(other.items_.begin()),
                std::make_move_iterator(other.items_.end()));
  other.items_.clear();
}

std::size_t Diagnostics::count(Severity s) const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

bool Diagnostics::has_rule(const std::string& rule) const {
  return std::any_of(items_.begin(), items_.end(),
                     [&](const Diagnostic& d) { return d.rule == rule; });
}

void sort_diagnostics(std::vector<Diagnostic>& items, const Sources& sources) {
  static const std::string kNoPath;
  auto path_of = [&](const Diagnostic& d) -> const std::string& {
    return d.pos.file == kNoFile ? kNoPath : sources.at(d.pos.file).path;
  };
  std::stable_sort(items.begin(), items.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    return std::forward_as_tuple(path_of(a), a.pos.offset, a.rule, a.message) <
           std::forward_as_tuple(path_of(b), b.pos.offset, b.rule, b.message);
  });
}

}  // namespace kbgen
