// Merging entry objects that share a code (directly or through an alias),
// and removing repeated list items. See dedupe.h.
#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "dedupe/merge.h"
#include "dedupe/entry_texts.h"
#include "dedupe/normalize.h"
#include "util/strings.h"

namespace kbgen {
namespace {

class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  // The smaller index stays the root, so a union's root is its first group.
  void unite(std::size_t a, std::size_t b) {
    a = find(a), b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::size_t> parent_;
};

std::string collapse_space(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

// The keys of the items of one list kept so far, in the order kept, to tell
// repeats. A short list is searched (most keys differ in length); a long
// one's keys are indexed by hash.
class KeptKeys {
 public:
  void reserve(std::size_t more) { kept_.reserve(kept_.size() + more); }

  // Where the item with an equal key was kept, or, if none was, nullptr
  // after keeping this one.
  const SourcePos* find_or_add(std::string&& key, SourcePos pos) {
    if (index_.empty()) {
      for (const Kept& k : kept_)
        if (k.key == key) return &k.pos;
      if (kept_.size() == kSearched)
        for (std::size_t i = 0; i < kept_.size(); ++i) index_.emplace(hash(kept_[i].key), i);
    } else {
      const std::size_t h = hash(key);
      for (auto [it, end] = index_.equal_range(h); it != end; ++it)
        if (kept_[it->second].key == key) return &kept_[it->second].pos;
    }
    if (!index_.empty()) index_.emplace(hash(key), kept_.size());
    kept_.push_back({std::move(key), pos});
    return nullptr;
  }

  std::vector<std::string> take_keys() {
    std::vector<std::string> keys;
    keys.reserve(kept_.size());
    for (Kept& k : kept_) keys.push_back(std::move(k.key));
    return keys;
  }

 private:
  static constexpr std::size_t kSearched = 32;  // lists up to this long are searched
  static std::size_t hash(const std::string& key) { return std::hash<std::string>{}(key); }
  struct Kept {
    std::string key;
    SourcePos pos;
  };
  std::vector<Kept> kept_;
  std::unordered_multimap<std::size_t, std::size_t> index_;  // hash -> index in kept_
};

// Builds one merged entry from its objects, in load order.
class EntryMerger {
 public:
  explicit EntryMerger(MergedEntry& out)
      : diagnostics_(out.outcome.findings), dropped_(out.outcome.items_dropped), out_(out) {
    seen_.reserve(10);  // the list fields: tags, aliases, causes, 4 of steps, examples, related, references
  }

  // Takes the object apart: its list items move into the merged entry. The
  // fields it adds are listed only when asked (a record of one object is
  // not kept, see add_merged()).
  MergeContribution add(Entry&& object, bool list_fields) {
    MergeContribution part;
    part.pos = object.pos;
    fields_ = list_fields ? &part.fields : nullptr;
    if (merged_.sources.empty()) merged_.pos = object.pos;
    merged_.sources.push_back(object.pos);
    scalar("title", merged_.title, std::move(object.title));
    scalar("summary", merged_.summary, std::move(object.summary));
    scalar("description", merged_.description, std::move(object.description));
    scalar("product", merged_.product, std::move(object.product));
    scalar("category", merged_.category, std::move(object.category));
    scalar("reviewed", merged_.reviewed, std::move(object.reviewed));
    scalar("owner", merged_.owner, std::move(object.owner));
    unite("tags", merged_.tags, std::move(object.tags), [](const Text& t) { return std::string(t.value); },
          [](const Text& t) { return t.pos; });
    unite("aliases", merged_.aliases, std::move(object.aliases), [](const Text& t) { return std::string(t.value); },
          [](const Text& t) { return t.pos; });
    {
      std::vector<std::string> keys;
      keys.reserve(object.causes.size());
      for (const Cause& c : object.causes) keys.push_back(cause_normal_form(c));
      unite_keyed("causes", merged_.causes, std::move(object.causes), std::move(keys),
                  [](const Cause& c) { return c.title.present() ? c.title.pos : c.detail.pos; });
    }
    steps(0, merged_.diagnosis, std::move(object.diagnosis));
    steps(1, merged_.fix, std::move(object.fix));
    steps(2, merged_.verification, std::move(object.verification));
    steps(3, merged_.prevention, std::move(object.prevention));
    unite("examples", merged_.examples, std::move(object.examples),
          [](const Example& x) { return std::string(x.language.value) + "\x1f" + collapse_space(x.code.value); },
          [](const Example& x) { return x.pos; });
    unite("related", merged_.related, std::move(object.related), [](const Related& r) { return std::string(r.code.value); },
          [](const Related& r) { return r.code.pos; });
    unite("references", merged_.references, std::move(object.references),
          [](const Reference& r) {
            std::string url(r.url.value);
            while (!url.empty() && url.back() == '/') url.pop_back();
            return url;
          },
          [](const Reference& r) { return r.pos; });
    for (const Extension& x : object.extensions) extension(x);
    if (merged_.lists_present.empty()) merged_.lists_present.reserve(object.lists_present.size());
    for (const auto& present : object.lists_present)
      if (!merged_.has_list(present.first)) merged_.lists_present.push_back(present);
    return part;
  }

  // The keys of the causes and steps kept go to `out`, for near-duplicate search.
  Entry take(const Text& code) {
    merged_.code = code;
    out_.cause_keys = kept("causes").take_keys();
    for (std::size_t f = 0; f < kStepFields.size(); ++f) out_.step_keys[f] = kept(kStepFields[f]).take_keys();
    return std::move(merged_);
  }

 private:
  // The object is taken apart, so a value taken is moved, not copied.
  void scalar(const char* name, Text& into, Text&& from) {
    if (!from.present()) return;
    if (!into.present()) {
      into = std::move(from);
      if (fields_) fields_->push_back(name);
      return;
    }
    if (collapse_space(into.value) != collapse_space(from.value))
      diagnostics_.report("scalar-conflict", from.pos,
                          std::string("\"") + name + "\" is \"" + excerpt(from.value, 40) +
                              "\" here but \"" + excerpt(into.value, 40) +
                              "\" where this code was first defined; make them agree",
                          into.pos);
  }

  void extension(const Extension& x) {
    for (const Extension& have : merged_.extensions) {
      if (have.key != x.key) continue;
      if (have.value != x.value)
        diagnostics_.report("scalar-conflict", x.pos,
                            "\"" + x.key + "\" differs from where this code first set it", have.pos);
      return;
    }
    merged_.extensions.push_back(x);
    if (fields_) fields_->push_back(x.key);
  }

  template <typename T, typename KeyFn, typename PosFn>
  void unite(const char* field, std::vector<T>& into, std::vector<T>&& from, KeyFn key_of,
             PosFn pos_of) {
    std::vector<std::string> keys;
    keys.reserve(from.size());
    for (const T& item : from) keys.push_back(key_of(item));
    unite_keyed(field, into, std::move(from), std::move(keys), pos_of);
  }

  // Items whose keys are already known.
  template <typename T, typename PosFn>
  void unite_keyed(const char* field, std::vector<T>& into, std::vector<T>&& from,
                   std::vector<std::string>&& keys, PosFn pos_of) {
    KeptKeys& seen = kept(field);
    seen.reserve(from.size());
    // Most entries are one object: their lists end up just as long, not with
    // the slack of growing item by item (a large KB keeps them to the end).
    if (into.empty()) into.reserve(from.size());
    std::size_t added = 0;
    for (std::size_t i = 0; i < from.size(); ++i) {
      T& item = from[i];
      if (const SourcePos* first = seen.find_or_add(std::move(keys[i]), pos_of(item))) {
        repeated(field, pos_of(item), *first);
        continue;
      }
      into.push_back(std::move(item));
      ++added;
    }
    if (added && fields_) fields_->push_back(std::string(field) + " +" + std::to_string(added));
  }

  // Steps: repeats among the sub-steps of one step are removed too. A step's
  // key is its normal form and its kept sub-steps' keys, each computed once.
  void steps(std::size_t list, std::vector<Step>& into, std::vector<Step>&& from) {
    const char* field = kStepFields[list];
    std::vector<Step> cleaned;
    std::vector<std::string> keys;
    cleaned.reserve(from.size());
    keys.reserve(from.size());
    for (Step& s : from) cleaned.push_back(without_repeats(field, std::move(s), keys.emplace_back()));
    unite_keyed(field, into, std::move(cleaned), std::move(keys), [](const Step& s) { return s.text.pos; });
  }

  Step without_repeats(const char* field, Step&& step, std::string& key) {
    Step out{std::move(step.text), {}};
    key = normalize_text(out.text.value);
    KeptKeys seen;
    out.steps.reserve(step.steps.size());
    for (Step& sub : step.steps) {
      std::string sub_key;
      Step clean = without_repeats(field, std::move(sub), sub_key);
      const std::size_t own = key.size();
      key += '\x1e';
      key += sub_key;
      if (const SourcePos* first = seen.find_or_add(std::move(sub_key), clean.text.pos)) {
        key.resize(own);
        repeated(field, clean.text.pos, *first);
        continue;
      }
      out.steps.push_back(std::move(clean));
    }
    return out;
  }

  void repeated(const char* field, SourcePos pos, SourcePos first) {
    ++dropped_;
    diagnostics_.report("duplicate-item", pos,
                        std::string(field) + " item repeats an earlier one (equal after "
                                             "normalisation); removed from the output",
                        first);
  }

  Diagnostics& diagnostics_;
  std::size_t& dropped_;
  MergedEntry& out_;
  Entry merged_;
  std::vector<std::string>* fields_ = nullptr;  // what the object adds; null: nobody asks
  std::vector<std::pair<std::string_view, KeptKeys>> seen_;  // by list field, few

  KeptKeys& kept(std::string_view field) {
    for (auto& [name, keys] : seen_)
      if (name == field) return keys;
    return seen_.emplace_back(field, KeptKeys{}).second;
  }
};

// title, summary and a non-empty fix are required of the merged entry, not
// of each object: a file may add only prevention steps to an entry.
void check_required(const Entry& e, Diagnostics& diagnostics) {
  const std::string code(e.code.value);
  if (!e.title.present()) diagnostics.report("missing-field", e.pos, "entry " + code + " has no \"title\"");
  if (!e.summary.present())
    diagnostics.report("missing-field", e.pos, "entry " + code + " has no \"summary\"");
  const SourcePos* fix_list = nullptr;
  for (const auto& [name, pos] : e.lists_present)
    if (name == "fix") fix_list = &pos;
  if (!fix_list)
    diagnostics.report("missing-field", e.pos,
                       "entry " + code + " has no \"fix\": every entry needs at least one fix step");
  else if (e.fix.empty())
    diagnostics.report("empty-text", *fix_list, "\"fix\" of entry " + code + " has no steps");
}

struct Group {
  std::string code;
  std::vector<std::size_t> objects;  // indices into the input, ascending
};

}  // namespace

std::vector<MergeUnion> plan_merges(const std::vector<Entry>& objects, Diagnostics& diagnostics) {
  // Objects by code, in first-seen order. Objects without a code were
  // reported by check and cannot be placed.
  std::vector<Group> groups;
  std::unordered_map<std::string, std::size_t> group_of;
  group_of.reserve(objects.size());  // nearly one group per object
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const Entry& e = objects[i];
    if (!e.code.present() || e.code.value.empty()) continue;
    auto [it, fresh] = group_of.emplace(e.code.value, groups.size());
    if (fresh) groups.push_back({std::string(e.code.value), {}});
    groups[it->second].objects.push_back(i);
  }

  // Which groups declare each alias (first declaration kept for messages).
  struct AliasUse {
    std::vector<std::size_t> groups;
    SourcePos first;
  };
  std::unordered_map<std::string, AliasUse> aliases;
  std::vector<std::string> alias_order;
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (std::size_t i : groups[g].objects)
      for (const Text& a : objects[i].aliases) {
        if (a.value == groups[g].code) continue;
        auto [it, fresh] = aliases.emplace(a.value, AliasUse{{}, a.pos});
        if (fresh) alias_order.emplace_back(a.value);
        if (std::find(it->second.groups.begin(), it->second.groups.end(), g) == it->second.groups.end())
          it->second.groups.push_back(g);
      }

  // A group whose code is another group's alias is that entry, written
  // under another name: merge them. Two groups claiming one alias are a
  // conflict, and stay apart.
  UnionFind unions(groups.size());
  for (const std::string& alias : alias_order) {
    const AliasUse& use = aliases.at(alias);
    auto named = group_of.find(alias);
    if (use.groups.size() == 1 && named != group_of.end()) unions.unite(use.groups[0], named->second);
  }
  for (const std::string& alias : alias_order) {
    const AliasUse& use = aliases.at(alias);
    std::unordered_set<std::size_t> roots;
    for (std::size_t g : use.groups) roots.insert(unions.find(g));
    if (roots.size() < 2) continue;
    for (std::size_t g : use.groups)
      for (std::size_t i : groups[g].objects)
        for (const Text& a : objects[i].aliases)
          if (a.value == alias && (a.pos.file != use.first.file || a.pos.offset != use.first.offset))
            diagnostics.report("alias-conflict", a.pos,
                               "alias \"" + alias + "\" of " + groups[g].code +
                                   " is also claimed by another entry; an alias must name one entry",
                               use.first);
  }

  // Each union's objects in load order, unions in the order of their roots.
  std::map<std::size_t, std::vector<std::size_t>> members;  // root -> groups
  for (std::size_t g = 0; g < groups.size(); ++g) members[unions.find(g)].push_back(g);
  std::vector<MergeUnion> plan;
  plan.reserve(members.size());
  for (const auto& [root, member_groups] : members) {
    MergeUnion& u = plan.emplace_back();
    for (std::size_t g : member_groups)
      u.objects.insert(u.objects.end(), groups[g].objects.begin(), groups[g].objects.end());
    std::sort(u.objects.begin(), u.objects.end());

    // The entry's code is the first one that is not an alias of the others.
    std::size_t canonical = member_groups.front();
    for (std::size_t g : member_groups)
      if (!aliases.count(groups[g].code)) {
        canonical = g;
        break;
      }
    u.code = groups[canonical].code;
  }
  return plan;
}

MergedEntry merge_union(const MergeUnion& u, std::vector<Entry>& objects) {
  MergedEntry out;
  EntryMerger merger(out);
  out.outcome.record.code = u.code;
  Text code;
  for (std::size_t i : u.objects) {
    if (!code.present() && objects[i].code.value == u.code) code = objects[i].code;
    out.outcome.record.parts.push_back(merger.add(std::move(objects[i]), u.objects.size() > 1));
    objects[i] = Entry{};  // frees what was not moved out, on this thread
  }
  out.entry = merger.take(code);
  // A name merged in through an alias stays an alias; the code itself is not one.
  out.entry.aliases.erase(std::remove_if(out.entry.aliases.begin(), out.entry.aliases.end(),
                                         [&](const Text& a) { return a.value == u.code; }),
                          out.entry.aliases.end());
  check_required(out.entry, out.outcome.findings);
  // Only codes made of several objects are recorded (add_merged); the record
  // of every other entry would wait for the whole KB to be merged.
  if (out.outcome.record.parts.size() < 2) out.outcome.record = MergeRecord{};
  return out;
}

DedupedKb merge_entries(std::vector<Entry> objects, Diagnostics& diagnostics) {
  DedupedKb kb;
  kb.stats.objects = objects.size();
  for (const MergeUnion& u : plan_merges(objects, diagnostics)) {
    MergedEntry merged = merge_union(u, objects);
    kb.entries.push_back(std::move(merged.entry));
    add_merged(kb, std::move(merged.outcome), diagnostics);
  }
  kb.stats.entries = kb.entries.size();
  return kb;
}

void add_merged(DedupedKb& kb, MergeOutcome&& merged, Diagnostics& diagnostics) {
  for (Diagnostic& d : merged.findings.items()) diagnostics.items().push_back(std::move(d));
  kb.stats.items_dropped += merged.items_dropped;
  if (merged.record.parts.size() > 1) {
    ++kb.stats.merged_codes;
    kb.merges.push_back(std::move(merged.record));
  }
}

}  // namespace kbgen
