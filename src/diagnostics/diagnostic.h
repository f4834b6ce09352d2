// Findings are values: stages append them to a Diagnostics sink, the CLI
// formats them once and chooses the exit code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/source.h"

namespace kbgen {

enum class Severity { Off, Warning, Error };

const char* severity_name(Severity s);

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string rule;     // a stable id from rules.h
  std::string message;
  SourcePos pos;        // file == kNoFile: not about one file (line/col 0)
  std::optional<SourcePos> other;  // a second place, e.g. the other side of a conflict
};

class Diagnostics {
 public:
  // Adds a finding with the rule's default severity.
  void report(const std::string& rule, SourcePos pos, std::string message,
              std::optional<SourcePos> other = std::nullopt);

  // Moves `other`'s findings after this sink's (parallel work reports into
  // one sink per task, appended in task order).
  void append(Diagnostics&& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }

  std::size_t count(Severity s) const;
  bool has_rule(const std::string& rule) const;

 private:
  std::vector<Diagnostic> items_;
};

// Orders findings by file path, then position, then rule: the order users and
// CI see, independent of the order stages found them in.
void sort_diagnostics(std::vector<Diagnostic>& items, const Sources& sources);

}  // namespace kbgen
