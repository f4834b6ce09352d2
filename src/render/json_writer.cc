#include "render/json_writer.h"

#include "util/strings.h"

namespace kbgen {
namespace {

// Bytes a JSON string holds as they are: all but controls, '"' and '\'.
struct Unescaped {
  bool plain[256];
  constexpr Unescaped() : plain() {
    for (int c = 0x20; c < 256; ++c) plain[c] = c != '"' && c != '\\';
  }
};
constexpr Unescaped kUnescaped;

// `text` as a JSON string (quotes included), as nlohmann escapes it with
// ensure_ascii off.
void append_json_string(std::string_view text, std::string& out) {
  if (!is_valid_utf8(text)) {
    // The loader has checked UTF-8 already; nlohmann's `replace` keeps a
    // stray byte from throwing halfway through a build.
    out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    std::size_t end = i;
    while (end < text.size() && kUnescaped.plain[static_cast<unsigned char>(text[end])]) ++end;
    out.append(text, i, end - i);
    if (end == text.size()) break;
    const unsigned char c = text[end];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
    i = end + 1;
  }
  out += '"';
}

}  // namespace

void JsonWriter::newline_and_indent(std::size_t levels) {
  out_ += '\n';
  out_.append((depth_ + levels) * static_cast<std::size_t>(indent_), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;
  if (!empty_.back()) out_ += ',';
  empty_.back() = false;
  if (indent_ >= 0) newline_and_indent(empty_.size());
}

void JsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(name, out_);
  out_ += indent_ >= 0 ? ": " : ":";
  after_key_ = true;
}

void JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  empty_.push_back(true);
}

void JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  empty_.push_back(true);
}

void JsonWriter::close(char bracket) {
  const bool empty = empty_.back();
  empty_.pop_back();
  if (!empty && indent_ >= 0) newline_and_indent(empty_.size());
  out_ += bracket;
}

void JsonWriter::end_object() { close('}'); }
void JsonWriter::end_array() { close(']'); }

void JsonWriter::value(std::string_view text) {
  before_value();
  append_json_string(text, out_);
}

void JsonWriter::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
}

void JsonWriter::value(std::uint64_t n) {
  before_value();
  out_ += std::to_string(n);
}

void JsonWriter::append_nlohmann(const std::string& dumped) {
  // nlohmann writes the value as if at the top; its lines are indented to
  // this depth (JSON strings hold no raw line breaks).
  const std::string pad(indent_ >= 0 ? (depth_ + empty_.size()) * static_cast<std::size_t>(indent_) : 0, ' ');
  for (char c : dumped) {
    out_ += c;
    if (c == '\n') out_ += pad;
  }
}

void JsonWriter::value(const nlohmann::json& json) {
  before_value();
  append_nlohmann(json.dump(indent_, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace kbgen
