// Near-duplicate search in two steps, so that the first can run while each
// entry is merged: scanning one entry (its list items against each other, its
// prose into a MinHash signature), then the search across entries. Inside
// the dedupe folder only; report_near_duplicates() (dedupe.h) does both.
#pragma once

#include <vector>

#include "dedupe/bitmap_bound.h"
#include "dedupe/dedupe.h"
#include "dedupe/entry_texts.h"
#include "dedupe/similarity.h"

namespace kbgen {

// Entry prose has a few hundred shingles: 2048 bits keep the bound low.
using EntryBitmap = ShingleBitmap<2048>;

// What scanning each entry leaves, by entry index.
struct NearDuplicateScan {
  explicit NearDuplicateScan(std::size_t entries)
      : item_findings(entries), signatures(entries), bitmaps(entries), comparable(entries, 0) {}
  std::vector<Diagnostics> item_findings;  // near-duplicate-item, in report order
  std::vector<Signature> signatures;       // of the prose, when comparable
  std::vector<EntryBitmap> bitmaps;        // of the prose, when comparable
  std::vector<char> comparable;            // enough distinct shingles to compare
};

void scan_entry(const Entry& e, const EntryNormalForms& forms, double threshold, std::size_t index,
                NearDuplicateScan& scan);

// Reports the scanned item findings, then searches across entries.
void report_scan(DedupedKb& kb, NearDuplicateScan& scan, const DedupeOptions& options,
                 Diagnostics& diagnostics);

// Number of threads `options` asks for.
unsigned dedupe_jobs(const DedupeOptions& options);

}  // namespace kbgen
