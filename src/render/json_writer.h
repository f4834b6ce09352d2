// JSON text written straight from kbgen's data, byte for byte as
// nlohmann::ordered_json's dump(indent, ' ', false, replace) would write the
// same values. Building an ordered_json first (a node and a key search per
// field) and dumping it was a tenth of a 10k build's CPU, for the JSON API
// and the search index; nlohmann still writes what this does not know:
// extension fields, and any string that is not valid UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kbgen {

class JsonWriter {
 public:
  // indent < 0: compact, as dump(-1). `depth`: the value written is
  // indented as if it sat that many levels deep in a larger document.
  explicit JsonWriter(int indent, std::size_t depth = 0) : indent_(indent), depth_(depth) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // The key of the next value in the current object.
  void key(std::string_view name);

  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(const std::string& text) { value(std::string_view(text)); }
  void value(bool b);
  void value(std::uint64_t n);
  void value(std::uint32_t n) { value(static_cast<std::uint64_t>(n)); }
  // Any JSON value, written by nlohmann at this nesting depth.
  void value(const nlohmann::json& json);
  // key(name), then value(v).
  template <typename T>
  void field(std::string_view name, const T& v) {
    key(name);
    value(v);
  }
  // name: [each(item) for every item].
  template <typename Items, typename Each>
  void array(std::string_view name, const Items& items, Each&& each) {
    key(name);
    begin_array();
    for (const auto& item : items) each(item);
    end_array();
  }

  // The text written; the writer is left empty.
  std::string take() { return std::move(out_); }

 private:
  void before_value();
  void close(char bracket);
  // A line break and the indent of `levels` more than the writer's depth.
  void newline_and_indent(std::size_t levels);
  void append_nlohmann(const std::string& dumped);

  int indent_;
  std::size_t depth_;
  std::string out_;
  std::vector<bool> empty_;  // per open object or array: nothing in it yet
  bool after_key_ = false;
};

}  // namespace kbgen
