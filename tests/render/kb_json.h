// A knowledge base folder read straight from its JSON files with nlohmann,
// independently of kbgen's loader, so render tests can check outputs against
// what the entries say.
#pragma once

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/site_test_support.h"

namespace kbgen::kb_json {

using Json = nlohmann::json;

inline const std::vector<std::string>& list_fields() {
  static const std::vector<std::string> fields = {"tags",    "aliases",      "causes",     "diagnosis",
                                                  "fix",     "verification", "prevention", "examples",
                                                  "related", "references"};
  return fields;
}

// The entries of a KB folder by code, merged the simple way (list fields
// united in first-seen order, exact duplicates dropped, first scalar wins):
// enough for a KB without conflicts, which a successful build guarantees.
inline std::map<std::string, Json> load_kb(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& f : fs::recursive_directory_iterator(dir)) {
    const std::string name = f.path().filename().string();
    if (!f.is_regular_file() || f.path().extension() != ".json") continue;
    if (name == "kbgen.json" || (name.size() > 12 && name.substr(name.size() - 12) == ".schema.json")) continue;
    files.push_back(f.path().generic_string());
  }
  std::sort(files.begin(), files.end());
  std::map<std::string, Json> entries;
  for (const std::string& file : files) {
    Json data = Json::parse(site_testing::read_file(file));
    if (!data.is_array()) data = Json::array({data});
    for (const Json& e : data) {
      Json& into = entries[e.at("code").get<std::string>()];
      if (into.is_null()) into = Json::object();
      for (const auto& [key, value] : e.items()) {
        const auto& lists = list_fields();
        if (std::find(lists.begin(), lists.end(), key) == lists.end()) {
          if (!into.contains(key)) into[key] = value;
          continue;
        }
        if (!into.contains(key)) into[key] = Json::array();
        for (const Json& item : value)
          if (std::find(into[key].begin(), into[key].end(), item) == into[key].end()) into[key].push_back(item);
      }
    }
  }
  return entries;
}

inline Json list_field(const Json& entry, const char* key) {
  return entry.contains(key) ? entry.at(key) : Json::array();
}

inline std::string text_field(const Json& entry, const char* key) {
  return entry.contains(key) && entry.at(key).is_string() ? entry.at(key).get<std::string>() : "";
}

// code or alias -> code
inline std::map<std::string, std::string> names_of(const std::map<std::string, Json>& kb) {
  std::map<std::string, std::string> names;
  for (const auto& [code, e] : kb) {
    names[code] = code;
    for (const Json& a : list_field(e, "aliases")) names[a.get<std::string>()] = code;
  }
  return names;
}

inline std::string related_code(const Json& r) {
  return r.is_string() ? r.get<std::string>() : r.at("code").get<std::string>();
}

inline std::string step_text(const Json& step) {
  return step.is_string() ? step.get<std::string>() : step.at("text").get<std::string>();
}

inline Json sub_steps(const Json& step) {
  return step.is_object() && step.contains("steps") ? step.at("steps") : Json::array();
}

// Every step and sub-step's Markdown, depth first.
inline void all_steps(const Json& steps, std::vector<std::string>& out) {
  for (const Json& s : steps) {
    out.push_back(step_text(s));
    all_steps(sub_steps(s), out);
  }
}

inline const std::vector<const char*>& step_fields() {
  static const std::vector<const char*> fields = {"diagnosis", "fix", "verification", "prevention"};
  return fields;
}

}  // namespace kbgen::kb_json
