// Building kainjow mustache data: small helpers shared by the renderers.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

namespace kbgen {

// kainjow's data::set() and push_back() copy their argument deeply, so
// nested views are built bottom-up and moved in with operator[]:
// view["entry"] = std::move(entry).
using MData = kainjow::mustache::data;

inline MData mlist() { return MData(MData::type::list); }

// A list with room for `capacity` items. kainjow's move constructor is not
// noexcept, so a growing std::vector of data deep-copies every item it holds
// on each reallocation; lists whose size is known are reserved up front.
inline MData mlist(std::size_t capacity) {
  MData list(MData::type::list);
  const_cast<kainjow::mustache::basic_list<std::string>&>(list.list_value()).reserve(capacity);
  return list;
}

// A string value taking over `text` (kainjow's constructor copies it).
inline MData mstring(std::string&& text) {
  MData value(MData::type::string);
  const_cast<std::string&>(value.string_value()) = std::move(text);
  return value;
}

// Appends to a list without kainjow's deep copy. kainjow offers no moving
// push_back, but the list it holds is not itself const, so moving into it
// through list_value() is sound.
inline void append(MData& list, MData&& item) {
  const_cast<kainjow::mustache::basic_list<std::string>&>(list.list_value()).push_back(std::move(item));
}
inline MData mbool(bool b) { return MData(b ? MData::type::bool_true : MData::type::bool_false); }

// Filling data in place. A view filled again for the next entry keeps the
// hash nodes, keys, lists and string buffers the last one left, so once the
// first entries have sized them a view costs next to no allocation; built
// afresh, every value was a node, a key and a string or two, and building
// and freeing views was a sixth of a build's CPU. A refill leaves what it
// does not set as the last entry had it, so each fill must set the same keys
// every time (RecycledViews in views.h starts afresh when it cannot).
//
// The value under `key`, added as false if `object` has none.
MData& slot(MData& object, const std::string& key);
// object[key] = text, the string's buffer reused if it is one already.
void put_text(MData& object, const std::string& key, std::string_view text);
void put_text(MData& object, const std::string& key, std::string&& text);
inline void put_text(MData& object, const std::string& key, const char* text) {
  put_text(object, key, std::string_view(text));
}
void put_flag(MData& object, const std::string& key, bool value);
// The object under `key` (as it was, if it is one), to be filled.
MData& put_object(MData& object, const std::string& key);
// The list under `key`, resized to `size`: the items it had are kept for
// the caller to fill again, new ones are empty objects.
kainjow::mustache::basic_list<std::string>& put_list(MData& object, const std::string& key, std::size_t size);
// `data` as an object, kept as it is if it is one.
MData& as_object(MData& data);

// The items of a list that are made only while a template is inside them,
// so that a page listing every entry never holds every entry's data at once.
// A lazy item (mlazy) is a placeholder in the list; TemplateSet::render
// fills the item in with fill(index, into) when a section enters it, and
// when the section moves on keeps `into` to fill the next item of the same
// LazyItems in (see put_text: each fill must set the same keys). Templates
// see the same data either way.
struct LazyItems {
  std::function<void(std::size_t index, MData& into)> fill;
};
// A placeholder for item `index` of `items`, which must outlive the data.
MData mlazy(const LazyItems& items, std::size_t index);
// The item `placeholder` stands for, if it is one of mlazy's.
struct LazyItem {
  const LazyItems* items;
  std::size_t index;
};
std::optional<LazyItem> lazy_item(const MData& placeholder);

// JSON (extension fields) as mustache data: objects, lists, strings; numbers
// and booleans as their JSON text, null as false.
MData json_to_mustache(const nlohmann::json& value);

// A URL-fragment-safe id: "Microsoft Entra ID" -> "microsoft-entra-id".
std::string slugify(const std::string& text);

}  // namespace kbgen
