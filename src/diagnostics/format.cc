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

std::string place_text(const ResolvedFinding& f) {
  if (f.line == 0) return f.file;
  return f.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
}

std::string format_text(const std::vector<ResolvedFinding>& items, bool color) {
  const char* bold = color ? "\x1b[1m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  std::string out;
  for (const ResolvedFinding& f : items) {
    const bool error = f.severity == Severity::Error;
    const char* tint = !color ? "" : error ? "\x1b[1;31m" : "\x1b[1;33m";
    out += bold;
    out += place_text(f);
    out += ":";
    out += reset;
    out += " ";
    out += tint;
    out += severity_name(f.severity);
    out += reset;
    out += "[" + f.rule + "]: " + f.message + "\n";
  }
  return out;
}

std::string format_json(const std::vector<ResolvedFinding>& items) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const ResolvedFinding& f : items) {
    nlohmann::ordered_json o;
    o["file"] = f.file;
    o["line"] = f.line;
    o["column"] = f.column;
    o["severity"] = severity_name(f.severity);
    o["rule"] = f.rule;
    o["message"] = f.message;
    array.push_back(std::move(o));
  }
  return array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string format_github(const std::vector<ResolvedFinding>& items) {
  std::string out;
  for (const ResolvedFinding& f : items) {
    out += f.severity == Severity::Error ? "::error " : "::warning ";
    out += "file=" + github_escape(f.file, true);
    out += ",line=" + std::to_string(f.line);
    out += ",col=" + std::to_string(f.column);
    out += ",title=" + github_escape(f.rule, true);
    out += "::" + github_escape(f.message, false) + "\n";
  }
  return out;
}

}  // namespace

std::string describe_position(SourcePos pos, const Sources& sources) {
  const Place p = place_of(pos, sources);
  if (p.line == 0) return p.file;
  return p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

std::vector<ResolvedFinding> resolve_findings(const std::vector<Diagnostic>& items, const Sources& sources) {
  std::vector<ResolvedFinding> out;
  out.reserve(items.size());
  for (const Diagnostic& d : items) {
    const Place p = place_of(d.pos, sources);
    out.push_back({d.severity, d.rule, full_message(d, sources), p.file, p.line, p.column});
  }
  return out;
}

std::string format_findings(const std::vector<ResolvedFinding>& items, const FormatOptions& options) {
  switch (options.format) {
    case DiagnosticFormat::Json: return format_json(items);
    case DiagnosticFormat::Github: return format_github(items);
    case DiagnosticFormat::Text: break;
  }
  return format_text(items, options.color);
}

std::string format_diagnostics(const std::vector<Diagnostic>& items, const Sources& sources,
                               const FormatOptions& options) {
  return format_findings(resolve_findings(items, sources), options);
}

}  // namespace kbgen
