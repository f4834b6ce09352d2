// The generated seed entry: placeholder and filler steps a generator left.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "check/dates.h"
#include "pipeline.h"

using namespace kbgen;

namespace {

std::vector<std::string> places(const PipelineResult& result, const std::string& rule) {
  std::vector<std::string> out;
  for (const Diagnostic& d : result.diagnostics.items()) {
    if (d.rule != rule) continue;
    const LineColumn lc = result.kb.sources.line_column(d.pos);
    out.push_back(result.kb.sources.at(d.pos.file).rel_path + ":" + std::to_string(lc.line) + ":" +
                  std::to_string(lc.column) + ":" + severity_name(d.severity));
  }
  return out;
}

}  // namespace

TEST_CASE("seed-000: generator failure text and filler steps", "[check][fixture]") {
  RealDisk disk;
  CheckOptions options;
  options.today = *parse_iso_date("2026-11-24");
  const PipelineResult result = run_checks(std::string(KBGEN_FIXTURES) + "/check/seed-000", disk, options);
  REQUIRE(result.fatal.empty());
  CHECK(places(result, "placeholder-text") ==
        std::vector<std::string>{"AADSTS53002.json:23:5:error", "AADSTS53002.json:24:5:error"});
  CHECK(places(result, "vague-step") ==
        std::vector<std::string>{"AADSTS53002.json:22:5:warning", "AADSTS53002.json:36:9:warning"});
  // Nothing else is wrong with its form; the repeated diagnosis step is the
  // dedupe stage's to report.
  CHECK(places(result, "duplicate-item") == std::vector<std::string>{"AADSTS53002.json:24:5:warning"});
  for (const Diagnostic& d : result.diagnostics.items()) {
    INFO(d.rule << ": " << d.message);
    CHECK((d.rule == "placeholder-text" || d.rule == "vague-step" || d.rule == "duplicate-item"));
  }
}
