#include "load/json_fast.h"

#include <utility>

#include <simdjson.h>

namespace kbgen {
namespace {

namespace od = simdjson::ondemand;

// Above this many members an object goes to the full parser, whose hash index
// keeps duplicate-key checks linear; entry objects have a few dozen at most.
constexpr std::size_t kMaxFastMembers = 64;

std::string_view trim_trailing_space(std::string_view token) {
  while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' ||
                            token.back() == '\t'))
    token.remove_suffix(1);
  return token;
}

// simdjson rejects what nlohmann rejects in a string: bad escapes, lone
// surrogates, raw control characters, ill-formed UTF-8 (the give-up cases of
// tests/load/json_fast_test.cc hold it to that).
bool take_string(simdjson::simdjson_result<std::string_view> result, std::string& out) {
  std::string_view s;
  if (std::move(result).get(s)) return false;
  out.assign(s);
  return true;
}

// JSON's number grammar and the value are left to nlohmann, so that integer,
// unsigned and floating values come out exactly as it reads them.
bool take_number(std::string_view token, JsonNode& node) {
  node.kind = JsonNode::Kind::Number;
  node.scalar = nlohmann::json::parse(trim_trailing_space(token), nullptr, false);
  return !node.scalar.is_discarded() && node.scalar.is_number();
}

// Walks a simdjson On-Demand document into a JsonNode tree; every getter's
// error, and anything nlohmann would read differently, makes it give up.
class TreeWalker {
 public:
  explicit TreeWalker(const char* base) : base_(base) {}

  bool document(od::document& doc, std::string_view input, JsonNode& root) {
    od::json_type type;
    std::string_view token;
    if (doc.type().get(type) || doc.raw_json_token().get(token)) return false;
    root.offset = offset(token.data());
    switch (type) {
      case od::json_type::object: {
        od::object object;
        if (doc.get_object().get(object) || !this->object(object, root, 1)) return false;
        break;
      }
      case od::json_type::array: {
        od::array array;
        if (doc.get_array().get(array) || !this->array(array, root, 1)) return false;
        break;
      }
      default:
        // A scalar document: its token must run to the end of the input.
        if (token.data() + token.size() != input.data() + input.size()) return false;
        return scalar(doc, type, token, root);
    }
    // Anything after the root value (current_location fails only at the end).
    const char* after;
    return doc.current_location().get(after) == simdjson::OUT_OF_BOUNDS;
  }

 private:
  std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - base_); }

  bool value(od::value v, JsonNode& node, std::size_t depth) {
    const std::string_view token = v.raw_json_token();
    node.offset = offset(token.data());
    od::json_type type;
    if (v.type().get(type)) return false;
    switch (type) {
      case od::json_type::object: {
        od::object object;
        return !v.get_object().get(object) && this->object(object, node, depth + 1);
      }
      case od::json_type::array: {
        od::array array;
        return !v.get_array().get(array) && this->array(array, node, depth + 1);
      }
      default: return scalar(v, type, token, node);
    }
  }

  // `source` is an od::value or, for a scalar root, the od::document.
  template <typename Source>
  bool scalar(Source& source, od::json_type type, std::string_view token, JsonNode& node) {
    switch (type) {
      case od::json_type::string:
        node.kind = JsonNode::Kind::String;
        return take_string(source.get_string(), node.string);
      case od::json_type::boolean: {
        bool b;
        if (source.get_bool().get(b)) return false;
        node.kind = JsonNode::Kind::Bool;
        node.scalar = b;
        return true;
      }
      case od::json_type::null: {
        bool is_null;
        node.kind = JsonNode::Kind::Null;
        return !source.is_null().get(is_null) && is_null;
      }
      case od::json_type::number: return take_number(token, node);
      default: return false;
    }
  }

  bool object(od::object& object, JsonNode& node, std::size_t depth) {
    // The full parser reports nesting deeper than kMaxJsonDepth.
    if (depth >= kMaxJsonDepth) return false;
    node.kind = JsonNode::Kind::Object;
    for (auto field_result : object) {
      od::field field;
      if (std::move(field_result).get(field)) return false;
      if (node.members.size() >= kMaxFastMembers) return false;
      JsonMember& member = node.members.emplace_back();
      member.key_offset = offset(field.key().raw()) - 1;  // raw() is just after the quote
      if (!take_string(field.unescaped_key(), member.key)) return false;
      for (std::size_t i = 0; i + 1 < node.members.size(); ++i)
        if (node.members[i].key == member.key) return false;  // duplicate-key: reported there
      if (!value(field.value(), member.value, depth)) return false;
    }
    return true;
  }

  bool array(od::array& array, JsonNode& node, std::size_t depth) {
    if (depth >= kMaxJsonDepth) return false;
    node.kind = JsonNode::Kind::Array;
    for (auto item_result : array) {
      od::value item;
      if (std::move(item_result).get(item) || !value(item, node.items.emplace_back(), depth)) return false;
    }
    return true;
  }

  const char* base_;
};

bool starts_with_bom(std::string_view s) { return s.substr(0, 3) == "\xEF\xBB\xBF"; }

// A parser keeps buffers of about six times the largest text it has read, so
// each thread keeps one only for texts of ordinary size (entry files are tens
// of kilobytes); a bigger text gets a parser of its own, freed after it.
constexpr std::size_t kKeptParserCapacity = std::size_t{4} << 20;

// text[skip, skip + size), readable up to text + capacity.
bool walk(const char* text, std::size_t skip, std::size_t size, std::size_t capacity,
          JsonNode& root) {
  thread_local od::parser kept_parser;
  od::parser own_parser;
  od::parser& parser = size <= kKeptParserCapacity ? kept_parser : own_parser;
  od::document doc;
  if (parser.iterate(text + skip, size, capacity - skip).get(doc)) return false;
  return TreeWalker(text).document(doc, std::string_view(text + skip, size), root);
}

}  // namespace

bool parse_well_formed_json(const std::string& text, std::size_t skip, JsonNode& root) {
  // simdjson may skip a byte-order mark itself; nlohmann reads a second one
  // (the first is skipped by the caller) as an error.
  const std::size_t size = text.size() - skip;
  if (starts_with_bom(std::string_view(text).substr(skip))) return false;
  // simdjson reads up to SIMDJSON_PADDING bytes past the input; a text read
  // by RealDisk has that room already, any other is copied.
  if (text.capacity() - text.size() >= simdjson::SIMDJSON_PADDING)
    return walk(text.data(), skip, size, text.capacity(), root);
  std::string padded;
  padded.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  padded = text;
  return walk(padded.data(), skip, size, padded.capacity(), root);
}

}  // namespace kbgen
