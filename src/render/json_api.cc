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
// Keys come in a fixed order and the files are as nlohmann's dump(2) plus a
// newline would write them (render/json_writer.h), so the same KB gives
// byte-identical files.
#include <set>

#include "render/json_writer.h"
#include "render/renderer.h"

namespace kbgen {
namespace {

// The HTML page of an entry: absolute under base_url, else relative to OUT.
std::string entry_url(const Config& config, std::string_view code) {
  if (!config.base_url.empty()) return config.base_url + "codes/" + std::string(code) + "/";
  return entry_path(std::string(code));
}

void put_text(JsonWriter& w, const char* key, const Text& t) {
  if (!t.present()) return;
  w.field(key, t.value);
}

// key: [items...], each written by `write`; nothing when there are none.
template <typename Item, typename Write>
void put_array(JsonWriter& w, const char* key, const std::vector<Item>& items, Write&& write) {
  if (!items.empty()) w.array(key, items, write);
}

void put_list(JsonWriter& w, const char* key, const std::vector<Text>& items) {
  put_array(w, key, items, [&](const Text& t) { w.value(t.value); });
}

// A step without sub-steps is written as its Markdown string.
void put_step(JsonWriter& w, const Step& s) {
  if (s.steps.empty()) return w.value(s.text.value);
  w.begin_object();
  w.field("text", s.text.value);
  w.array("steps", s.steps, [&](const Step& child) { put_step(w, child); });
  w.end_object();
}

void put_steps(JsonWriter& w, const char* key, const std::vector<Step>& steps) {
  put_array(w, key, steps, [&](const Step& s) { put_step(w, s); });
}

void put_link(JsonWriter& w, const RenderContext& ctx, std::size_t target, const Text* note) {
  const Entry& t = ctx.entry(target);
  w.begin_object();
  w.field("code", t.code.value);
  w.field("title", t.title.value);
  if (note) put_text(w, "note", *note);
  w.field("url", entry_url(ctx.kb->config, t.code.value));
  w.end_object();
}

// The fields an index item and an entry's file both begin with; the file
// has the description too.
void put_head(JsonWriter& w, const Entry& e, bool with_description) {
  w.field("code", e.code.value);
  w.field("title", e.title.value);
  w.field("summary", e.summary.value);
  if (with_description) put_text(w, "description", e.description);
  put_text(w, "product", e.product);
  put_text(w, "category", e.category);
  put_list(w, "tags", e.tags);
  put_list(w, "aliases", e.aliases);
}

// An item of api/index.json, as dump(2) writes it two levels deep (in the
// index's "entries").
std::string index_item_json(const RenderContext& ctx, std::size_t i) {
  const Entry& e = ctx.entry(i);
  JsonWriter w(2, 2);
  w.begin_object();
  put_head(w, e, false);
  w.field("url", entry_url(ctx.kb->config, e.code.value));
  w.end_object();
  return "    " + w.take();
}

// api/index.json is written item by item: its bytes are those of dump() of
// {"title", "count", "entries": [...]} whole.
std::string index_head(const RenderContext& ctx) {
  JsonWriter w(2);
  w.begin_object();
  w.field("title", ctx.kb->config.title);
  w.field("count", static_cast<std::uint64_t>(ctx.kb->entries.size()));
  w.key("entries");
  return w.take() + "[";
}

std::string entry_json(const RenderContext& ctx, std::size_t i) {
  const Entry& e = ctx.entry(i);
  const LinkedEntry& l = ctx.links(i);
  const LinkedKb& kb = *ctx.kb;
  JsonWriter w(2);
  w.begin_object();
  put_head(w, e, true);
  put_array(w, "causes", e.causes, [&](const Cause& c) {
    if (!c.title.present()) return w.value(c.detail.value);
    w.begin_object();
    w.field("title", c.title.value);
    w.field("detail", c.detail.value);
    w.end_object();
  });
  put_steps(w, "diagnosis", e.diagnosis);
  put_steps(w, "fix", e.fix);
  put_steps(w, "verification", e.verification);
  put_steps(w, "prevention", e.prevention);
  put_array(w, "examples", e.examples, [&](const Example& x) {
    w.begin_object();
    w.field("title", x.title.value);
    w.field("language", x.language.value);
    w.field("code", x.code.value);
    w.end_object();
  });
  put_array(w, "references", e.references, [&](const Reference& ref) {
    w.begin_object();
    w.field("title", ref.title.value);
    w.field("url", ref.url.value);
    w.end_object();
  });
  put_text(w, "reviewed", e.reviewed);
  put_text(w, "owner", e.owner);
  for (const Extension& x : e.extensions) w.field(x.key, x.value);
  w.field("url", entry_url(kb.config, e.code.value));

  // Related links name the target's real code, even when written as an
  // alias. A target named twice (by code and by alias) is listed once, at its
  // first mention; a target that does not exist (only possible with the
  // dangling-related rule turned off) is left out, as on the HTML page.
  w.key("related");
  w.begin_array();
  std::set<std::size_t> listed;
  for (std::size_t r = 0; r < e.related.size() && r < l.related.size(); ++r) {
    const std::size_t target = l.related[r];
    if (target == kNoEntry || !listed.insert(target).second) continue;
    put_link(w, ctx, target, &e.related[r].note);
  }
  w.end_array();
  w.key("backlinks");
  w.begin_array();
  for (std::size_t b : l.backlinks) put_link(w, ctx, b, nullptr);
  w.end_array();
  w.key("sources");
  w.begin_array();
  for (const SourcePos& pos : e.sources) {
    w.begin_object();
    w.field("path", pos.file < kb.source_paths.size() ? kb.source_paths[pos.file] : std::string());
    const LineColumn lc = kb.sources ? kb.sources->line_column(pos) : LineColumn{};
    w.field("line", static_cast<std::uint64_t>(lc.line));
    w.field("column", static_cast<std::uint64_t>(lc.column));
    w.end_object();
  }
  w.end_array();
  w.field("review_overdue", i < ctx.review_overdue.size() && ctx.review_overdue[i]);
  w.end_object();
  return w.take() + "\n";
}

class JsonApiRenderer : public Renderer {
 public:
  const char* name() const override { return "json"; }

  bool begin(const RenderContext& ctx, const TemplateSet&, StagedOutput& out, std::string& error) override {
    index_ = out.open(kPieceFilePaths[kApiIndexPiece], error);
    return index_ && index_->append(index_head(ctx), error);
  }

  std::size_t pieces_per_entry() const override { return 1; }  // its api/index.json item

  bool render_entry(const RenderContext& ctx, const PreparedEntry& p, HashedPiece* item, const TemplateSet&,
                    StagedOutput& out, std::string& error) override {
    if (p.reused) {
      *item = p.reused->pieces[kApiIndexPiece];
      return true;
    }
    *item = HashedPiece::of(index_item_json(ctx, p.index));
    return out.write(api_entry_path(std::string(ctx.entry(p.index).code.value)), entry_json(ctx, p.index), error);
  }

  bool end_chunk(const RenderContext& ctx, std::size_t first, std::size_t count, HashedPiece* items, StagedOutput&,
                 std::string& error) override {
    for (std::size_t k = 0; k < count; ++k) {
      if (!index_->append(first_ ? "\n" : ",\n", error)) return false;
      ctx.record(first + k).pieces[kApiIndexPiece] = piece_at(index_->size(), items[k]);
      if (!index_->append(items[k].bytes, error)) return false;
      first_ = false;
    }
    return true;
  }

  bool finish(const RenderContext&, const TemplateSet&, StagedOutput& out, std::vector<PageTask>&,
              std::string& error) override {
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
