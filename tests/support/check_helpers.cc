#include "support/check_helpers.h"

#include "check/dates.h"

namespace kbgen::testing {

std::vector<Finding> check_files(const std::vector<std::pair<std::string, std::string>>& files,
                                 const std::string& today) {
  MemoryDisk disk;
  disk.add_dir("kb");
  for (const auto& [path, content] : files) disk.add_file("kb/" + path, content);
  CheckOptions options;
  options.today = *parse_iso_date(today);
  return findings_of(run_checks("kb", disk, options));
}

std::vector<Finding> findings_of(const PipelineResult& result) {
  std::vector<Finding> out;
  for (const Diagnostic& d : result.diagnostics.items()) {
    Finding f;
    if (d.pos.file != kNoFile) {
      f.file = result.kb.sources.at(d.pos.file).rel_path;
      const LineColumn lc = result.kb.sources.line_column(d.pos);
      f.line = lc.line;
      f.column = lc.column;
    }
    f.severity = severity_name(d.severity);
    f.rule = d.rule;
    f.message = d.message;
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<Finding> check_entry(const std::string& json, const std::string& today) {
  return check_files({{"entry.json", json}}, today);
}

std::vector<Finding> with_rule(const std::vector<Finding>& findings, const std::string& rule) {
  std::vector<Finding> out;
  for (const Finding& f : findings)
    if (f.rule == rule) out.push_back(f);
  return out;
}

std::string valid_entry(const std::string& extra, const std::string& code) {
  std::string json = "{\n  \"code\": \"" + code +
                     "\",\n  \"title\": \"Title\",\n  \"summary\": \"Summary.\",\n"
                     "  \"fix\": [\"Restart the agent with `systemctl restart agent`.\"]";
  if (!extra.empty()) json += ",\n  " + extra;
  return json + "\n}\n";
}

std::string describe(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings)
    out += f.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + ": " +
           f.severity + "[" + f.rule + "]: " + f.message + "\n";
  return out;
}

}  // namespace kbgen::testing
