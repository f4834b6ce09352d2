// kbgen explain CODE: one merged entry in the terminal, like rustc --explain.
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>

#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/commands.h"
#include "pipeline.h"
#include "render/terminal.h"

namespace kbgen::cli {

CLI::App* add_explain_command(CLI::App& app, ExplainArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "explain",
      "Print one entry in the terminal: found by code, else alias, else either\n"
      "ignoring case. The knowledge base is checked first; its errors only\n"
      "give a warning, as long as the entry is there.");
  cmd->add_option("CODE", args.code, "Error code or alias")->required();
  cmd->add_option("--kb", args.kb_dir, "Knowledge base folder")->capture_default_str();
  cmd->add_option("--color", args.color,
                  "Colour: auto (on a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--width", args.width,
                  "Wrap prose at this many columns (at least 40); default: the terminal's\n"
                  "width, else COLUMNS, else 80")
      ->check(CLI::PositiveNumber);
  cmd->footer(
      "Exit status: 0 the entry was printed; 1 no entry has that code or alias (the\n"
      "closest codes are named on standard error); 2 bad usage or an unreadable path.");
  return cmd;
}

namespace {

// --width, else the width of the terminal on standard output, else COLUMNS,
// else 80; never below kMinTerminalWidth.
int output_width(int requested) {
  int width = requested;
  if (width <= 0) {
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) width = size.ws_col;
  }
  if (width <= 0) {
    if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
      char* end = nullptr;
      const long n = std::strtol(columns, &end, 10);
      if (*end == '\0' && n > 0 && n < 100000) width = static_cast<int>(n);
    }
  }
  if (width <= 0) width = 80;
  return std::max(width, kMinTerminalWidth);
}

}  // namespace

int run_explain_command(const ExplainArgs& args) {
  CheckOptions options;
  std::string error;
  // The date only matters to stale-review warnings, which explain does not
  // show: a malformed SOURCE_DATE_EPOCH falls back to the clock.
  if (!resolve_today("", options.today, error))
    options.today = static_cast<long>(std::time(nullptr) / 86400);
  RealDisk disk;
  const PipelineResult result = run_checks(args.kb_dir, disk, options, std::nullopt, /*keep_objects=*/false);
  if (!result.fatal.empty()) {
    std::cerr << "kbgen: " << result.fatal << " (name the knowledge base with --kb DIR)\n";
    return kExitUsage;
  }

  const std::size_t errors = result.diagnostics.count(Severity::Error);
  const auto warn_errors = [&] {
    if (errors == 0) return;
    std::cerr << "kbgen: warning: " << args.kb_dir << " has " << errors
              << (errors == 1 ? " error" : " errors") << " (run kbgen check " << args.kb_dir
              << ")\n";
  };

  const std::vector<Entry>& entries = result.merged.entries;
  const std::size_t found = find_entry(entries, args.code);
  if (found == entries.size()) {
    std::cerr << "kbgen: no entry " << args.code << " in " << args.kb_dir;
    const std::vector<std::string> closest = closest_codes(entries, args.code, 3);
    for (std::size_t i = 0; i < closest.size(); ++i)
      std::cerr << (i == 0 ? "; closest: " : ", ") << closest[i];
    std::cerr << "\n";
    warn_errors();
    return kExitFindings;
  }

  TerminalOptions terminal;
  terminal.width = output_width(args.width);
  terminal.color = use_color(args.color, STDOUT_FILENO);
  std::cout << render_terminal(entries[found], entries, result.kb.sources, terminal);
  std::cout.flush();
  warn_errors();
  return kExitOk;
}

}  // namespace kbgen::cli
