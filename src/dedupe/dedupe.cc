#include "dedupe/dedupe.h"

namespace kbgen {

DedupedKb dedupe_entries(std::vector<Entry> objects, const DedupeOptions& options,
                         Diagnostics& diagnostics) {
  DedupedKb kb = merge_entries(std::move(objects), diagnostics);
  // Near-duplicates are looked for after merging and exact removal, so an
  // item repeated word for word is reported once, as a duplicate.
  report_near_duplicates(kb, options, diagnostics);
  return kb;
}

}  // namespace kbgen
