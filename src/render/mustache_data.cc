#include "render/mustache_data.h"

namespace kbgen {
namespace {

// A lazy item is a kainjow partial holding this function object. kainjow
// never calls a partial it finds in a list, and no other data kbgen makes
// holds one, so the type marks the placeholder; std::function keeps two
// pointers' worth in place, so a placeholder costs no more than its list slot
// and the partial's box.
struct Placeholder {
  LazyItem item;
  std::string operator()() const { return {}; }
};

}  // namespace

MData mlazy(const LazyItems& items, std::size_t index) {
  return MData(kainjow::mustache::basic_partial<std::string>(Placeholder{{&items, index}}));
}

std::optional<LazyItem> lazy_item(const MData& placeholder) {
  if (!placeholder.is_partial()) return std::nullopt;
  const Placeholder* found = placeholder.partial_value().target<Placeholder>();
  if (!found) return std::nullopt;
  return found->item;
}

MData& slot(MData& object, const std::string& key) {
  if (const MData* found = object.get(key)) return const_cast<MData&>(*found);
  object.set(key, MData(MData::type::bool_false));
  return const_cast<MData&>(*object.get(key));
}

void put_text(MData& object, const std::string& key, std::string_view text) {
  MData& value = slot(object, key);
  if (value.is_string()) const_cast<std::string&>(value.string_value()).assign(text);
  else value = mstring(std::string(text));
}

void put_text(MData& object, const std::string& key, std::string&& text) {
  MData& value = slot(object, key);
  if (value.is_string()) const_cast<std::string&>(value.string_value()) = std::move(text);
  else value = mstring(std::move(text));
}

void put_flag(MData& object, const std::string& key, bool flag) { slot(object, key) = mbool(flag); }

MData& as_object(MData& data) {
  if (!data.is_object()) data = MData();
  return data;
}

MData& put_object(MData& object, const std::string& key) { return as_object(slot(object, key)); }

kainjow::mustache::basic_list<std::string>& put_list(MData& object, const std::string& key, std::size_t size) {
  MData& value = slot(object, key);
  if (!value.is_list()) value = mlist(size);
  auto& items = const_cast<kainjow::mustache::basic_list<std::string>&>(value.list_value());
  // kainjow's move constructor is not noexcept: growing past the capacity
  // would copy every item, so room is made first.
  if (items.capacity() < size) {
    kainjow::mustache::basic_list<std::string> bigger;
    bigger.reserve(size);
    for (MData& item : items) bigger.emplace_back(std::move(item));
    items.swap(bigger);
  }
  items.resize(size);
  return items;
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
