// Merging, in two steps, so that entries can be merged in parallel: a plan of
// which objects make each entry (the only step that looks across entries),
// then each entry merged on its own. Inside the dedupe folder only.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "dedupe/dedupe.h"

namespace kbgen {

struct MergeUnion {
  std::string code;                  // the merged entry's code
  std::vector<std::size_t> objects;  // indices into the objects, ascending
};

// The unions in the order their first code was seen, which is the order of
// their first objects (dedupe_entries relies on it); reports alias conflicts.
std::vector<MergeUnion> plan_merges(const std::vector<Entry>& objects, Diagnostics& diagnostics);

// What merging one entry found, besides the entry.
struct MergeOutcome {
  MergeRecord record;
  Diagnostics findings;  // in the order they were found
  std::size_t items_dropped = 0;
};

struct MergedEntry {
  Entry entry;
  MergeOutcome outcome;
  // The normal forms that told repeats apart, for near-duplicate search:
  // of each kept cause's text, and of each kept step with its sub-steps
  // (theirs after a '\x1e' each, in order), per kStepFields.
  std::vector<std::string> cause_keys;
  std::array<std::vector<std::string>, 4> step_keys;
};

// Merges one union's objects, moving them out of `objects`.
MergedEntry merge_union(const MergeUnion& u, std::vector<Entry>& objects);

// Counts a merged entry in `kb` and appends its findings to `diagnostics`
// and its record to kb.merges; the entry itself is the caller's to place.
void add_merged(DedupedKb& kb, MergeOutcome&& merged, Diagnostics& diagnostics);

}  // namespace kbgen
