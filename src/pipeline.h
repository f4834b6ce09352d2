// The order of kbgen's stages, in one place:
//
//   load -> check -> dedupe -> (link -> render -> output: later stages)
//
// `kbgen check` is this pipeline without rendering and writing, so check and
// build always see identical findings.
#pragma once

#include <string>

#include <optional>

#include "check/check.h"
#include "dedupe/dedupe.h"
#include "diagnostics/diagnostic.h"
#include "load/disk.h"
#include "load/load.h"

namespace kbgen {

struct PipelineResult {
  KnowledgeBase kb;     // as loaded: one Entry per object
  DedupedKb merged;     // one Entry per code
  Diagnostics diagnostics;  // sorted, with the KB's rule severities applied
  std::string fatal;        // set when KB_DIR itself could not be used
};

// `near_duplicate_threshold` overrides kbgen.json's, which overrides the default.
PipelineResult run_checks(const std::string& kb_dir, const Disk& disk, const CheckOptions& options,
                          std::optional<double> near_duplicate_threshold = std::nullopt);

}  // namespace kbgen
