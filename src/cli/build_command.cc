// kbgen build KB_DIR: check, then render. Rendering lands with the HTML
// site; until then build checks and says so.
#include <iostream>

#include "cli/commands.h"

namespace kbgen::cli {

CLI::App* add_build_command(CLI::App& app, BuildArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "build", "Check a knowledge base and render it (HTML site, Markdown wiki, runbook, JSON API)");
  cmd->add_option("KB_DIR", args.kb_dir, "Folder holding the entry files and kbgen.json")->required();
  cmd->add_option("-o,--out", args.out_dir, "Output folder")->capture_default_str();
  cmd->add_option("--only", args.only, "Comma-separated outputs: html,markdown,runbook,json");
  cmd->add_option("--templates", args.templates, "Folder of templates overriding the built-in ones");
  return cmd;
}

int run_build_command(const BuildArgs&) {
  std::cerr << "kbgen build: rendering is not implemented yet; use 'kbgen check KB_DIR'\n";
  return kExitUsage;
}

}  // namespace kbgen::cli
