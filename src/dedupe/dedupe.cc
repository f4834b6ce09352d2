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
//
// Each merged entry takes the place of its first object, which merging has
// emptied: a union's first object comes after the previous union's, so the
// entries then move down into order, and the objects' array, the size of
// the KB, is not kept twice.
DedupedKb dedupe_entries(std::vector<Entry> objects, const DedupeOptions& options,
                         Diagnostics& diagnostics) {
  DedupedKb kb;
  kb.stats.objects = objects.size();
  const std::vector<MergeUnion> plan = plan_merges(objects, diagnostics);
  std::vector<MergeOutcome> outcomes(plan.size());
  NearDuplicateScan scan(plan.size());
  std::string unused;
  parallel_for(plan.size(), dedupe_jobs(options), [&](std::size_t i, std::string&) {
    MergedEntry m = merge_union(plan[i], objects);
    const EntryNormalForms forms = normal_forms(m.entry, std::move(m.cause_keys), std::move(m.step_keys));
    scan_entry(m.entry, forms, options.near_duplicate_threshold, i, scan);
    objects[plan[i].objects.front()] = std::move(m.entry);
    outcomes[i] = std::move(m.outcome);
    return true;
  }, unused);
  for (std::size_t i = 0; i < plan.size(); ++i)
    if (plan[i].objects.front() != i) objects[i] = std::move(objects[plan[i].objects.front()]);
  objects.resize(plan.size());
  kb.entries = std::move(objects);
  for (MergeOutcome& outcome : outcomes) add_merged(kb, std::move(outcome), diagnostics);
  outcomes.clear();
  kb.stats.entries = kb.entries.size();
  report_scan(kb, scan, options, diagnostics);
  return kb;
}

}  // namespace kbgen
