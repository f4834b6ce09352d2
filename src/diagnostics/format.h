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

// Formats sorted findings. Text and github give one line per finding; json
// gives one array (also when empty).
std::string format_diagnostics(const std::vector<Diagnostic>& items, const Sources& sources,
                               const FormatOptions& options);

// "path:line:column" of a position, as the text format prints it.
std::string describe_position(SourcePos pos, const Sources& sources);

}  // namespace kbgen
