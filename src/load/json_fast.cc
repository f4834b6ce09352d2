#include "load/json_fast.h"

#include "util/strings.h"

namespace kbgen {
namespace {

// Above this many members an object goes to the full parser, whose hash index
// keeps duplicate-key checks linear; entry objects have a few dozen at most.
constexpr std::size_t kMaxFastMembers = 64;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Bytes that end a run of plain string content: '"', '\\', control
// characters and the start of a multi-byte sequence.
bool is_plain_string_byte(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

class FastParser {
 public:
  FastParser(std::string_view text, std::size_t skip) : text_(text), at_(skip) {}

  bool document(JsonNode& root) {
    if (!value(root, 0)) return false;
    skip_space();
    return at_ == text_.size();
  }

 private:
  bool value(JsonNode& node, std::size_t depth) {
    skip_space();
    if (at_ >= text_.size()) return false;
    node.offset = static_cast<std::uint32_t>(at_);
    switch (text_[at_]) {
      case '{': return object(node, depth + 1);
      case '[': return array(node, depth + 1);
      case '"': node.kind = JsonNode::Kind::String; return string(node.string);
      case 't': return literal("true", JsonNode::Kind::Bool, true, node);
      case 'f': return literal("false", JsonNode::Kind::Bool, false, node);
      case 'n': return literal("null", JsonNode::Kind::Null, nullptr, node);
      default: return number(node);
    }
  }

  bool object(JsonNode& node, std::size_t depth) {
    // The full parser reports nesting deeper than kMaxJsonDepth.
    if (depth >= kMaxJsonDepth) return false;
    node.kind = JsonNode::Kind::Object;
    ++at_;
    if (next_is('}')) return true;
    for (;;) {
      skip_space();
      if (at_ >= text_.size() || text_[at_] != '"') return false;
      if (node.members.size() >= kMaxFastMembers) return false;
      JsonMember& member = node.members.emplace_back();
      member.key_offset = static_cast<std::uint32_t>(at_);
      if (!string(member.key)) return false;
      for (std::size_t i = 0; i + 1 < node.members.size(); ++i)
        if (node.members[i].key == member.key) return false;  // duplicate-key: reported there
      if (!next_is(':')) return false;
      if (!value(member.value, depth)) return false;
      if (next_is(',')) continue;
      return next_is('}');
    }
  }

  bool array(JsonNode& node, std::size_t depth) {
    if (depth >= kMaxJsonDepth) return false;
    node.kind = JsonNode::Kind::Array;
    ++at_;
    if (next_is(']')) return true;
    for (;;) {
      if (!value(node.items.emplace_back(), depth)) return false;
      if (next_is(',')) continue;
      return next_is(']');
    }
  }

  // At the opening quote.
  bool string(std::string& out) {
    ++at_;
    for (;;) {
      const std::size_t run = at_;
      while (at_ < text_.size() && is_plain_string_byte(static_cast<unsigned char>(text_[at_]))) ++at_;
      out.append(text_.data() + run, at_ - run);
      if (at_ >= text_.size()) return false;
      const unsigned char c = static_cast<unsigned char>(text_[at_]);
      if (c == '"') {
        ++at_;
        return true;
      }
      if (c == '\\') {
        if (!escape(out)) return false;
      } else if (c >= 0x80) {
        if (!utf8_sequence(out)) return false;
      } else {
        return false;  // a raw control character
      }
    }
  }

  // At the backslash.
  bool escape(std::string& out) {
    if (at_ + 1 >= text_.size()) return false;
    const char c = text_[at_ + 1];
    at_ += 2;
    switch (c) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': break;
      default: return false;
    }
    std::uint32_t cp = 0;
    if (!hex4(cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate first
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      std::uint32_t low = 0;
      if (at_ + 1 >= text_.size() || text_[at_] != '\\' || text_[at_ + 1] != 'u') return false;
      at_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, cp);
    return true;
  }

  bool hex4(std::uint32_t& cp) {
    if (at_ + 4 > text_.size()) return false;
    for (int i = 0; i < 4; ++i) {
      const int h = hex_value(text_[at_ + i]);
      if (h < 0) return false;
      cp = (cp << 4) | static_cast<std::uint32_t>(h);
    }
    at_ += 4;
    return true;
  }

  // One well-formed UTF-8 sequence (Unicode Table 3-7, as nlohmann checks it).
  bool utf8_sequence(std::string& out) {
    const auto byte = [&](std::size_t k) {
      return at_ + k < text_.size() ? static_cast<unsigned char>(text_[at_ + k]) : 0u;
    };
    const unsigned c = byte(0);
    std::size_t n;
    unsigned low = 0x80, high = 0xBF;  // range of the second byte
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) n = 3, low = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) n = 3;
    else if (c == 0xED) n = 3, high = 0x9F;
    else if (c == 0xF0) n = 4, low = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else if (c == 0xF4) n = 4, high = 0x8F;
    else return false;
    if (byte(1) < low || byte(1) > high) return false;
    for (std::size_t k = 2; k < n; ++k)
      if (byte(k) < 0x80 || byte(k) > 0xBF) return false;
    out.append(text_.data() + at_, n);
    at_ += n;
    return true;
  }

  bool literal(std::string_view word, JsonNode::Kind kind, nlohmann::json value, JsonNode& node) {
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    node.kind = kind;
    node.scalar = std::move(value);
    return true;
  }

  // JSON's number grammar; the value itself is left to nlohmann, so that
  // integer, unsigned and floating values come out exactly as it reads them.
  bool number(JsonNode& node) {
    const std::size_t start = at_;
    const auto digits = [&] {
      const std::size_t from = at_;
      while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
      return at_ > from;
    };
    if (at_ < text_.size() && text_[at_] == '-') ++at_;
    if (at_ < text_.size() && text_[at_] == '0') ++at_;
    else if (!digits()) return false;
    if (at_ < text_.size() && text_[at_] == '.') {
      ++at_;
      if (!digits()) return false;
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      if (!digits()) return false;
    }
    node.kind = JsonNode::Kind::Number;
    node.scalar = nlohmann::json::parse(text_.substr(start, at_ - start), nullptr, false);
    return !node.scalar.is_discarded();
  }

  void skip_space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\r' || text_[at_] == '\t'))
      ++at_;
  }

  // Skips white space, then `c` if it is next.
  bool next_is(char c) {
    skip_space();
    if (at_ >= text_.size() || text_[at_] != c) return false;
    ++at_;
    return true;
  }

  std::string_view text_;
  std::size_t at_;
};

}  // namespace

bool parse_well_formed_json(std::string_view text, std::size_t skip, JsonNode& root) {
  return FastParser(text, skip).document(root);
}

}  // namespace kbgen
