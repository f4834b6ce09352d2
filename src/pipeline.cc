#include "pipeline.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "diagnostics/rules.h"
#include "link/link.h"
#include "output/lock.h"
#include "output/output.h"
#include "render/renderer.h"
#include "util/parallel.h"
#include "util/progress.h"

namespace kbgen {

double stage_total(const StageTimes& times) {
  double total = 0;
  for (const auto& [stage, seconds] : times)
    if (stage.rfind(kStagePart, 0) != 0) total += seconds;
  return total;
}
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
  // A part of the stage just lapped (see StageTimes).
  void part(const std::string& name, double seconds) { times_.emplace_back(kStagePart + name, seconds); }

 private:
  StageTimes& times_;
  std::chrono::steady_clock::time_point last_;
};

// The manifest the last build left in OUT_DIR; false when there is none or
// it is not one this kbgen wrote (the build then writes everything).
bool read_manifest(const std::string& out_dir, const Disk& disk, Manifest& manifest) {
  std::string text, unread;
  return disk.read(out_dir + "/" + kManifestName, text, unread) && parse_manifest(text, manifest);
}

}  // namespace

PipelineResult run_checks(const std::string& kb_dir, const Disk& disk, const CheckOptions& options,
                          std::optional<double> near_duplicate_threshold, bool keep_objects) {
  PipelineResult result;
  Laps laps(result.times);
  progress::stage("load");
  if (!load_knowledge_base(kb_dir, disk, result.kb, result.diagnostics, result.fatal,
                           options.jobs)) return result;
  laps.lap("load");
  progress::stage("check");
  check_knowledge_base(result.kb, options, result.diagnostics);
  laps.lap("check");
  progress::stage("dedupe");
  DedupeOptions dedupe;
  dedupe.jobs = options.jobs;
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

// kbgen's version and built-in templates, as its executable's stamp.
static std::string executable_identity(const Disk& disk) {
  const InputStamp self = stamp("/proc/self/exe", disk.stat("/proc/self/exe"));
  return "exe=" + std::to_string(self.size) + ":" + std::to_string(self.mtime_ns);
}

// Everything besides the stamped inputs that decides what a build writes.
static std::string build_key(const std::string& kb_dir, const Disk& disk, const CheckOptions& options,
                             std::optional<double> threshold, const BuildOptions& build) {
  std::string key = executable_identity(disk) + ";kb=" + kb_dir + ";today=" + std::to_string(options.today) + ";templates=" + build.templates_dir;
  key += ";threshold=" + (threshold ? std::to_string(*threshold) : std::string("-"));
  key += ";only=";
  for (const std::string& name : build.only) key += name + ",";
  key += ";runbook=";
  for (const std::string& term : build.runbook_filter) key += term + ",";
  key += build.runbook_pdf ? ";pdf" : "";
  return key;
}

BuildResult run_build(const std::string& kb_dir, const Disk& disk, const CheckOptions& options,
                      std::optional<double> near_duplicate_threshold, const BuildOptions& build) {
  BuildResult result;
  // Held until the build's files are in, or it fails: another build into
  // OUT_DIR meanwhile would find this one's half-made state.
  OutputLock lock;
  if (!lock.acquire(build.out_dir, build.on_lock_wait, result.error)) return result;
  Manifest previous;
  const bool have_previous = !build.full && read_manifest(build.out_dir, disk, previous);
  Manifest next;
  next.build_key = build_key(kb_dir, disk, options, near_duplicate_threshold, build);
  if (have_previous && previous.build_key == next.build_key && stamps_unchanged(previous.inputs, disk) &&
      outputs_unchanged(build.out_dir, previous)) {
    result.up_to_date = result.built = true;
    result.unchanged = previous.outputs.size();
    result.replayed_findings = std::move(previous.findings);
    result.replayed_entries = previous.entries;
    return result;
  }

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
  next.inputs = std::move(checked.kb.inputs);
  if (!templates_dir.empty()) stamp_tree(templates_dir, disk, next.inputs);
  if (!templates.load(templates_dir, result.error)) return result;

  laps.lap("templates");
  progress::stage("link");
  const unsigned jobs = build.jobs == 0 ? default_jobs() : build.jobs;
  const auto renderers = make_renderers(build.only);
  std::vector<std::string> outputs;
  for (const auto& renderer : renderers) outputs.push_back(renderer->name());
  LinkedKb linked = link_entries(std::move(checked.merged.entries), checked.kb.config);
  for (std::size_t f = 0; f < checked.kb.sources.size(); ++f)
    linked.source_paths.push_back(checked.kb.sources.at(static_cast<FileId>(f)).rel_path);
  linked.sources = &checked.kb.sources;
  RenderContext context = make_render_context(linked, options.today, outputs, jobs);
  context.runbook_filter = build.runbook_filter;
  context.runbook_pdf = build.runbook_pdf;
  laps.lap("link");

  StagedOutput out;
  if (!out.begin(build.out_dir, result.error, have_previous ? &previous : nullptr)) return result;
  // Entries are parsed, linked and rendered by every renderer a chunk at a
  // time, but for those the last build rendered exactly as this one would.
  EntryReuse reuse;
  reuse.begin(context, templates, executable_identity(disk), have_previous ? &previous : nullptr, out);
  context.records = &reuse.records;
  context.reuse = &reuse;
  laps.lap("render keys");
  progress::stage("render");
  PassTimes pass_times;
  if (!render_all(context, renderers, templates, out, build.chunk_entries, reuse, result.error, &pass_times))
    return result;
  laps.lap("render");
  for (const auto& [part, seconds] : pass_times) laps.part(part, seconds);
  result.entries_reused = reuse.reused();
  next.entry_records = std::move(reuse.records);
  next.list_page_keys = std::move(reuse.list_page_keys);
  result.files = out.files_written();
  result.bytes = out.bytes_written();
  result.unchanged = out.files_unchanged();
  next.findings = resolve_findings(checked.diagnostics.items(), checked.kb.sources);
  next.entries = checked.merged.stats.entries;
  progress::stage("write");
  if (!out.commit(std::move(next), result.error)) return result;
  laps.lap("swap in");
  result.built = true;
  return result;
}

}  // namespace kbgen
