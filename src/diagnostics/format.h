// One formatter per `--format`: text (one finding a line, for people and
// grep), json (one array, for tools), github (workflow commands that
// annotate a pull request).
#pragma once

#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace kbgen {

enum class DiagnosticFormat { Text, Json, Github };

struct FormatOptions {
  DiagnosticFormat format = DiagnosticFormat::Text;
  bool color = false;  // text only
};

// A finding with its places turned into text: what the formats print, and
// what an up-to-date build replays from its manifest without the sources.
struct ResolvedFinding {
  Severity severity = Severity::Error;
  std::string rule;
  std::string message;  // with the other place, if any, appended
  std::string file;     // "kbgen" when not about one file
  std::uint32_t line = 0, column = 0;  // 0: no position
};

std::vector<ResolvedFinding> resolve_findings(const std::vector<Diagnostic>& items, const Sources& sources);
std::string format_findings(const std::vector<ResolvedFinding>& items, const FormatOptions& options);

// Formats sorted findings. Text and github give one line per finding; json
// gives one array (also when empty).
std::string format_diagnostics(const std::vector<Diagnostic>& items, const Sources& sources,
                               const FormatOptions& options);

// "path:line:column" of a position, as the text format prints it.
std::string describe_position(SourcePos pos, const Sources& sources);

}  // namespace kbgen
