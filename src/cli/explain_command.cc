// kbgen explain CODE: one entry in the terminal. Lands with the other
// outputs; until then it says so.
#include <iostream>

#include "cli/commands.h"

namespace kbgen::cli {

CLI::App* add_explain_command(CLI::App& app, ExplainArgs& args) {
  CLI::App* cmd = app.add_subcommand("explain", "Print one entry in the terminal");
  cmd->add_option("CODE", args.code, "Error code or alias")->required();
  cmd->add_option("--kb", args.kb_dir, "Knowledge base folder")->capture_default_str();
  return cmd;
}

int run_explain_command(const ExplainArgs&) {
  std::cerr << "kbgen explain: not implemented yet\n";
  return kExitUsage;
}

}  // namespace kbgen::cli
