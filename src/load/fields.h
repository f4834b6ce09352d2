// Reading typed fields out of a JSON tree, reporting wrong types, unknown keys
// and missing required keys at the offending position.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "load/json_tree.h"
#include "model/entry.h"
#include "model/text_arena.h"
#include "util/strings.h"

namespace kbgen {

class FieldReader {
 public:
  // `texts`: where take_* copy the strings they keep (required for those).
  FieldReader(FileId file, Diagnostics& diagnostics, TextSpan* texts = nullptr)
      : file_(file), diagnostics_(diagnostics), texts_(texts) {}

  struct ObjectScope {
    bool ok = false;
  };
  // Checks that `node` is an object; reports each key not in `known` (and,
  // when `extensions` is set, not starting with "x-") as unknown-field with a
  // "did you mean" hint.
  ObjectScope object(const JsonNode& node, const std::string& what,
                     const std::vector<std::string>& known, bool extensions = false);

  // The first (non-duplicate) member called `key`, or null.
  const JsonNode* member(const JsonNode& object, std::string_view key) const;
  JsonNode* member(JsonNode& object, std::string_view key) const;

  // These view the tree's strings: the Text is valid while the tree is.
  Text required_string(const JsonNode& object, std::string_view key);
  Text optional_string(const JsonNode& object, std::string_view key);
  // The same, copying the string into the reader's TextSpan: for a tree that
  // is thrown away once decoded.
  Text take_required_string(JsonNode& object, std::string_view key);
  Text take_optional_string(JsonNode& object, std::string_view key);
  Text take_string_value(JsonNode& node, std::string_view what);
  // The array under `key`, or null when absent or (reported) not an array.
  const JsonNode* optional_array(const JsonNode& object, std::string_view key);
  JsonNode* optional_array(JsonNode& object, std::string_view key);
  // `node` as text; reports wrong-type when it is not a string.
  Text string_value(const JsonNode& node, std::string_view what);

  void wrong_type(const JsonNode& node, std::string_view what, std::string_view expected);
  void missing(const JsonNode& object, std::string_view key, std::string_view what);

  SourcePos at(std::uint32_t offset) const { return {file_, offset}; }
  Diagnostics& diagnostics() { return diagnostics_; }

 private:
  template <typename Node>
  Text string_of(Node& node, std::string_view what);
  template <typename Node>
  Text string_at(Node& object, std::string_view key, bool required);

  FileId file_;
  Diagnostics& diagnostics_;
  TextSpan* texts_;
};

}  // namespace kbgen
