// kbgen's entry point: parse the command line, run one subcommand.
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "version.h"

int main(int argc, char** argv) {
  using namespace kbgen::cli;
  CLI::App app{
      "kbgen turns a folder of JSON error-code entries into a checked, deduplicated,\n"
      "cross-linked troubleshooting site (HTML, Markdown wiki, runbook, JSON API).\n\n"
      "Commands:\n"
      "  kbgen check KB_DIR [--format text|json|github] [--strict] [--color auto|always|never]\n"
      "                     [--today YYYY-MM-DD] [--near-duplicate-threshold X] [--explain-merges]\n"
      "  kbgen build KB_DIR [-o OUT_DIR] [--only html,markdown,runbook,json] [--templates DIR]\n"
      "  kbgen explain CODE [--kb KB_DIR]\n\n"
      "Exit status: 0 success; 1 the knowledge base has errors (or warnings under\n"
      "--strict); 2 bad usage or an unreadable path.",
      "kbgen"};
  app.set_version_flag("--version", std::string("kbgen ") + KBGEN_VERSION);
  app.require_subcommand(1);
  app.footer("Run 'kbgen COMMAND --help' for a command's options. Docs: docs/ in the source tree.");

  CheckArgs check;
  BuildArgs build;
  ExplainArgs explain;
  CLI::App* check_cmd = add_check_command(app, check);
  CLI::App* build_cmd = add_build_command(app, build);
  CLI::App* explain_cmd = add_explain_command(app, explain);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // A word that names no command: CLI11 would only say that a subcommand
    // is required, without naming what it did not understand.
    const std::vector<std::string> extras = app.remaining();
    if (e.get_exit_code() != 0 && !check_cmd->parsed() && !build_cmd->parsed() &&
        !explain_cmd->parsed() && !extras.empty() && extras[0].rfind("-", 0) != 0) {
      std::cerr << "kbgen: unknown command \"" << extras[0]
                << "\" (commands: check, build, explain)\nRun with --help for more information.\n";
      return kExitUsage;
    }
    // CLI11 exits with its own codes (100+); the contract says 2 for usage.
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (check_cmd->parsed()) return run_check_command(check);
  if (build_cmd->parsed()) return run_build_command(build);
  if (explain_cmd->parsed()) return run_explain_command(explain);
  return kExitUsage;
}
