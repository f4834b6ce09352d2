#include "render/mustache_data.h"

namespace kbgen {
namespace {

// A lazy item is a kainjow partial holding this function object. kainjow
// never calls a partial it finds in a list, and no other data kbgen makes
// holds one, so the type marks the placeholder; std::function keeps two
// pointers' worth in place, so a placeholder costs no more than its list slot
// and the partial's box.
struct LazyItem {
  const LazyItems* items;
  std::size_t index;
  std::string operator()() const { return {}; }
};

}  // namespace

MData mlazy(const LazyItems& items, std::size_t index) {
  return MData(kainjow::mustache::basic_partial<std::string>(LazyItem{&items, index}));
}

std::optional<MData> made_if_lazy(const MData& placeholder) {
  if (!placeholder.is_partial()) return std::nullopt;
  const LazyItem* item = placeholder.partial_value().target<LazyItem>();
  if (!item) return std::nullopt;
  return item->items->make(item->index);
}

MData json_to_mustache(const nlohmann::json& value) {
  if (value.is_object()) {
    MData object;
    for (const auto& [key, item] : value.items()) object[key] = json_to_mustache(item);
    return object;
  }
  if (value.is_array()) {
    MData list = mlist(value.size());
    for (const auto& item : value) append(list, json_to_mustache(item));
    return list;
  }
  if (value.is_string()) return MData(value.get<std::string>());
  if (value.is_null()) return mbool(false);
  if (value.is_boolean()) return mbool(value.get<bool>());
  return MData(value.dump());
}

std::string slugify(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "section" : out;
}

}  // namespace kbgen
