#include "pipeline.h"

#include "diagnostics/rules.h"

namespace kbgen {

PipelineResult run_checks(const std::string& kb_dir, const Disk& disk, const CheckOptions& options,
                          std::optional<double> near_duplicate_threshold) {
  PipelineResult result;
  if (!load_knowledge_base(kb_dir, disk, result.kb, result.diagnostics, result.fatal)) return result;
  check_knowledge_base(result.kb, options, result.diagnostics);
  DedupeOptions dedupe;
  dedupe.near_duplicate_threshold = near_duplicate_threshold.value_or(
      result.kb.config.near_duplicate_threshold.value_or(kDefaultNearDuplicateThreshold));
  result.merged = dedupe_entries(result.kb.entries, dedupe, result.diagnostics);
  // Severities are applied last so that every stage reports with the rule's
  // default and kbgen.json decides in one place.
  apply_rule_severities(result.diagnostics.items(), result.kb.config.rule_severities);
  sort_diagnostics(result.diagnostics.items(), result.kb.sources);
  return result;
}

}  // namespace kbgen
