// near-duplicate-item and near-duplicate-entry: texts that are not equal
// after normalisation but nearly so (Jaccard similarity over shingles).
//
// Each entry is scanned on its own, in parallel: its list items are compared
// pair by pair, and its prose becomes a MinHash signature. Only entries that
// LSH pairs up get a sorted shingle set, for their exact similarity.
// dedupe_entries() scans each entry right after merging it (dedupe.cc).
#include <algorithm>
#include <cmath>

#include "dedupe/near_duplicates.h"
#include "dedupe/pairwise.h"
#include "util/parallel.h"
#include "util/strings.h"

namespace kbgen {
namespace {

// Items are short: compare them by runs of 4 characters, which tolerates
// typos and small edits. Entries are long: runs of 3 words.
constexpr std::size_t kItemShingleChars = 4;
constexpr std::size_t kEntryShingleWords = 3;
// Entries with fewer word shingles than this carry too little text to call
// them near-duplicates of anything.
constexpr std::size_t kMinEntryShingles = 8;

// Floored, so 0.799 never shows as 80%; the small allowance keeps an exact
// 0.58 (57.99999999999999 after * 100) from showing as 57%.
std::string percent(double s) {
  return std::to_string(static_cast<int>(std::floor(s * 100 + 1e-9))) + "%";
}

// Pairs among one list's items (their normal forms), exact.
std::vector<SimilarPair> similar_items(const std::vector<std::string>& normals, double threshold) {
  if (normals.size() > kPairwiseLimit) {  // rare: MinHash/LSH, as for entries
    std::vector<ShingleSet> sets;
    for (const std::string& n : normals) sets.push_back(char_shingles(n, kItemShingleChars));
    return similar_pairs(sets, threshold);
  }
  thread_local std::vector<std::uint32_t> hashes;  // reused: every entry has a few lists
  thread_local std::vector<std::size_t> ends;
  thread_local std::vector<std::span<const std::uint32_t>> lists;
  hashes.clear();
  ends.clear();
  lists.clear();
  for (const std::string& n : normals) {
    append_char_shingles(n, kItemShingleChars, hashes);
    ends.push_back(hashes.size());
  }
  for (std::size_t i = 0, begin = 0; i < ends.size(); begin = ends[i++])
    lists.emplace_back(hashes.data() + begin, ends[i] - begin);
  return similar_pairs_of_lists(lists, threshold);
}

template <typename Item, typename TextFn, typename PosFn>
void scan_items(const char* field, const std::vector<Item>& items, const std::vector<std::string>& normals,
                TextFn text_of, PosFn pos_of, double threshold, Diagnostics& out) {
  if (items.size() < 2) return;
  for (const SimilarPair& p : similar_items(normals, threshold))
    out.report("near-duplicate-item", pos_of(items[p.second]),
               std::string(field) + " item is " + percent(p.similarity) + " similar to an earlier one (\"" +
                   excerpt(text_of(items[p.first]), 40) + "\"); merge the two or make the difference explicit",
               pos_of(items[p.first]));
}

bool has_distinct(const std::vector<std::uint32_t>& shingles, std::size_t wanted) {
  std::vector<std::uint32_t> seen;
  for (std::uint32_t s : shingles) {
    if (std::find(seen.begin(), seen.end(), s) != seen.end()) continue;
    seen.push_back(s);
    if (seen.size() >= wanted) return true;
  }
  return false;
}

bool relates(const Entry& a, const Entry& b) {
  for (const Related& r : a.related) {
    if (r.code.value == b.code.value) return true;
    for (const Text& alias : b.aliases)
      if (r.code.value == alias.value) return true;
  }
  return false;
}

// Entry pairs similar enough to report, by exact similarity. Most LSH
// candidates share boilerplate and no more, and the bitmap bound drops them;
// sorted shingle sets are made only for entries in a pair that is left.
std::vector<SimilarPair> similar_entries(const std::vector<Entry>& entries, const NearDuplicateScan& scan,
                                         double threshold, unsigned jobs) {
  const std::vector<char>& comparable = scan.comparable;
  std::vector<CandidatePair> candidates;
  if (entries.size() <= kPairwiseLimit) {
    for (std::uint32_t a = 0; a < entries.size(); ++a)
      for (std::uint32_t b = a + 1; b < entries.size(); ++b) candidates.emplace_back(a, b);
  } else {
    candidates = lsh_candidates(scan.signatures, comparable, threshold, jobs);
  }
  std::erase_if(candidates, [&](const CandidatePair& p) {
    return comparable[p.first] && comparable[p.second] &&
           !scan.bitmaps[p.first].may_reach(scan.bitmaps[p.second], threshold);
  });
  std::vector<std::uint32_t> involved;
  for (const auto& [a, b] : candidates) involved.push_back(a), involved.push_back(b);
  std::sort(involved.begin(), involved.end());
  involved.erase(std::unique(involved.begin(), involved.end()), involved.end());
  std::vector<ShingleSet> sets(entries.size());
  std::string unused;
  parallel_for(involved.size(), jobs, [&](std::size_t k, std::string&) {
    const std::uint32_t i = involved[k];
    if (comparable[i]) sets[i] = word_shingles(normal_forms(entries[i]).prose, kEntryShingleWords);
    return true;
  }, unused);

  std::vector<SimilarPair> pairs;
  for (const auto& [a, b] : candidates) {
    double s = 0;
    if (confirm_similar(sets[a], sets[b], threshold, s)) pairs.push_back({a, b, s});
  }
  return pairs;
}

}  // namespace

unsigned dedupe_jobs(const DedupeOptions& options) {
  return options.jobs == 0 ? default_jobs() : options.jobs;
}

void scan_entry(const Entry& e, const EntryNormalForms& forms, double threshold, std::size_t index,
                NearDuplicateScan& scan) {
  Diagnostics& findings = scan.item_findings[index];
  scan_items("causes", e.causes, forms.causes, cause_text,
             [](const Cause& c) { return c.title.present() ? c.title.pos : c.detail.pos; }, threshold, findings);
  for (std::size_t f = 0; f < kStepFields.size(); ++f)
    scan_items(kStepFields[f], step_list(e, f), forms.steps[f], step_text,
               [](const Step& s) { return s.text.pos; }, threshold, findings);

  thread_local std::vector<std::uint32_t> shingles;
  shingles.clear();
  append_word_shingles(forms.prose, kEntryShingleWords, shingles);
  const bool comparable = shingles.size() >= kMinEntryShingles && has_distinct(shingles, kMinEntryShingles);
  scan.comparable[index] = comparable;
  if (comparable) {
    scan.signatures[index] = minhash_signature(shingles);
    scan.bitmaps[index] = EntryBitmap(shingles);
  }
}

void report_scan(DedupedKb& kb, NearDuplicateScan& scan, const DedupeOptions& options,
                 Diagnostics& diagnostics) {
  const double threshold = options.near_duplicate_threshold;
  for (Diagnostics& findings : scan.item_findings)
    for (Diagnostic& d : findings.items()) {
      ++kb.stats.near_duplicate_items;
      diagnostics.items().push_back(std::move(d));
    }

  // Each entry is reported once, against the most similar entry before it;
  // entries that name each other in `related` have said how they differ.
  const std::vector<SimilarPair> pairs =
      similar_entries(kb.entries, scan, threshold, dedupe_jobs(options));
  std::vector<const SimilarPair*> best(kb.entries.size(), nullptr);
  for (const SimilarPair& p : pairs) {
    const Entry& first = kb.entries[p.first];
    const Entry& second = kb.entries[p.second];
    if (relates(first, second) || relates(second, first)) continue;
    if (!best[p.second] || p.similarity > best[p.second]->similarity) best[p.second] = &p;
  }
  for (std::size_t i = 0; i < best.size(); ++i) {
    if (!best[i]) continue;
    const Entry& earlier = kb.entries[best[i]->first];
    ++kb.stats.near_duplicate_entries;
    diagnostics.report("near-duplicate-entry", kb.entries[i].pos,
                       "entry " + std::string(kb.entries[i].code.value) + " is " + percent(best[i]->similarity) +
                           " similar to " + std::string(earlier.code.value) +
                           "; merge them, or list each in the other's \"related\" with a note on how "
                           "they differ",
                       earlier.pos);
  }
}

void report_near_duplicates(DedupedKb& kb, const DedupeOptions& options, Diagnostics& diagnostics) {
  NearDuplicateScan scan(kb.entries.size());
  std::string unused;
  parallel_for(kb.entries.size(), dedupe_jobs(options), [&](std::size_t i, std::string&) {
    scan_entry(kb.entries[i], normal_forms(kb.entries[i]), options.near_duplicate_threshold, i, scan);
    return true;
  }, unused);
  report_scan(kb, scan, options, diagnostics);
}

}  // namespace kbgen
