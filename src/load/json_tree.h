// A JSON document as a tree that remembers where every key and value starts.
//
// nlohmann_json's DOM keeps no positions, so the tree is built from its SAX
// events; a counting input iterator tells where each token began (see
// json_tree.cc). The same pass rejects duplicate keys and absurd nesting.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics/diagnostic.h"

namespace kbgen {

struct JsonMember;

struct JsonNode {
  enum class Kind : std::uint8_t { Null, Bool, Number, String, Array, Object };

  Kind kind = Kind::Null;
  std::uint32_t offset = 0;         // first byte of the value
  std::string string;               // Kind::String
  nlohmann::json scalar;            // Kind::Bool and Kind::Number
  std::vector<JsonNode> items;      // Kind::Array
  std::vector<JsonMember> members;  // Kind::Object, in document order

  // The value as plain JSON (for extension fields passed through untouched).
  nlohmann::json to_json() const;
};

struct JsonMember {
  std::string key;
  std::uint32_t key_offset = 0;  // the key's opening quote
  JsonNode value;
  bool duplicate = false;        // a later repeat of a key: reported, then ignored
};

const char* kind_name(JsonNode::Kind kind);

inline constexpr std::size_t kMaxJsonDepth = 256;

// Parses `text` (the whole file) into a tree. Syntax errors, duplicate keys
// and nesting deeper than kMaxJsonDepth are reported against `file`;
// returns false when no usable tree was built.
bool parse_json_tree(const std::string& text, FileId file, Diagnostics& diagnostics,
                     JsonNode& root);

// The same with nlohmann's parser alone, which every input can take;
// parse_json_tree tries a faster parser for well-formed files first
// (load/json_fast.h) and must give exactly this tree.
bool parse_json_tree_fully(const std::string& text, FileId file, Diagnostics& diagnostics,
                           JsonNode& root);

}  // namespace kbgen
