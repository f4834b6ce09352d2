// Building kainjow mustache data: small helpers shared by the renderers.
#pragma once

#include <string>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

namespace kbgen {

// kainjow's data::set() and push_back() copy their argument deeply, so
// nested views are built bottom-up and moved in with operator[]:
// view["entry"] = std::move(entry).
using MData = kainjow::mustache::data;

inline MData mlist() { return MData(MData::type::list); }

// Appends to a list without kainjow's deep copy. kainjow offers no moving
// push_back, but the list it holds is not itself const, so moving into it
// through list_value() is sound.
inline void append(MData& list, MData&& item) {
  const_cast<kainjow::mustache::basic_list<std::string>&>(list.list_value()).push_back(std::move(item));
}
inline MData mbool(bool b) { return MData(b ? MData::type::bool_true : MData::type::bool_false); }

// JSON (extension fields) as mustache data: objects, lists, strings; numbers
// and booleans as their JSON text, null as false.
MData json_to_mustache(const nlohmann::json& value);

// A URL-fragment-safe id: "Microsoft Entra ID" -> "microsoft-entra-id".
std::string slugify(const std::string& text);

}  // namespace kbgen
