// Stage 3, dedupe: entry objects -> one entry per code (SPEC §3 step 3).
//
// Takes: the checked entry objects in load order (byte-wise path order, then
// document order). Gives: merged entries in the order their codes were first
// seen, each remembering every object it came from, with repeated list
// items removed; findings for conflicts, repeats and near-duplicates; and a
// record of what each object contributed (for `check --explain-merges`).
// Also reports required fields missing from a merged entry (missing-field).
// Normalisation and similarity are documented in docs/dedupe.md.
#pragma once

#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "model/entry.h"

namespace kbgen {

inline constexpr double kDefaultNearDuplicateThreshold = 0.8;

struct DedupeOptions {
  double near_duplicate_threshold = kDefaultNearDuplicateThreshold;
  unsigned jobs = 0;  // threads for near-duplicate search; 0: one per core
};

struct DedupeStats {
  std::size_t objects = 0;          // entry objects read
  std::size_t entries = 0;          // entries after merging
  std::size_t merged_codes = 0;     // entries made of more than one object
  std::size_t items_dropped = 0;    // repeated list items removed
  std::size_t near_duplicate_items = 0;
  std::size_t near_duplicate_entries = 0;
};

// What one object added to a merged entry: field names, with "+N" for the
// list items it added ("title", "fix +3").
struct MergeContribution {
  SourcePos pos;
  std::vector<std::string> fields;
};

struct MergeRecord {
  std::string code;
  std::vector<MergeContribution> parts;
};

struct DedupedKb {
  std::vector<Entry> entries;
  DedupeStats stats;
  std::vector<MergeRecord> merges;  // codes made of more than one object, in entry order
};

// Objects are taken by value: pass them with std::move when they are not
// needed afterwards, and merging moves their items instead of copying them.
DedupedKb dedupe_entries(std::vector<Entry> objects, const DedupeOptions& options,
                         Diagnostics& diagnostics);

// The two parts, exposed for tests.
DedupedKb merge_entries(std::vector<Entry> objects, Diagnostics& diagnostics);
void report_near_duplicates(DedupedKb& kb, const DedupeOptions& options, Diagnostics& diagnostics);

}  // namespace kbgen
