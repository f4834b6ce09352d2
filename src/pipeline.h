// The order of kbgen's stages, in one place:
//
//   load -> check -> dedupe -> link -> render/{html,...} -> output
//
// `kbgen check` is this pipeline without rendering and writing, so check and
// build always see identical findings.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "check/check.h"
#include "dedupe/dedupe.h"
#include "diagnostics/diagnostic.h"
#include "diagnostics/format.h"
#include "load/disk.h"
#include "load/load.h"

namespace kbgen {

// Seconds each stage took, in order, for --stats. A name that starts with
// kStagePart is a part of the stage listed before it: shown under it, not
// added to the total.
using StageTimes = std::vector<std::pair<std::string, double>>;
inline constexpr const char* kStagePart = "  ";
// The seconds of the stages, parts left out.
double stage_total(const StageTimes& times);

struct PipelineResult {
  KnowledgeBase kb;     // as loaded: one Entry per object
  DedupedKb merged;     // one Entry per code
  Diagnostics diagnostics;  // sorted, with the KB's rule severities applied
  std::string fatal;        // set when KB_DIR itself could not be used
  StageTimes times;
};

// `near_duplicate_threshold` overrides kbgen.json's, which overrides the
// default. Unless `keep_objects`, the loaded objects move into the merged
// entries and `kb.entries` is left empty (half the memory on a large KB).
PipelineResult run_checks(const std::string& kb_dir, const Disk& disk, const CheckOptions& options,
                          std::optional<double> near_duplicate_threshold = std::nullopt,
                          bool keep_objects = true);

struct BuildOptions {
  std::string out_dir = "site";
  std::vector<std::string> only;  // renderer names; empty: all
  std::string templates_dir;      // overrides kbgen.json "templates"
  std::vector<std::string> runbook_filter;  // "tag:X", "category:Y", "code:Z": entries matching any
  bool runbook_pdf = false;
  unsigned jobs = 0;  // 0: one per core
  // Ignore OUT_DIR's manifest: write every file and swap the folder whole.
  bool full = false;
  // Called once when another process is building into OUT_DIR and this
  // build waits for it (see output/lock.h).
  std::function<void()> on_lock_wait;
  // Entries per chunk of the render pass (0: render/renderer.h's default).
  // The output does not depend on it; tests vary it.
  std::size_t chunk_entries = 0;
};

struct BuildResult {
  PipelineResult checked;
  bool built = false;       // false: findings with errors, or `error`
  std::string error;        // what stopped rendering or writing
  std::size_t files = 0, bytes = 0;  // written
  std::size_t unchanged = 0;         // files left as they were
  std::size_t entries_reused = 0;    // entries not rendered again (render/reuse.h)
  // Nothing to do: inputs, options and outputs are as the last build left
  // them. `checked` is then empty and these are that build's findings.
  bool up_to_date = false;
  std::vector<ResolvedFinding> replayed_findings;
  std::size_t replayed_entries = 0;
};

// The renderers `--only` may name, in build order.
std::vector<std::string> renderer_names();

// Checks, and when there is no error renders every selected output into a
// staging folder whose files then replace OUT_DIR's (see output/output.h).
// Files whose content did not change are not rewritten, and when no input
// changed since the last build nothing is read beyond the stamps.
BuildResult run_build(const std::string& kb_dir, const Disk& disk, const CheckOptions& options,
                      std::optional<double> near_duplicate_threshold, const BuildOptions& build);

}  // namespace kbgen
