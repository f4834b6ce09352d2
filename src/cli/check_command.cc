// kbgen check KB_DIR: load and check, print findings, exit 0/1/2.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "diagnostics/format.h"
#include "pipeline.h"

namespace kbgen::cli {

CLI::App* add_check_command(CLI::App& app, CheckArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "check",
      "Validate a knowledge base: JSON syntax, entry format, content rules and links.\n"
      "Prints one finding a line (path:line:column: severity[rule-id]: message),\n"
      "sorted by file and position, and a summary line on standard error.");
  cmd->add_option("KB_DIR", args.kb_dir, "Folder holding the entry files and kbgen.json")
      ->required();
  cmd->add_option("--format", args.format,
                  "text: one finding a line; json: one JSON array of {file, line, column,\n"
                  "severity, rule, message}; github: GitHub Actions annotations")
      ->check(CLI::IsMember({"text", "json", "github"}))
      ->capture_default_str();
  cmd->add_flag("--strict", args.strict, "Exit 1 on warnings too, not only on errors");
  cmd->add_option("--color", args.color,
                  "Colour text output: auto (on a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--today", args.today,
                  "Date (YYYY-MM-DD) that stale-review counts from; default: SOURCE_DATE_EPOCH\n"
                  "if set, else the current UTC date");
  cmd->add_option("--near-duplicate-threshold", args.near_duplicate_threshold,
                  "Jaccard similarity (0-1] from which items and entries count as near-duplicates;\n"
                  "default: near_duplicate_threshold in kbgen.json, else 0.8")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--stats", args.stats,
                "After the summary, print the time each stage took (standard error)");
  cmd->add_flag("--explain-merges", args.explain_merges,
                "After the findings, list each code built from several entry objects and what\n"
                "each object contributed (on standard error)");
  cmd->add_option("-j,--jobs", args.jobs,
                  "Threads for loading, checking and near-duplicate search (default 0: one per\n"
                  "core); the findings are identical for any number")
      ->check(CLI::Range(0u, 1024u));
  cmd->footer(
      "Exit status: 0 success (warnings allowed, unless --strict); 1 the knowledge base\n"
      "has errors (or warnings under --strict); 2 bad usage or an unreadable path.");
  return cmd;
}

namespace {

std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void print_merges(const DedupedKb& merged, const Sources& sources) {
  for (const MergeRecord& record : merged.merges) {
    std::cerr << record.code << " is merged from " << record.parts.size() << " objects:\n";
    for (const MergeContribution& part : record.parts) {
      std::cerr << "  " << describe_position(part.pos, sources) << ": ";
      if (part.fields.empty()) std::cerr << "nothing new";
      for (std::size_t i = 0; i < part.fields.size(); ++i)
        std::cerr << (i ? ", " : "") << part.fields[i];
      std::cerr << "\n";
    }
  }
}

}  // namespace

int run_check_command(const CheckArgs& args) {
  CheckOptions options;
  options.jobs = args.jobs;
  std::string error;
  if (!resolve_today(args.today, options.today, error)) {
    std::cerr << "kbgen: " << error << "\n";
    return kExitUsage;
  }
  RealDisk disk;
  std::optional<double> threshold;
  if (args.near_duplicate_threshold > 0) threshold = args.near_duplicate_threshold;
  // Never freed: the process ends right after, and freeing the entries of a
  // large knowledge base one by one took a serial tenth of a second per 50k.
  PipelineResult& result =
      *new PipelineResult(run_checks(args.kb_dir, disk, options, threshold, /*keep_objects=*/false));
  if (!result.fatal.empty()) {
    std::cerr << "kbgen: " << result.fatal << "\n";
    return kExitUsage;
  }

  FormatOptions format;
  format.format = args.format == "json"     ? DiagnosticFormat::Json
                  : args.format == "github" ? DiagnosticFormat::Github
                                            : DiagnosticFormat::Text;
  format.color = format.format == DiagnosticFormat::Text && use_color(args.color, 1);
  const auto& items = result.diagnostics.items();
  std::cout << format_diagnostics(items, result.kb.sources, format);
  std::cout.flush();

  const std::size_t errors = result.diagnostics.count(Severity::Error);
  const std::size_t warnings = result.diagnostics.count(Severity::Warning);
  if (args.explain_merges) print_merges(result.merged, result.kb.sources);
  const DedupeStats& stats = result.merged.stats;
  std::cerr << "kbgen: " << count(stats.entries, "entry", "entries") << " from "
            << count(stats.objects, "object", "objects") << " in "
            << count(result.kb.entry_files, "file", "files") << "; "
            << count(stats.merged_codes, "code", "codes") << " merged, "
            << count(stats.items_dropped, "repeated item", "repeated items") << " dropped, "
            << stats.near_duplicate_items + stats.near_duplicate_entries << " near-duplicates; "
            << count(errors, "error", "errors") << ", " << count(warnings, "warning", "warnings")
            << "\n";
  if (args.stats) print_stage_times(result.times);

  if (result.diagnostics.has_rule("unreadable-file")) return kExitUsage;
  if (errors > 0 || (args.strict && warnings > 0)) return kExitFindings;
  return kExitOk;
}

}  // namespace kbgen::cli
