// The one model of an error-code entry, shared by every stage.
//
// Every value keeps the position it was read from, so that any stage can point
// a diagnostic at it. Optional text fields are `Text` with `present == false`.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/source.h"

namespace kbgen {

struct Text {
  std::string value;
  SourcePos pos;
  bool present = false;
};

// A Markdown step, possibly with sub-steps.
struct Step {
  Text text;
  std::vector<Step> steps;
};

// Markdown string, or {"title", "detail"}: `title.present` tells which.
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
  // missing `fix`); keys are field names.
  std::vector<std::pair<std::string, SourcePos>> lists_present;

  bool has_list(const std::string& field) const {
    for (const auto& [name, pos] : lists_present)
      if (name == field) return true;
    return false;
  }
};

}  // namespace kbgen
