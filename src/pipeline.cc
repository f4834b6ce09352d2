#include "pipeline.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "diagnostics/rules.h"
#include "link/link.h"
#include "output/output.h"
#include "render/renderer.h"
#include "util/parallel.h"

namespace kbgen {
namespace {

// Records the time since the previous lap under a stage's name.
class Laps {
 public:
  explicit Laps(StageTimes& times) : times_(times), last_(std::chrono::steady_clock::now()) {}
  void lap(const std::string& stage) {
    const auto now = std::chrono::steady_clock::now();
    times_.emplace_back(stage, std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }

 private:
  StageTimes& times_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace

PipelineResult run_checks(const std::string& kb_dir, const Disk& disk, const CheckOptions& options,
                          std::optional<double> near_duplicate_threshold, bool keep_objects) {
  PipelineResult result;
  Laps laps(result.times);
  if (!load_knowledge_base(kb_dir, disk, result.kb, result.diagnostics, result.fatal)) return result;
  laps.lap("load");
  check_knowledge_base(result.kb, options, result.diagnostics);
  laps.lap("check");
  DedupeOptions dedupe;
  dedupe.near_duplicate_threshold = near_duplicate_threshold.value_or(
      result.kb.config.near_duplicate_threshold.value_or(kDefaultNearDuplicateThreshold));
  result.merged = keep_objects ? dedupe_entries(result.kb.entries, dedupe, result.diagnostics)
                               : dedupe_entries(std::move(result.kb.entries), dedupe, result.diagnostics);
  if (!keep_objects) result.kb.entries.clear();
  laps.lap("dedupe");
  // Severities are applied last so that every stage reports with the rule's
  // default and kbgen.json decides in one place.
  apply_rule_severities(result.diagnostics.items(), result.kb.config.rule_severities);
  sort_diagnostics(result.diagnostics.items(), result.kb.sources);
  return result;
}

std::vector<std::string> renderer_names() { return {"html", "markdown", "runbook", "json"}; }

static std::vector<std::unique_ptr<Renderer>> make_renderers(const std::vector<std::string>& only) {
  std::vector<std::unique_ptr<Renderer>> all;
  all.push_back(make_html_renderer());
  all.push_back(make_markdown_renderer());
  all.push_back(make_runbook_renderer());
  all.push_back(make_json_renderer());
  if (only.empty()) return all;
  std::vector<std::unique_ptr<Renderer>> chosen;
  for (auto& r : all)
    if (std::find(only.begin(), only.end(), r->name()) != only.end()) chosen.push_back(std::move(r));
  return chosen;
}

BuildResult run_build(const std::string& kb_dir, const Disk& disk, const CheckOptions& options,
                      std::optional<double> near_duplicate_threshold, const BuildOptions& build) {
  BuildResult result;
  result.checked = run_checks(kb_dir, disk, options, near_duplicate_threshold, /*keep_objects=*/false);
  PipelineResult& checked = result.checked;
  if (!checked.fatal.empty() || checked.diagnostics.count(Severity::Error) > 0) return result;

  // Templates first: a broken override must stop the build before any output.
  Laps laps(checked.times);
  TemplateSet templates;
  std::string templates_dir = build.templates_dir;
  if (templates_dir.empty() && !checked.kb.config.templates.empty())
    // Relative to the KB folder; an absolute path stands as it is.
    templates_dir = (std::filesystem::path(kb_dir) / checked.kb.config.templates).string();
  if (!templates.load(templates_dir, result.error)) return result;

  laps.lap("templates");
  const unsigned jobs = build.jobs == 0 ? default_jobs() : build.jobs;
  LinkedKb linked = link_entries(std::move(checked.merged.entries), checked.kb.config, jobs);
  for (std::size_t f = 0; f < checked.kb.sources.size(); ++f)
    linked.source_paths.push_back(checked.kb.sources.at(static_cast<FileId>(f)).rel_path);
  linked.sources = &checked.kb.sources;
  const auto renderers = make_renderers(build.only);
  std::vector<std::string> outputs;
  for (const auto& renderer : renderers) outputs.push_back(renderer->name());
  RenderContext context = make_render_context(linked, options.today, outputs, jobs);
  context.runbook_filter = build.runbook_filter;
  context.runbook_pdf = build.runbook_pdf;
  laps.lap("link");

  StagedOutput out;
  if (!out.begin(build.out_dir, result.error)) return result;
  for (const auto& renderer : renderers) {
    if (!renderer->render(context, templates, out, result.error)) return result;
    laps.lap(std::string("render ") + renderer->name());
  }
  result.files = out.files_written();
  result.bytes = out.bytes_written();
  if (!out.commit(result.error)) return result;
  laps.lap("swap in");
  result.built = true;
  return result;
}

}  // namespace kbgen
