#include "diagnostics/format.h"

#include <nlohmann/json.hpp>

namespace kbgen {
namespace {

struct Place {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

Place place_of(SourcePos pos, const Sources& sources) {
  if (pos.file == kNoFile || pos.file >= sources.size()) return {"kbgen", 0, 0};
  const LineColumn lc = sources.line_column(pos);
  return {sources.at(pos.file).path, lc.line, lc.column};
}

std::string full_message(const Diagnostic& d, const Sources& sources) {
  if (!d.other) return d.message;
  return d.message + " (other place: " + describe_position(*d.other, sources) + ")";
}

// GitHub's workflow-command escaping: data escapes %, CR, LF; properties
// also escape ':' and ','.
std::string github_escape(const std::string& s, bool property) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

std::string format_text(const std::vector<Diagnostic>& items, const Sources& sources, bool color) {
  const char* bold = color ? "\x1b[1m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  std::string out;
  for (const Diagnostic& d : items) {
    const bool error = d.severity == Severity::Error;
    const char* tint = !color ? "" : error ? "\x1b[1;31m" : "\x1b[1;33m";
    out += bold;
    out += describe_position(d.pos, sources);
    out += ":";
    out += reset;
    out += " ";
    out += tint;
    out += severity_name(d.severity);
    out += reset;
    out += "[" + d.rule + "]: " + full_message(d, sources) + "\n";
  }
  return out;
}

std::string format_json(const std::vector<Diagnostic>& items, const Sources& sources) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const Diagnostic& d : items) {
    const Place p = place_of(d.pos, sources);
    nlohmann::ordered_json o;
    o["file"] = p.file;
    o["line"] = p.line;
    o["column"] = p.column;
    o["severity"] = severity_name(d.severity);
    o["rule"] = d.rule;
    o["message"] = full_message(d, sources);
    array.push_back(std::move(o));
  }
  return array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string format_github(const std::vector<Diagnostic>& items, const Sources& sources) {
  std::string out;
  for (const Diagnostic& d : items) {
    const Place p = place_of(d.pos, sources);
    out += d.severity == Severity::Error ? "::error " : "::warning ";
    out += "file=" + github_escape(p.file, true);
    out += ",line=" + std::to_string(p.line);
    out += ",col=" + std::to_string(p.column);
    out += ",title=" + github_escape(d.rule, true);
    out += "::" + github_escape(full_message(d, sources), false) + "\n";
  }
  return out;
}

}  // namespace

std::string describe_position(SourcePos pos, const Sources& sources) {
  const Place p = place_of(pos, sources);
  if (p.line == 0) return p.file;
  return p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

std::string format_diagnostics(const std::vector<Diagnostic>& items, const Sources& sources,
                               const FormatOptions& options) {
  switch (options.format) {
    case DiagnosticFormat::Json: return format_json(items, sources);
    case DiagnosticFormat::Github: return format_github(items, sources);
    case DiagnosticFormat::Text: break;
  }
  return format_text(items, sources, options.color);
}

}  // namespace kbgen
