#include "render/site_files.h"

#include <set>

#include <nlohmann/json.hpp>

#include "dedupe/normalize.h"
#include "util/parallel.h"

namespace kbgen {
namespace {

void collect_step_text(const std::vector<LinkedStep>& steps, std::string& text) {
  for (const LinkedStep& s : steps) {
    text += markdown_to_text(s.text.get()) + " ";
    collect_step_text(s.steps, text);
  }
}

constexpr std::size_t kMaxSearchWords = 100;

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

// The distinct words of an entry (three letters or more, the first
// kMaxSearchWords in reading order): what the search box matches "words of
// the text" against. Capped so that the index of a large KB stays small
// enough for a browser to load (title, code and aliases are always whole).
std::string search_words(const Entry& e, const LinkedEntry& l) {
  std::string text = std::string(e.title.value) + " " + markdown_to_text(l.summary.get()) + " " +
                     markdown_to_text(l.description.get()) + " ";
  for (std::size_t c = 0; c < e.causes.size(); ++c)
    text += std::string(e.causes[c].title.value) + " " + markdown_to_text(l.cause_details[c].get()) + " ";
  collect_step_text(l.diagnosis, text);
  collect_step_text(l.fix, text);
  collect_step_text(l.verification, text);
  collect_step_text(l.prevention, text);
  const std::string normal = normalize_text(text);
  std::set<std::string> seen;
  std::string words;
  for (std::size_t start = 0; start < normal.size();) {
    std::size_t end = normal.find(' ', start);
    if (end == std::string::npos) end = normal.size();
    std::string word = normal.substr(start, end - start);
    if (word.size() > 2 && seen.insert(word).second) {
      words += (words.empty() ? "" : " ") + word;
      if (seen.size() == kMaxSearchWords) break;
    }
    start = end + 1;
  }
  return words;
}

std::string search_index_json(const RenderContext& ctx) {
  nlohmann::ordered_json entries = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < ctx.kb->entries.size(); ++i) {
    const Entry& e = ctx.entry(i);
    nlohmann::ordered_json item;
    item["code"] = e.code.value;
    item["title"] = e.title.value;
    nlohmann::ordered_json aliases = nlohmann::ordered_json::array();
    for (const Text& a : e.aliases) aliases.push_back(a.value);
    item["aliases"] = std::move(aliases);
    item["summary"] = ctx.summary_text[i];
    item["product"] = e.product.value;
    item["category"] = e.category.value;
    nlohmann::ordered_json tags = nlohmann::ordered_json::array();
    for (const Text& t : e.tags) tags.push_back(t.value);
    item["tags"] = std::move(tags);
    item["url"] = entry_path(std::string(e.code.value));
    item["text"] = ctx.search_words[i];
    entries.push_back(std::move(item));
  }
  nlohmann::ordered_json index;
  index["root_relative"] = true;
  index["entries"] = std::move(entries);
  return index.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string search_index_script(const std::string& json) {
  // "</" cannot end the script early: JSON strings may hold "</script>".
  std::string safe;
  safe.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '<') safe += "\\u003c";
    else safe += json[i];
  }
  while (!safe.empty() && safe.back() == '\n') safe.pop_back();
  return "window.KBGEN_SEARCH_INDEX = " + safe + ";\n";
}

std::string sitemap_xml(const RenderContext& ctx) {
  const std::string& base = ctx.kb->config.base_url;
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  auto url = [&](const std::string& path) { xml += "  <url><loc>" + xml_escape(base + path) + "</loc></url>\n"; };
  url("");
  for (const Entry& e : ctx.kb->entries) url("codes/" + std::string(e.code.value) + "/");
  for (const auto& [tag, entries] : ctx.tags) url("tags/" + tag + "/");
  return xml + "</urlset>\n";
}

}  // namespace kbgen
