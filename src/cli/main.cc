// kbgen's entry point: parse the command line, run one subcommand.
#include <iostream>

#include "cli/commands.h"
#include "version.h"

int main(int argc, char** argv) {
  using namespace kbgen::cli;
  CLI::App app{
      "kbgen turns a folder of JSON error-code entries into a checked, deduplicated,\n"
      "cross-linked troubleshooting site (HTML, Markdown wiki, runbook, JSON API).\n\n"
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
    // CLI11 exits with its own codes (100+); the contract says 2 for usage.
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (check_cmd->parsed()) return run_check_command(check);
  if (build_cmd->parsed()) return run_build_command(build);
  if (explain_cmd->parsed()) return run_explain_command(explain);
  return kExitUsage;
}
