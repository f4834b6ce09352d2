#include "load/config.h"

#include "diagnostics/rules.h"
#include "load/fields.h"

namespace kbgen {
namespace {

Severity parse_severity(const std::string& s, bool& ok) {
  ok = true;
  if (s == "error") return Severity::Error;
  if (s == "warning") return Severity::Warning;
  if (s == "off") return Severity::Off;
  ok = false;
  return Severity::Error;
}

void decode_namespace(const JsonNode& node, FieldReader& reader, Config& config) {
  FieldReader::ObjectScope scope = reader.object(node, "namespaces[]", {"prefix", "pattern", "name"});
  if (!scope.ok) return;
  Namespace ns;
  Text prefix = reader.required_string(node, "prefix");
  Text pattern = reader.required_string(node, "pattern");
  Text name = reader.optional_string(node, "name");
  ns.prefix = prefix.value;
  ns.pattern = pattern.value;
  ns.name = name.value;
  if (pattern.present()) {
    try {
      ns.regex = std::make_shared<const std::regex>(ns.pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      reader.diagnostics().report("bad-config", pattern.pos,
                                  "namespace pattern is not a valid regular expression: " +
                                      std::string(e.what()));
    }
  }
  if (prefix.present()) config.namespaces.push_back(std::move(ns));
}

}  // namespace

Config decode_config(const JsonNode& root, FileId file, Diagnostics& diagnostics) {
  Config config;
  config.pos = {file, 0};
  FieldReader reader(file, diagnostics);
  static const std::vector<std::string> kKeys = {"title", "base_url", "namespaces",
                                                 "stale_after_days", "rules",
                                                 "near_duplicate_threshold", "templates"};
  if (!reader.object(root, "kbgen.json", kKeys).ok) return config;

  if (Text t = reader.optional_string(root, "title"); t.present()) config.title = t.value;
  if (Text t = reader.optional_string(root, "templates"); t.present()) config.templates = t.value;
  if (Text url = reader.optional_string(root, "base_url"); url.present()) {
    if (url.value.rfind("https://", 0) != 0 && url.value.rfind("http://", 0) != 0)
      diagnostics.report("bad-config", url.pos, "base_url must start with http:// or https://");
    config.base_url = url.value;
    if (!config.base_url.empty() && config.base_url.back() != '/') config.base_url += '/';
  }
  if (const JsonNode* list = reader.optional_array(root, "namespaces"))
    for (const JsonNode& item : list->items) decode_namespace(item, reader, config);
  if (const JsonNode* days = reader.member(root, "stale_after_days")) {
    const bool whole = days->kind == JsonNode::Kind::Number && days->scalar.is_number_integer() &&
                       days->scalar.get<long long>() >= 0 && days->scalar.get<long long>() <= 100000;
    if (!whole)
      diagnostics.report("wrong-type", {file, days->offset},
                         "stale_after_days must be a whole number of days from 0 to 100000");
    else
      config.stale_after_days = static_cast<int>(days->scalar.get<long long>());
  }
  if (const JsonNode* t = reader.member(root, "near_duplicate_threshold")) {
    const bool ok = t->kind == JsonNode::Kind::Number && t->scalar.get<double>() > 0 &&
                    t->scalar.get<double>() <= 1;
    if (!ok)
      diagnostics.report("wrong-type", {file, t->offset},
                         "near_duplicate_threshold must be a number above 0 and at most 1");
    else
      config.near_duplicate_threshold = t->scalar.get<double>();
  }
  if (const JsonNode* rules = reader.member(root, "rules")) {
    if (rules->kind != JsonNode::Kind::Object) {
      reader.wrong_type(*rules, "rules", "an object of rule ids to \"error\", \"warning\" or \"off\"");
    } else {
      std::vector<std::string> ids;
      for (const RuleInfo& r : all_rules()) ids.push_back(r.id);
      for (const JsonMember& m : rules->members) {
        if (m.duplicate) continue;
        if (!find_rule(m.key)) {
          std::string hint = closest_match(m.key, ids);
          diagnostics.report("bad-config", {file, m.key_offset},
                             "unknown rule id \"" + m.key + "\"" +
                                 (hint.empty() ? "" : "; did you mean \"" + hint + "\"?"));
          continue;
        }
        bool ok = false;
        Severity s = m.value.kind == JsonNode::Kind::String ? parse_severity(m.value.string, ok)
                                                            : Severity::Error;
        if (!ok) {
          diagnostics.report("bad-config", {file, m.value.offset},
                             "rule severity must be \"error\", \"warning\" or \"off\"");
          continue;
        }
        config.rule_severities[m.key] = s;
      }
    }
  }
  return config;
}

}  // namespace kbgen
