// One function pair per subcommand: add_* declares its options on the CLI11
// app, run_* executes it and returns the process exit status (SPEC §5).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "pipeline.h"

namespace kbgen::cli {

enum ExitStatus { kExitOk = 0, kExitFindings = 1, kExitUsage = 2 };

struct CheckArgs {
  std::string kb_dir;
  std::string format = "text";
  std::string color = "auto";
  std::string today;
  bool strict = false;
  bool explain_merges = false;
  bool stats = false;
  double near_duplicate_threshold = 0;  // 0: from kbgen.json or the default
  unsigned jobs = 0;                    // 0: one per core
};

CLI::App* add_check_command(CLI::App& app, CheckArgs& args);
int run_check_command(const CheckArgs& args);

struct BuildArgs {
  std::string kb_dir;
  std::string out_dir = "site";
  std::string only;
  std::string templates;
  std::string today;
  std::string color = "auto";
  double near_duplicate_threshold = 0;
  std::string runbook_filter;
  bool pdf = false;
  unsigned jobs = 0;
  bool stats = false;
  bool full = false;
};

CLI::App* add_build_command(CLI::App& app, BuildArgs& args);
int run_build_command(const BuildArgs& args);

struct ExplainArgs {
  std::string code;
  std::string kb_dir = "kb";
  std::string color = "auto";
  int width = 0;  // 0: the terminal's width, else COLUMNS, else 80
};

CLI::App* add_explain_command(CLI::App& app, ExplainArgs& args);
int run_explain_command(const ExplainArgs& args);

// Shared by commands: whether to colour output written to `fd` given a
// --color choice ("auto" honours NO_COLOR, TERM=dumb and terminals only).
bool use_color(const std::string& choice, int fd);

// "today" as days since 1970-01-01: --today if given, else SOURCE_DATE_EPOCH
// (for reproducible runs), else the clock. Returns false on a malformed value.
bool resolve_today(const std::string& arg, long& days, std::string& error);

// --stats: one line per stage with its seconds, then the total (standard error).
void print_stage_times(const StageTimes& times);

}  // namespace kbgen::cli
