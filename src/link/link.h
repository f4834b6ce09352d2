// Stage 4, link: merged entries -> a cross-linked knowledge base.
//
// Takes: the merged entries and the configuration. Gives: the entries sorted
// by code (case-insensitively, then byte-wise), the index of their names,
// related codes resolved, and backlinks: the facts across entries, cheap to
// keep for the whole KB. An entry's Markdown fields are parsed into cmark
// trees only when asked (link_entry_trees), each mention of a known code or
// alias a link to that entry (never inside code, code blocks or existing
// links, never to the entry itself): the trees of a large KB do not fit in
// memory at once, so the render pass makes them a chunk of entries at a time.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "link/markdown.h"
#include "model/config.h"
#include "model/entry.h"

namespace kbgen {

struct LinkedStep {
  CmarkTree text;
  std::vector<LinkedStep> steps;
};

inline constexpr std::size_t kNoEntry = static_cast<std::size_t>(-1);

// Names (codes and aliases) to entries. Every word of every Markdown field
// is looked up, so a lookup takes a string_view and needs no string of its
// own, and a 64-Kbit filter of each name's length and first two and last
// bytes turns most words of prose away before the word is hashed or the
// table touched (they were 5% of a build).
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
};

class NameIndex {
 public:
  using Map = std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>>;

  // Like unordered_map::emplace: the first entry given a name keeps it.
  void emplace(std::string_view name, std::size_t entry) {
    if (map_.emplace(std::string(name), entry).second) filter_[slot(name) / 64] |= std::uint64_t{1} << (slot(name) % 64);
  }
  // The entry `name` names, or null.
  const std::size_t* find(std::string_view name) const {
    const std::size_t s = slot(name);
    if (!(filter_[s / 64] >> (s % 64) & 1)) return nullptr;
    const auto it = map_.find(name);
    return it == map_.end() ? nullptr : &it->second;
  }
  std::size_t size() const { return map_.size(); }
  Map::const_iterator begin() const { return map_.begin(); }
  Map::const_iterator end() const { return map_.end(); }

 private:
  static std::size_t slot(std::string_view name) {
    if (name.empty()) return 0;
    const auto byte = [&name](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(name[k])); };
    const std::uint32_t key = static_cast<std::uint32_t>(std::min<std::size_t>(name.size(), 255)) | byte(0) << 8 |
                              (name.size() > 1 ? byte(1) : 0) << 16 | byte(name.size() - 1) << 24;
    return (key * 0x9E3779B1u) >> 16;
  }
  Map map_;
  std::vector<std::uint64_t> filter_ = std::vector<std::uint64_t>(1024);
};

struct LinkedEntry {
  std::vector<std::size_t> related;      // parallel to Entry::related: target entry or kNoEntry
  std::vector<std::size_t> backlinks;    // entries whose `related` names this one, in entry order
};

// One entry's Markdown fields, parsed and linked.
struct EntryTrees {
  CmarkTree summary;
  CmarkTree description;                 // null when absent
  std::vector<CmarkTree> cause_details;  // parallel to Entry::causes
  std::vector<LinkedStep> diagnosis, fix, verification, prevention;
  std::vector<CmarkTree> related_notes;  // parallel to Entry::related; null when no note
};

struct LinkedKb {
  Config config;
  std::vector<Entry> entries;       // sorted by code
  std::vector<LinkedEntry> links;   // parallel to entries
  NameIndex by_name;  // code or alias -> entry
  std::vector<std::string> source_paths;  // FileId -> path relative to the KB folder
  const Sources* sources = nullptr;       // for line:column of source positions

  // The entry a code or alias names, or kNoEntry.
  std::size_t find(const std::string& name) const;
};

LinkedKb link_entries(std::vector<Entry> entries, Config config);

// Entry i's Markdown fields parsed and linked. Needs only the name index, so
// entries may be parsed in any order and on several threads at once.
EntryTrees link_entry_trees(const LinkedKb& kb, std::size_t i);

// Turns mentions of known names in the tree's text into entry links; exposed
// for tests. `self` is never linked.
void link_mentions(cmark_node* doc, const NameIndex& by_name,
                   const std::vector<Entry>& entries, std::size_t self);

}  // namespace kbgen
