// Stage 4, link: merged entries -> a cross-linked knowledge base.
//
// Takes: the merged entries and the configuration. Gives: the entries sorted
// by code (case-insensitively, then byte-wise), every Markdown field parsed
// once into a cmark tree in which each mention of a known code or alias is a
// link to that entry (never inside code, code blocks or existing links, never
// to the entry itself), related codes resolved, and backlinks.
#pragma once

#include <functional>
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

// Names (codes and aliases) to entries, looked up by string_view too: every
// word of every Markdown field is a lookup, and needs no string of its own.
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
};
using NameIndex = std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>>;

struct LinkedEntry {
  CmarkTree summary;
  CmarkTree description;                 // null when absent
  std::vector<CmarkTree> cause_details;  // parallel to Entry::causes
  std::vector<LinkedStep> diagnosis, fix, verification, prevention;
  std::vector<CmarkTree> related_notes;  // parallel to Entry::related; null when no note
  std::vector<std::size_t> related;      // parallel to Entry::related: target entry or kNoEntry
  std::vector<std::size_t> backlinks;    // entries whose `related` names this one, in entry order
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

// Called on the linking thread as soon as an entry's trees are made, so that
// a caller can turn them into what it needs (and empty them) while only the
// trees of the entries being linked exist at once.
using OnLinked = std::function<void(std::size_t entry, const Entry& e, LinkedEntry& links)>;

// `jobs`: threads to parse and link with (the result does not depend on it).
LinkedKb link_entries(std::vector<Entry> entries, Config config, unsigned jobs = 1,
                      const OnLinked& on_linked = nullptr);

// Turns mentions of known names in the tree's text into entry links; exposed
// for tests. `self` is never linked.
void link_mentions(cmark_node* doc, const NameIndex& by_name,
                   const std::vector<Entry>& entries, std::size_t self);

}  // namespace kbgen
