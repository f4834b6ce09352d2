#include "render/mustache_data.h"

namespace kbgen {

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
