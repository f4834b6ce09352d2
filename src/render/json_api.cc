// The JSON API (SPEC §6): OUT/api/index.json lists every entry, and
// OUT/api/codes/<CODE>.json holds one merged entry with its links and where
// it came from. Both are described by schema/api-index.schema.json and
// schema/api-entry.schema.json; docs/outputs.md explains them for users.
//
// One rule for absent data: an optional SPEC §2 field the entry does not have
// (or has as an empty list) is left out, never written as null, "" or [].
// The fields kbgen works out itself (url, related, backlinks, sources,
// review_overdue) are always written; related and backlinks may be [].
//
// Keys come in a fixed order (nlohmann::ordered_json) and the files are
// dump(2) plus a newline, so the same KB gives byte-identical files.
#include <set>

#include <nlohmann/json.hpp>

#include "render/renderer.h"
#include "util/parallel.h"

namespace kbgen {
namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& j) {
  // The loader has checked UTF-8 already; `replace` keeps a stray byte from
  // throwing halfway through a build.
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// The HTML page of an entry: absolute under base_url, else relative to OUT.
std::string entry_url(const Config& config, const std::string& code) {
  if (!config.base_url.empty()) return config.base_url + "codes/" + code + "/";
  return entry_path(code);
}

void put_text(Json& j, const char* key, const Text& t) {
  if (t.present()) j[key] = t.value;
}

Json string_list(const std::vector<Text>& items) {
  Json a = Json::array();
  for (const Text& t : items) a.push_back(t.value);
  return a;
}

// A step without sub-steps is written as its Markdown string.
Json step_json(const Step& s) {
  if (s.steps.empty()) return s.text.value;
  Json sub = Json::array();
  for (const Step& child : s.steps) sub.push_back(step_json(child));
  Json j = Json::object();
  j["text"] = s.text.value;
  j["steps"] = std::move(sub);
  return j;
}

void put_steps(Json& j, const char* key, const std::vector<Step>& steps) {
  if (steps.empty()) return;
  Json a = Json::array();
  for (const Step& s : steps) a.push_back(step_json(s));
  j[key] = std::move(a);
}

// nlohmann::json (std::map: keys sorted) to ordered_json, keeping that order.
Json to_ordered(const nlohmann::json& value) {
  if (value.is_object()) {
    Json o = Json::object();
    for (const auto& [key, item] : value.items()) o[key] = to_ordered(item);
    return o;
  }
  if (value.is_array()) {
    Json a = Json::array();
    for (const auto& item : value) a.push_back(to_ordered(item));
    return a;
  }
  return Json::parse(value.dump());
}

Json link_json(const RenderContext& ctx, std::size_t target) {
  const Entry& t = ctx.entry(target);
  Json j = Json::object();
  j["code"] = t.code.value;
  j["title"] = t.title.value;
  j["url"] = entry_url(ctx.kb->config, std::string(t.code.value));
  return j;
}

Json index_item_json(const RenderContext& ctx, std::size_t i) {
  const Entry& e = ctx.entry(i);
  Json item = Json::object();
  item["code"] = e.code.value;
  item["title"] = e.title.value;
  item["summary"] = e.summary.value;
  put_text(item, "product", e.product);
  put_text(item, "category", e.category);
  if (!e.tags.empty()) item["tags"] = string_list(e.tags);
  if (!e.aliases.empty()) item["aliases"] = string_list(e.aliases);
  item["url"] = entry_url(ctx.kb->config, std::string(e.code.value));
  return item;
}

// api/index.json is written item by item: its bytes are those of dump() of
// {"title", "count", "entries": [...]} whole, each item's lines indented by
// the two levels it sits at (JSON strings hold no raw line breaks).
std::string index_head(const RenderContext& ctx) {
  Json head = Json::object();
  head["title"] = ctx.kb->config.title;
  head["count"] = ctx.kb->entries.size();
  std::string text = head.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  text.pop_back();  // "\n}"
  text.pop_back();
  return text + ",\n  \"entries\": [";
}

std::string indented_item(const Json& item) {
  const std::string text = item.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out = "    ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out;
}

Json entry_json(const RenderContext& ctx, std::size_t i) {
  const Entry& e = ctx.entry(i);
  const LinkedEntry& l = ctx.links(i);
  const LinkedKb& kb = *ctx.kb;
  Json j = Json::object();
  j["code"] = e.code.value;
  j["title"] = e.title.value;
  j["summary"] = e.summary.value;
  put_text(j, "description", e.description);
  put_text(j, "product", e.product);
  put_text(j, "category", e.category);
  if (!e.tags.empty()) j["tags"] = string_list(e.tags);
  if (!e.aliases.empty()) j["aliases"] = string_list(e.aliases);
  if (!e.causes.empty()) {
    Json causes = Json::array();
    for (const Cause& c : e.causes) {
      if (!c.title.present()) {
        causes.push_back(c.detail.value);
        continue;
      }
      Json item = Json::object();
      item["title"] = c.title.value;
      item["detail"] = c.detail.value;
      causes.push_back(std::move(item));
    }
    j["causes"] = std::move(causes);
  }
  put_steps(j, "diagnosis", e.diagnosis);
  put_steps(j, "fix", e.fix);
  put_steps(j, "verification", e.verification);
  put_steps(j, "prevention", e.prevention);
  if (!e.examples.empty()) {
    Json examples = Json::array();
    for (const Example& x : e.examples) {
      Json item = Json::object();
      item["title"] = x.title.value;
      item["language"] = x.language.value;
      item["code"] = x.code.value;
      examples.push_back(std::move(item));
    }
    j["examples"] = std::move(examples);
  }

  // Related links name the target's real code, even when written as an
  // alias. A target named twice (by code and by alias) is listed once, at its
  // first mention; a target that does not exist (only possible with the
  // dangling-related rule turned off) is left out, as on the HTML page.
  Json related = Json::array();
  std::set<std::size_t> listed;
  for (std::size_t r = 0; r < e.related.size() && r < l.related.size(); ++r) {
    const std::size_t target = l.related[r];
    if (target == kNoEntry || !listed.insert(target).second) continue;
    const Entry& t = ctx.entry(target);
    Json item = Json::object();
    item["code"] = t.code.value;
    item["title"] = t.title.value;
    if (e.related[r].note.present()) item["note"] = e.related[r].note.value;
    item["url"] = entry_url(kb.config, std::string(t.code.value));
    related.push_back(std::move(item));
  }

  if (!e.references.empty()) {
    Json references = Json::array();
    for (const Reference& ref : e.references) {
      Json item = Json::object();
      item["title"] = ref.title.value;
      item["url"] = ref.url.value;
      references.push_back(std::move(item));
    }
    j["references"] = std::move(references);
  }
  put_text(j, "reviewed", e.reviewed);
  put_text(j, "owner", e.owner);
  for (const Extension& x : e.extensions) j[x.key] = to_ordered(x.value);

  j["url"] = entry_url(kb.config, std::string(e.code.value));
  j["related"] = std::move(related);
  Json backlinks = Json::array();
  for (std::size_t b : l.backlinks) backlinks.push_back(link_json(ctx, b));
  j["backlinks"] = std::move(backlinks);
  Json sources = Json::array();
  for (const SourcePos& pos : e.sources) {
    Json item = Json::object();
    item["path"] = pos.file < kb.source_paths.size() ? kb.source_paths[pos.file] : std::string();
    const LineColumn lc = kb.sources ? kb.sources->line_column(pos) : LineColumn{};
    item["line"] = lc.line;
    item["column"] = lc.column;
    sources.push_back(std::move(item));
  }
  j["sources"] = std::move(sources);
  j["review_overdue"] = i < ctx.review_overdue.size() && ctx.review_overdue[i];
  return j;
}

class JsonApiRenderer : public Renderer {
 public:
  const char* name() const override { return "json"; }

  bool begin(const RenderContext& ctx, const TemplateSet&, StagedOutput& out, std::string& error) override {
    index_ = out.open(kPieceFilePaths[kApiIndexPiece], error);
    return index_ && index_->append(index_head(ctx), error);
  }

  bool chunk(const RenderContext& ctx, const std::vector<PreparedEntry>& chunk, const TemplateSet&,
             StagedOutput& out, std::string& error) override {
    std::vector<std::string> items(chunk.size());
    if (!parallel_for(chunk.size(), ctx.jobs, [&](std::size_t k, std::string& err) {
          const std::size_t i = chunk[k].index;
          if (chunk[k].reused) {
            items[k] = chunk[k].reused->pieces[kApiIndexPiece];
            return true;
          }
          items[k] = indented_item(index_item_json(ctx, i));
          return out.write(api_entry_path(std::string(ctx.entry(i).code.value)), dump(entry_json(ctx, i)), err);
        }, error))
      return false;
    for (std::size_t k = 0; k < chunk.size(); ++k) {
      if (!index_->append(first_ ? "\n" : ",\n", error)) return false;
      ctx.record(chunk[k].index).pieces[kApiIndexPiece] = piece_at(index_->size(), items[k]);
      if (!index_->append(items[k], error)) return false;
      first_ = false;
    }
    return true;
  }

  bool finish(const RenderContext&, const TemplateSet&, StagedOutput& out, std::string& error) override {
    // An empty list is "[]", as dump() writes it.
    return index_->append(first_ ? "]\n}\n" : "\n  ]\n}\n", error) && out.close(std::move(index_), error);
  }

 private:
  std::unique_ptr<StagedFile> index_;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<Renderer> make_json_renderer() { return std::make_unique<JsonApiRenderer>(); }

}  // namespace kbgen
