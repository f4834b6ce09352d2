#include "load/fields.h"

#include <algorithm>
#include <type_traits>

namespace kbgen {

FieldReader::ObjectScope FieldReader::object(const JsonNode& node, const std::string& what,
                                             const std::vector<std::string>& known,
                                             bool extensions) {
  if (node.kind != JsonNode::Kind::Object) {
    wrong_type(node, what, "an object");
    return {false};
  }
  for (const JsonMember& m : node.members) {
    if (m.duplicate) continue;
    if (std::find(known.begin(), known.end(), m.key) != known.end()) continue;
    if (extensions && m.key.rfind("x-", 0) == 0) continue;
    std::string message = "unknown field \"" + m.key + "\" in " + what;
    const std::string hint = closest_match(m.key, known);
    if (!hint.empty())
      message += "; did you mean \"" + hint + "\"?";
    else if (extensions)
      message += " (extension fields start with \"x-\")";
    diagnostics_.report("unknown-field", at(m.key_offset), message);
  }
  return {true};
}

const JsonNode* FieldReader::member(const JsonNode& object, std::string_view key) const {
  for (const JsonMember& m : object.members)
    if (!m.duplicate && m.key == key) return &m.value;
  return nullptr;
}

JsonNode* FieldReader::member(JsonNode& object, std::string_view key) const {
  return const_cast<JsonNode*>(member(static_cast<const JsonNode&>(object), key));
}

// Node is JsonNode (the string is copied into texts_) or const JsonNode (viewed).
template <typename Node>
Text FieldReader::string_of(Node& node, std::string_view what) {
  Text t;
  t.pos = at(node.offset);
  if (node.kind != JsonNode::Kind::String) {
    wrong_type(node, what, "a string");
    return t;
  }
  // Both are non-null, even when empty: the text is present.
  if constexpr (std::is_const_v<Node>) t.value = node.string;
  else t.value = texts_->copy(node.string);
  return t;
}

template <typename Node>
Text FieldReader::string_at(Node& object, std::string_view key, bool required) {
  Node* node = member(object, key);
  if (!node) {
    if (required) missing(object, key, "this object");
    return Text{{}, at(object.offset)};
  }
  return string_of(*node, key);
}

Text FieldReader::string_value(const JsonNode& node, std::string_view what) { return string_of(node, what); }
Text FieldReader::take_string_value(JsonNode& node, std::string_view what) { return string_of(node, what); }

Text FieldReader::optional_string(const JsonNode& object, std::string_view key) {
  return string_at(object, key, false);
}
Text FieldReader::required_string(const JsonNode& object, std::string_view key) {
  return string_at(object, key, true);
}
Text FieldReader::take_optional_string(JsonNode& object, std::string_view key) {
  return string_at(object, key, false);
}
Text FieldReader::take_required_string(JsonNode& object, std::string_view key) {
  return string_at(object, key, true);
}

const JsonNode* FieldReader::optional_array(const JsonNode& object, std::string_view key) {
  const JsonNode* node = member(object, key);
  if (!node) return nullptr;
  if (node->kind != JsonNode::Kind::Array) {
    wrong_type(*node, key, "an array");
    return nullptr;
  }
  return node;
}

JsonNode* FieldReader::optional_array(JsonNode& object, std::string_view key) {
  return const_cast<JsonNode*>(optional_array(static_cast<const JsonNode&>(object), key));
}

void FieldReader::wrong_type(const JsonNode& node, std::string_view what,
                             std::string_view expected) {
  diagnostics_.report("wrong-type", at(node.offset),
                      std::string(what) + " must be " + std::string(expected) + ", not " +
                          kind_name(node.kind));
}

void FieldReader::missing(const JsonNode& object, std::string_view key, std::string_view what) {
  diagnostics_.report("missing-field", at(object.offset),
                      "required field \"" + std::string(key) + "\" is missing from " +
                          std::string(what));
}

}  // namespace kbgen
