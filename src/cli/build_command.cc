// kbgen build KB_DIR: check, then render every output into OUT_DIR.
#include <chrono>
#include <cstdlib>
#include <optional>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "diagnostics/format.h"
#include "pipeline.h"
#include "util/progress.h"

namespace kbgen::cli {
namespace {

// A second, as the progress display promises; KBGEN_PROGRESS_DELAY_MS
// changes it so that tests can see the display on a small KB.
std::chrono::milliseconds progress_delay() {
  const char* env = std::getenv("KBGEN_PROGRESS_DELAY_MS");
  return std::chrono::milliseconds(env && *env ? std::strtol(env, nullptr, 10) : 1000);
}

}  // namespace

CLI::App* add_build_command(CLI::App& app, BuildArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "build",
      "Check a knowledge base and, when it has no errors, render it into OUT_DIR.\n"
      "The new site is written beside OUT_DIR and swapped in only when complete: on\n"
      "any error OUT_DIR is left exactly as it was. Output is byte-identical for the\n"
      "same input, whatever the machine, locale or time zone.");
  cmd->add_option("KB_DIR", args.kb_dir, "Folder holding the entry files and kbgen.json")->required();
  cmd->add_option("-o,--out", args.out_dir, "Output folder")->capture_default_str();
  cmd->add_option("--only", args.only,
                  "Comma-separated outputs to build: html, markdown, runbook, json; default: all");
  cmd->add_option("--templates", args.templates,
                  "Folder of template files overriding the built-in ones, file by file\n"
                  "(default: \"templates\" in kbgen.json); see docs/templates.md");
  cmd->add_option("--today", args.today,
                  "Date (YYYY-MM-DD) for stale-review and \"review overdue\"; default:\n"
                  "SOURCE_DATE_EPOCH if set, else the current UTC date");
  cmd->add_option("--near-duplicate-threshold", args.near_duplicate_threshold,
                  "As for kbgen check")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--runbook-filter", args.runbook_filter,
                  "Only these entries in the runbook, e.g. \"tag:vpn,category:Conditional Access,\n"
                  "code:AADSTS53003\" (an entry matching any term is in)");
  cmd->add_flag("--pdf", args.pdf,
                "Also print the runbook to OUT_DIR/runbook.pdf with headless Chromium (must be\n"
                "installed: apt-get install chromium)");
  cmd->add_option("-j,--jobs", args.jobs,
                  "Threads for loading, checking and rendering (default 0: one per core); the output\n"
                  "is identical for any number")
      ->check(CLI::Range(0u, 1024u));
  cmd->add_flag("--full", args.full,
                "Ignore what the last build recorded in OUT_DIR: render and write every file and\n"
                "swap the whole folder in at once (by default only changed files are rewritten,\n"
                "and nothing is done when no input changed)");
  cmd->add_flag("--stats", args.stats,
                "Print the time each stage took, the render stage also per output (standard error)");
  cmd->add_option("--color", args.color, "Colour findings: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  return cmd;
}

int run_build_command(const BuildArgs& args) {
  CheckOptions options;
  std::string error;
  if (!resolve_today(args.today, options.today, error)) {
    std::cerr << "kbgen: " << error << "\n";
    return kExitUsage;
  }
  BuildOptions build;
  build.out_dir = args.out_dir;
  build.templates_dir = args.templates;
  const std::vector<std::string> known = renderer_names();
  std::stringstream only(args.only);
  for (std::string name; std::getline(only, name, ',');) {
    if (name.empty()) continue;
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::cerr << "kbgen: --only: unknown output \"" << name << "\" (known: html, markdown, runbook, json)\n";
      return kExitUsage;
    }
    build.only.push_back(name);
  }
  std::stringstream filter(args.runbook_filter);
  for (std::string term; std::getline(filter, term, ',');) {
    if (term.empty()) continue;
    const std::string kind = term.substr(0, term.find(':'));
    if (term.find(':') == std::string::npos || (kind != "tag" && kind != "category" && kind != "code")) {
      std::cerr << "kbgen: --runbook-filter: \"" << term
                << "\" must be tag:NAME, category:NAME or code:CODE\n";
      return kExitUsage;
    }
    build.runbook_filter.push_back(term);
  }
  if ((args.pdf || !build.runbook_filter.empty()) && !build.only.empty() &&
      std::find(build.only.begin(), build.only.end(), "runbook") == build.only.end()) {
    std::cerr << "kbgen: --pdf and --runbook-filter need the runbook output (add runbook to --only)\n";
    return kExitUsage;
  }
  build.runbook_pdf = args.pdf;
  build.jobs = args.jobs;
  build.full = args.full;
  build.on_lock_wait = [&args] {
    std::cerr << "kbgen: waiting for another kbgen build into " << args.out_dir << " to finish\n";
  };
  options.jobs = args.jobs;
  std::optional<double> threshold;
  if (args.near_duplicate_threshold > 0) threshold = args.near_duplicate_threshold;

  RealDisk disk;
  BuildResult result;
  {
    std::optional<progress::ProgressDisplay> display;
    if (progress::wanted()) display.emplace(progress_delay());
    result = run_build(args.kb_dir, disk, options, threshold, build);
  }
  const PipelineResult& checked = result.checked;
  FormatOptions format;
  format.color = use_color(args.color, 2);
  if (result.up_to_date) {
    // The last build's findings again, so that CI sees the same warnings.
    std::cerr << format_findings(result.replayed_findings, format);
    std::cerr << "kbgen: " << args.out_dir << " is up to date (" << result.replayed_entries
              << " entries, " << result.unchanged << " files; no input changed since the last build)\n";
    return kExitOk;
  }
  if (!checked.fatal.empty()) {
    std::cerr << "kbgen: " << checked.fatal << "\n";
    return kExitUsage;
  }
  // Findings go to standard error: build's standard output stays free for
  // tools that read it.
  std::cerr << format_diagnostics(checked.diagnostics.items(), checked.kb.sources, format);
  const std::size_t errors = checked.diagnostics.count(Severity::Error);
  if (errors > 0) {
    std::cerr << "kbgen: " << errors << (errors == 1 ? " error" : " errors")
              << "; nothing was written (" << args.out_dir << " is unchanged)\n";
    return checked.diagnostics.has_rule("unreadable-file") ? kExitUsage : kExitFindings;
  }
  if (!result.built) {
    std::cerr << "kbgen: " << result.error << "\n"
              << "kbgen: nothing was written (" << args.out_dir << " is unchanged)\n";
    return kExitUsage;
  }
  if (args.stats) {
    print_stage_times(checked.times);
    std::cerr << "kbgen: " << result.entries_reused << " of " << checked.merged.stats.entries
              << " entries reused from the last build\n";
  }
  std::cerr << "kbgen: built " << checked.merged.stats.entries << " entries into " << args.out_dir << " ("
            << result.files << (result.files == 1 ? " file" : " files") << " written, " << result.bytes << " bytes";
  if (result.unchanged > 0) std::cerr << "; " << result.unchanged << " unchanged";
  std::cerr << ")\n";
  return kExitOk;
}

}  // namespace kbgen::cli
