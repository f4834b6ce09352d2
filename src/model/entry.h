// The one model of an error-code entry, shared by every stage.
//
// Every value keeps the position it was read from, so that any stage can point
// a diagnostic at it. Optional text fields are `Text`s that are not present().
//
// Texts view bytes they do not own: those of the knowledge base's TextArena
// (model/text_arena.h), which must outlive every Entry made from it, copies
// and merged entries included.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/source.h"

namespace kbgen {

// The characters a code is made of (SPEC §2: ^[A-Za-z0-9][A-Za-z0-9._-]*$):
// check holds codes to them, and the link stage reads names in prose as runs
// of them. A table, because linking asks it of every character of every field.
inline bool is_code_char(char c) {
  static constexpr std::array<bool, 256> kCodeChars = [] {
    std::array<bool, 256> table{};
    for (int b = 0; b < 256; ++b)
      table[b] = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '.' || b == '_' ||
                 b == '-';
    return table;
  }();
  return kCodeChars[static_cast<unsigned char>(c)];
}

// 24 bytes: an entry holds about fifty. Absent is a null view, so a present
// empty text must view some byte (TextArena::copy sees to that).
struct Text {
  std::string_view value;  // in a TextArena (or a string literal); null when absent
  SourcePos pos;
  bool present() const { return value.data() != nullptr; }
};

// A Markdown step, possibly with sub-steps.
struct Step {
  Text text;
  std::vector<Step> steps;
};

// Markdown string, or {"title", "detail"}: `title.present()` tells which.
struct Cause {
  Text title;
  Text detail;
};

struct Example {
  Text title;
  Text language;
  Text code;
  SourcePos pos;
};

struct Related {
  Text code;
  Text note;
};

struct Reference {
  Text title;
  Text url;
  SourcePos pos;
};

struct Extension {
  std::string key;  // "x-..."
  nlohmann::json value;
  SourcePos pos;
};

// One entry object as written in one file. Entries that share a code are
// merged later (dedupe); until then each object stands alone.
struct Entry {
  SourcePos pos;  // the entry's '{' (after merging: the first object's)
  // Every object this entry was read from, in load order: one until dedupe
  // merges objects that share a code.
  std::vector<SourcePos> sources;

  Text code;
  Text title;
  Text summary;
  Text description;
  Text product;
  Text category;
  Text reviewed;
  Text owner;

  std::vector<Text> tags;
  std::vector<Text> aliases;
  std::vector<Cause> causes;
  std::vector<Step> diagnosis;
  std::vector<Step> fix;
  std::vector<Step> verification;
  std::vector<Step> prevention;
  std::vector<Example> examples;
  std::vector<Related> related;
  std::vector<Reference> references;
  std::vector<Extension> extensions;

  // Which list fields the object named at all (an empty `fix: []` is not a
  // missing `fix`); keys are field names, string literals.
  std::vector<std::pair<std::string_view, SourcePos>> lists_present;

  bool has_list(std::string_view field) const {
    for (const auto& [name, pos] : lists_present)
      if (name == field) return true;
    return false;
  }
};

}  // namespace kbgen
