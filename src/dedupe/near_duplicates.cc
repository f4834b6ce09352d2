// near-duplicate-item and near-duplicate-entry: texts that are not equal
// after normalisation but nearly so (Jaccard similarity over shingles).
#include <cmath>
#include <unordered_set>

#include "dedupe/dedupe.h"
#include "dedupe/normalize.h"
#include "dedupe/similarity.h"
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

void append_steps(const std::vector<Step>& steps, std::string& text) {
  for (const Step& s : steps) {
    text += s.text.value;
    text += "\n\n";
    append_steps(s.steps, text);
  }
}

std::string step_text(const Step& s) {
  std::string text = s.text.value + "\n\n";
  append_steps(s.steps, text);
  return text;
}

// The prose an entry says, which near-duplicate entries share.
std::string entry_prose(const Entry& e) {
  std::string text = e.title.value + "\n\n" + e.summary.value + "\n\n" + e.description.value + "\n\n";
  for (const Cause& c : e.causes) text += c.title.value + "\n\n" + c.detail.value + "\n\n";
  append_steps(e.diagnosis, text);
  append_steps(e.fix, text);
  append_steps(e.verification, text);
  append_steps(e.prevention, text);
  return text;
}

struct Item {
  std::string text;
  SourcePos pos;
};

void compare_items(const char* field, const std::vector<Item>& items, double threshold,
                   DedupeStats& stats, Diagnostics& diagnostics) {
  if (items.size() < 2) return;
  std::vector<ShingleSet> sets;
  sets.reserve(items.size());
  for (const Item& item : items) sets.push_back(char_shingles(normalize_text(item.text), kItemShingleChars));
  for (const SimilarPair& p : similar_pairs(sets, threshold)) {
    ++stats.near_duplicate_items;
    diagnostics.report("near-duplicate-item", items[p.second].pos,
                       std::string(field) + " item is " + percent(p.similarity) +
                           " similar to an earlier one (\"" + excerpt(items[p.first].text, 40) +
                           "\"); merge the two or make the difference explicit",
                       items[p.first].pos);
  }
}

void report_items(const Entry& e, double threshold, DedupeStats& stats, Diagnostics& diagnostics) {
  auto steps = [&](const char* field, const std::vector<Step>& list) {
    std::vector<Item> items;
    for (const Step& s : list) items.push_back({step_text(s), s.text.pos});
    compare_items(field, items, threshold, stats, diagnostics);
  };
  std::vector<Item> causes;
  for (const Cause& c : e.causes)
    causes.push_back({c.title.value + "\n\n" + c.detail.value, c.title.present ? c.title.pos : c.detail.pos});
  compare_items("causes", causes, threshold, stats, diagnostics);
  steps("diagnosis", e.diagnosis);
  steps("fix", e.fix);
  steps("verification", e.verification);
  steps("prevention", e.prevention);
}

bool relates(const Entry& a, const Entry& b) {
  for (const Related& r : a.related) {
    if (r.code.value == b.code.value) return true;
    for (const Text& alias : b.aliases)
      if (r.code.value == alias.value) return true;
  }
  return false;
}

}  // namespace

void report_near_duplicates(DedupedKb& kb, const DedupeOptions& options, Diagnostics& diagnostics) {
  const double threshold = options.near_duplicate_threshold;
  for (const Entry& e : kb.entries) report_items(e, threshold, kb.stats, diagnostics);

  std::vector<ShingleSet> sets;
  sets.reserve(kb.entries.size());
  for (const Entry& e : kb.entries) {
    ShingleSet set = word_shingles(normalize_text(entry_prose(e)), kEntryShingleWords);
    if (set.size() < kMinEntryShingles) set.clear();
    sets.push_back(std::move(set));
  }
  // Each entry is reported once, against the most similar entry before it;
  // entries that name each other in `related` have said how they differ.
  std::vector<const SimilarPair*> best(kb.entries.size(), nullptr);
  const std::vector<SimilarPair> pairs = similar_pairs(sets, threshold);
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
                       "entry " + kb.entries[i].code.value + " is " + percent(best[i]->similarity) +
                           " similar to " + earlier.code.value +
                           "; merge them, or list each in the other's \"related\" with a note on how "
                           "they differ",
                       earlier.pos);
  }
}

}  // namespace kbgen
