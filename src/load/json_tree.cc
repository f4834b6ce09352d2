#include "load/json_tree.h"

#include <iterator>
#include <string_view>
#include <unordered_set>

#include "load/json_fast.h"

namespace kbgen {
namespace {

// An input iterator over the file's bytes that publishes how many bytes the
// parser has pulled. nlohmann's lexer reads one byte past a number and no
// byte past any other token, so when a SAX event arrives, every byte up to
// the count has been read, and the token that caused the event starts at the
// first byte after the previous event that is not white space or ',' / ':'.
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* p, const char* base, std::size_t* consumed)
      : p_(p), base_(base), consumed_(consumed) {}
  reference operator*() const { return *p_; }
  CountingIterator& operator++() {
    ++p_;
    *consumed_ = static_cast<std::size_t>(p_ - base_);
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const CountingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const CountingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_;
  const char* base_;
  std::size_t* consumed_;
};

bool is_gap(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':';
}

// nlohmann's messages start "[json.exception.parse_error.101] parse error at
// line 1, column 2: "; keep what follows, since kbgen prints its own position.
std::string plain_message(const std::string& what) {
  const std::size_t at = what.find("parse error at line ");
  if (at != std::string::npos) {
    const std::size_t colon = what.find(": ", at);
    if (colon != std::string::npos) return what.substr(colon + 2);
  }
  const std::size_t bracket = what.find("] ");
  return bracket == std::string::npos ? what : what.substr(bracket + 2);
}

// The library quotes what it read, so a message about broken UTF-8 would
// carry the broken bytes into the terminal, GitHub annotations and JSON
// output; show each ill-formed sequence as U+FFFD instead.
std::string valid_utf8(const std::string& s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 4;
    std::uint32_t cp = n == 0 ? c : n == 1 ? (c & 0x1Fu) : n == 2 ? (c & 0x0Fu) : (c & 0x07u);
    bool ok = n < 4;
    for (std::size_t k = 1; ok && k <= n; ++k) {
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) ok = false;
      else cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (ok && (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) ok = false;
    if (ok) {
      out.append(s, i, n + 1);
      i += n + 1;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

class TreeBuilder {
 public:
  TreeBuilder(const std::string& text, std::size_t skip, const std::size_t* consumed, FileId file,
              Diagnostics& diagnostics, JsonNode& root)
      : text_(text), skip_(skip), consumed_(consumed), file_(file),
        diagnostics_(diagnostics), root_(root), mark_(skip) {}

  bool null() { return add_scalar(JsonNode::Kind::Null, nullptr); }
  bool boolean(bool v) { return add_scalar(JsonNode::Kind::Bool, v); }
  bool number_integer(std::int64_t v) { return add_scalar(JsonNode::Kind::Number, v); }
  bool number_unsigned(std::uint64_t v) { return add_scalar(JsonNode::Kind::Number, v); }
  bool number_float(double v, const std::string&) {
    return add_scalar(JsonNode::Kind::Number, v);
  }
  bool string(std::string& v) {
    JsonNode* node = add(JsonNode::Kind::String);
    node->string = std::move(v);
    return true;
  }
  bool binary(nlohmann::json::binary_t&) { return true; }

  bool start_object(std::size_t) { return open(JsonNode::Kind::Object); }
  bool start_array(std::size_t) { return open(JsonNode::Kind::Array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& k) {
    const std::uint32_t at = token_start();
    JsonNode& object = *stack_.back().node;
    JsonMember member;
    member.key = std::move(k);
    member.key_offset = at;
    if (const JsonMember* first = find_member(stack_.back(), member.key)) {
      member.duplicate = true;
      diagnostics_.report("duplicate-key", {file_, at},
                          "key \"" + member.key + "\" appears twice in this object; "
                          "only the first is used",
                          SourcePos{file_, first->key_offset});
    }
    if (stack_.back().indexed) stack_.back().keys.insert(member.key);
    object.members.push_back(std::move(member));
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    // `position` counts the bytes read when the lexer gave up; the last of
    // them is where the problem shows.
    std::size_t at = skip_ + (position > 0 ? position - 1 : 0);
    if (at > text_.size()) at = text_.size();
    std::string message = valid_utf8(plain_message(ex.what()));
    // A whole, well-formed string, number or literal in the wrong place
    // ("unexpected string literal" after a missing comma) is shown at its
    // first character, not its last: the first byte after the previous
    // event that is not a separator. After a number that event came one byte
    // late (the lexer's look-ahead), so start one byte earlier.
    if (message.find(" - unexpected ") != std::string::npos && at < text_.size() &&
        std::string_view("[]{}:,").find(text_[at]) == std::string_view::npos) {
      std::size_t i = after_number_ && mark_ > skip_ ? mark_ - 1 : mark_;
      while (i < at && is_gap(text_[i])) ++i;
      at = i;
    }
    if (text_.find_first_not_of(" \t\r\n", skip_) == std::string::npos)
      message = "the file is empty: expected an entry object or an array of entries";
    diagnostics_.report("json-syntax", {file_, static_cast<std::uint32_t>(at)}, message);
    failed_ = true;
    return false;
  }

  bool failed() const { return failed_; }

 private:
  struct Open {
    JsonNode* node;
    // Objects with many keys get a hash index so duplicate-key checks stay
    // linear on hostile input.
    std::unordered_set<std::string> keys;
    bool indexed = false;
  };

  const JsonMember* find_member(Open& open, const std::string& key) {
    const auto& members = open.node->members;
    if (members.size() >= 16 && !open.indexed) {
      for (const JsonMember& m : members) open.keys.insert(m.key);
      open.indexed = true;
    }
    if (open.indexed && open.keys.count(key) == 0) return nullptr;
    for (const JsonMember& m : members)
      if (m.key == key) return &m;
    return nullptr;
  }

  std::uint32_t token_start() {
    std::size_t i = mark_;
    const std::size_t end = skip_ + *consumed_;
    while (i < end && is_gap(text_[i])) ++i;
    mark_ = end;
    after_number_ = false;
    return static_cast<std::uint32_t>(i);
  }

  JsonNode* add(JsonNode::Kind kind) {
    const std::uint32_t at = token_start();
    JsonNode* node;
    if (stack_.empty()) {
      node = &root_;
    } else if (stack_.back().node->kind == JsonNode::Kind::Array) {
      node = &stack_.back().node->items.emplace_back();
    } else {
      node = &stack_.back().node->members.back().value;
    }
    node->kind = kind;
    node->offset = at;
    return node;
  }

  bool add_scalar(JsonNode::Kind kind, nlohmann::json value) {
    add(kind)->scalar = std::move(value);
    after_number_ = kind == JsonNode::Kind::Number;
    return true;
  }

  bool open(JsonNode::Kind kind) {
    JsonNode* node = add(kind);
    if (stack_.size() >= kMaxJsonDepth) {
      diagnostics_.report("json-syntax", {file_, node->offset},
                          "nesting deeper than " + std::to_string(kMaxJsonDepth) +
                              " levels; kbgen stops reading this file here");
      failed_ = true;
      return false;
    }
    // Growing a parent vector would move its children; pointers on the stack
    // stay valid because a node's own containers only grow while it is on top.
    stack_.push_back(Open{node, {}, false});
    return true;
  }

  bool close() {
    token_start();
    stack_.pop_back();
    return true;
  }

  const std::string& text_;
  std::size_t skip_;
  const std::size_t* consumed_;
  FileId file_;
  Diagnostics& diagnostics_;
  JsonNode& root_;
  std::vector<Open> stack_;
  std::size_t mark_;
  bool after_number_ = false;  // the last event was a number
  bool failed_ = false;
};

}  // namespace

const char* kind_name(JsonNode::Kind kind) {
  switch (kind) {
    case JsonNode::Kind::Null: return "null";
    case JsonNode::Kind::Bool: return "a boolean";
    case JsonNode::Kind::Number: return "a number";
    case JsonNode::Kind::String: return "a string";
    case JsonNode::Kind::Array: return "an array";
    case JsonNode::Kind::Object: return "an object";
  }
  return "a value";
}

nlohmann::json JsonNode::to_json() const {
  switch (kind) {
    case Kind::Null: return nullptr;
    case Kind::Bool:
    case Kind::Number: return scalar;
    case Kind::String: return string;
    case Kind::Array: {
      nlohmann::json a = nlohmann::json::array();
      for (const JsonNode& item : items) a.push_back(item.to_json());
      return a;
    }
    case Kind::Object: {
      nlohmann::json o = nlohmann::json::object();
      for (const JsonMember& m : members)
        if (!m.duplicate) o[m.key] = m.value.to_json();
      return o;
    }
  }
  return nullptr;
}

namespace {

// nlohmann would skip a byte-order mark itself, but then the counting would
// be off by three; both parsers skip it here instead.
std::size_t bom_size(const std::string& text) {
  return text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
}

}  // namespace

bool parse_json_tree(const std::string& text, FileId file, Diagnostics& diagnostics,
                     JsonNode& root) {
  if (parse_well_formed_json(text, bom_size(text), root)) return true;
  root = JsonNode{};
  return parse_json_tree_fully(text, file, diagnostics, root);
}

bool parse_json_tree_fully(const std::string& text, FileId file, Diagnostics& diagnostics,
                           JsonNode& root) {
  const std::size_t skip = bom_size(text);
  std::size_t consumed = 0;
  TreeBuilder builder(text, skip, &consumed, file, diagnostics, root);
  const char* begin = text.data() + skip;
  const char* end = text.data() + text.size();
  const bool ok = nlohmann::json::sax_parse(CountingIterator(begin, begin, &consumed),
                                            CountingIterator(end, begin, &consumed), &builder);
  return ok && !builder.failed();
}

}  // namespace kbgen
