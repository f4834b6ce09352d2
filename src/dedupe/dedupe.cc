#include "dedupe/dedupe.h"

#include "dedupe/merge.h"
#include "dedupe/near_duplicates.h"
#include "util/parallel.h"

namespace kbgen {

// Merging and near-duplicate search as one pass, entries in parallel: each
// entry is scanned right after it is merged, reusing the normal forms merging
// compared its items by, so every text is normalised once. Findings keep the
// order of merge_entries() followed by report_near_duplicates(): merge
// findings entry by entry, then near-duplicate items, then entries.
// Near-duplicates are looked for after merging and exact removal, so an item
// repeated word for word is reported once, as a duplicate.
DedupedKb dedupe_entries(std::vector<Entry> objects, const DedupeOptions& options,
                         Diagnostics& diagnostics) {
  DedupedKb kb;
  kb.stats.objects = objects.size();
  const std::vector<MergeUnion> plan = plan_merges(objects, diagnostics);
  std::vector<MergeOutcome> outcomes(plan.size());
  kb.entries.resize(plan.size());
  NearDuplicateScan scan(plan.size());
  std::string unused;
  parallel_for(plan.size(), dedupe_jobs(options), [&](std::size_t i, std::string&) {
    MergedEntry m = merge_union(plan[i], objects);
    const EntryNormalForms forms = normal_forms(m.entry, std::move(m.cause_keys), std::move(m.step_keys));
    scan_entry(m.entry, forms, options.near_duplicate_threshold, i, scan);
    kb.entries[i] = std::move(m.entry);
    outcomes[i] = std::move(m.outcome);
    return true;
  }, unused);
  objects.clear();
  for (MergeOutcome& outcome : outcomes) add_merged(kb, std::move(outcome), diagnostics);
  outcomes.clear();
  kb.stats.entries = kb.entries.size();
  report_scan(kb, scan, options, diagnostics);
  return kb;
}

}  // namespace kbgen
