// The HTML site (SPEC §6): home, one page per entry and per tag, 404,
// search index, sitemap and the static assets.
#include <memory>

#include "render/page_skeleton.h"
#include "render/views.h"
#include "render/renderer.h"
#include "render/site_files.h"

namespace kbgen {
namespace {

class HtmlRenderer : public Renderer {
 public:
  const char* name() const override { return "html"; }

  bool begin(const RenderContext& ctx, const TemplateSet& templates, StagedOutput& out,
             std::string& error) override {
    entry_flavor_ = ViewFlavor::html_page("../../").for_templates(templates, {"entry", "layout"});
    // The layout of every entry page is the same but for these values,
    // unless it reads the entry itself.
    if (!templates.looks_up("layout", kEntry)) {
      MData view;
      add_page_data(ctx, "entry", view, "", "../../");
      std::vector<std::string> keys = {kPageTitle, kContent};
      if (!ctx.kb->config.base_url.empty()) keys.push_back(kCanonicalUrl);
      entry_layout_ready_ = entry_layout_.make(templates, "layout", view, keys);
    }
    sitemap_ = out.open("sitemap.xml", error);
    return sitemap_ && sitemap_->append(sitemap_head(ctx.kb->config.base_url), error) &&
           search_index_.open(out, error) &&
           out.write("assets/style.css", templates.text("assets/style.css"), error) &&
           out.write("assets/search.js", templates.text("assets/search.js"), error) &&
           out.write("assets/favicon.svg", templates.text("assets/favicon.svg"), error);
  }

  std::size_t pieces_per_entry() const override { return 1; }  // its search index item

  bool render_entry(const RenderContext& ctx, const PreparedEntry& p, HashedPiece* item, const TemplateSet& templates,
                    StagedOutput& out, std::string& error) override {
    const Entry& e = ctx.entry(p.index);
    if (p.reused) {
      ctx.record(p.index).summary_html = p.reused->summary_html;
      *item = p.reused->pieces[kSearchIndexPiece];
      return true;
    }
    ctx.record(p.index).summary_html = p.summary_html;
    *item = HashedPiece::of(search_index_item(e, markdown_to_text(p.trees.summary.get()), search_words(e, p.trees)));
    MData& view = entry_views_.take(!e.extensions.empty());
    fill_entry_view(ctx, p, entry_flavor_, put_object(view, kEntry));
    // The last page's content, until this one's is made: false renders as
    // no value would, as at the top level no lookup falls through it.
    put_flag(view, kContent, false);
    if (!ctx.kb->config.base_url.empty())
      put_text(view, kCanonicalUrl, ctx.kb->config.base_url + "codes/" + std::string(e.code.value) + "/");
    return page(ctx, templates, "entry", view, std::string(e.code.value) + " " + std::string(e.title.value), "../../",
                entry_path(std::string(e.code.value)), out, error, entry_layout_ready_ ? &entry_layout_ : nullptr);
  }

  bool end_chunk(const RenderContext& ctx, std::size_t first, std::size_t count, HashedPiece* items, StagedOutput&,
                 std::string& error) override {
    for (std::size_t k = 0; k < count; ++k) {
      std::uint64_t offset = 0;
      if (!search_index_.add(items[k].bytes, offset, error) ||
          !sitemap_->append(sitemap_url(ctx.kb->config.base_url, "codes/" + std::string(ctx.entry(first + k).code.value) + "/"),
                            error))
        return false;
      ctx.record(first + k).pieces[kSearchIndexPiece] = piece_at(offset, items[k]);
    }
    return true;
  }

  bool finish(const RenderContext& ctx, const TemplateSet& templates, StagedOutput& out, std::vector<PageTask>& pages,
              std::string& error) override {
    for (const auto& [tag, entries] : ctx.tags)
      if (!sitemap_->append(sitemap_url(ctx.kb->config.base_url, "tags/" + tag + "/"), error)) return false;
    if (!sitemap_->append(kSitemapTail, error) || !out.close(std::move(sitemap_), error) ||
        !search_index_.close(out, error))
      return false;
    const auto summary_html = [&ctx](std::size_t i) -> const std::string& { return ctx.record(i).summary_html; };
    // Shared by the pages, which are written after this returns.
    const auto listed = std::make_shared<const std::vector<ContentHash>>(
        ctx.reuse ? EntryReuse::listed_digests(ctx, summary_html) : std::vector<ContentHash>());
    if (!(ctx.reuse && ctx.reuse->keep_list_page("index.html", ctx.reuse->home_page_key(ctx, "html home", *listed), out)))
      pages.push_back({true, [&ctx, &templates, &out](std::string& err) {
                         const LazyItems home_entries = entry_summaries(
                             ctx, ViewFlavor::html_page("").for_templates(templates, {"home", "layout"}),
                             summary_at(ctx, ""));
                         MData home = home_view(ctx, home_entries);
                         return list_page(ctx, templates, "home", home, ctx.kb->config.title, "", "index.html", out,
                                          err);
                       }});
    // Relative like every page, so the site stays offline; a server that
    // serves 404.html for a nested path shows it without its style sheet.
    MData missing;
    if (!page(ctx, templates, "404", missing, "Page not found", "", "404.html", out, error)) return false;
    const auto tag_entries = std::make_shared<const LazyItems>(entry_summaries(
        ctx, ViewFlavor::html_page("../../").for_templates(templates, {"tag", "layout"}), summary_at(ctx, "../../")));
    for (const auto& [tag_name, members] : ctx.tags)
      pages.push_back({false, [&ctx, &templates, &out, listed, tag_entries, &tag = tag_name, &members = members](std::string& err) {
        const std::string path = tag_path(tag);
        if (ctx.reuse && ctx.reuse->keep_list_page(path, ctx.reuse->list_page_key("html tag " + tag, members, *listed), out))
          return true;
        MData view = tag_view(ctx, tag, *tag_entries);
        return list_page(ctx, templates, "tag", view, "Tag: " + tag, "../../", path, out, err);
      }});
    return true;
  }

 private:
  // An entry's summary in lists, its links relative to `root`.
  static SummaryOf summary_at(const RenderContext& ctx, const std::string& root) {
    return [&ctx, root](std::size_t i) { return resolve_entry_links(ctx.record(i).summary_html, root); };
  }

  // The data every page's layout takes, besides "content".
  // Filled into views that entry pages refill (mustache_data.h).
  static void add_page_data(const RenderContext& ctx, const std::string& kind, MData& view, const std::string& title,
                            const std::string& root) {
    static const std::string kSite = "site", kTitle = "title", kEntryCount = "entry_count", kBaseUrl = "base_url",
                             kHasRunbook = "has_runbook", kRoot = "root", kIsHome = "is_home", kIsEntry = "is_entry",
                             kIsTag = "is_tag", kIs404 = "is_404";
    MData& site = put_object(view, kSite);
    put_text(site, kTitle, ctx.kb->config.title);
    put_text(site, kEntryCount, std::to_string(ctx.kb->entries.size()));
    put_text(site, kBaseUrl, ctx.kb->config.base_url);
    put_flag(site, kHasRunbook, ctx.building("runbook"));
    put_text(view, kRoot, root);
    put_text(view, kPageTitle, title);
    put_flag(view, kIsHome, kind == "home");
    put_flag(view, kIsEntry, kind == "entry");
    put_flag(view, kIsTag, kind == "tag");
    put_flag(view, kIs404, kind == "404");
  }

  // Renders a page's own template, then the layout around it, from
  // `layout` (the layout rendered once for pages of this kind) when given.
  static bool page(const RenderContext& ctx, const TemplateSet& templates, const std::string& kind,
                   MData& view, const std::string& title, const std::string& root,
                   const std::string& path, StagedOutput& out, std::string& error,
                   const PageSkeleton* layout = nullptr) {
    add_page_data(ctx, kind, view, title, root);
    std::string content = templates.render(kind, view);
    if (layout) {
      std::vector<std::string_view> values = {title, content};
      if (const MData* url = view.get(kCanonicalUrl)) values.push_back(url->string_value());
      std::string whole;
      if (layout->fill(values, whole)) return out.write(path, whole, error);
    }
    put_text(view, kContent, std::move(content));
    return out.write(path, templates.render("layout", view), error);
  }

  // A page listing entries (home, tag), which at scale runs to hundreds of
  // megabytes: its content is streamed into the file as it renders, between
  // the two halves of the layout rendered around a marker. The bytes are
  // page()'s. That needs the layout to show the content exactly once and
  // unescaped, and the content not to be blank (kainjow drops a line that
  // holds only section tags and blanks; the marker never is blank); when
  // either fails, the page is rendered whole.
  static bool list_page(const RenderContext& ctx, const TemplateSet& templates, const std::string& kind,
                        MData& view, const std::string& title, const std::string& root,
                        const std::string& path, StagedOutput& out, std::string& error) {
    // '&' is escaped by HTML escaping, so an escaped marker is not found.
    static const std::string kMarker = "\x02kbgen-content&\x03";
    add_page_data(ctx, kind, view, title, root);
    put_text(view, kContent, kMarker);
    const std::string around = templates.render("layout", view);
    const std::size_t at = around.find(kMarker);
    if (at == std::string::npos || around.find(kMarker, at + 1) != std::string::npos)
      return page(ctx, templates, kind, view, title, root, path, out, error);
    std::unique_ptr<StagedFile> file;
    std::string held;  // the content until its first non-blank byte
    bool failed = false;
    templates.render_to(kind, view, [&](const std::string& piece) {
      if (failed) return;
      if (!file) {
        held += piece;
        if (held.find_first_not_of(" \t") == std::string::npos) return;
        file = out.open(path, error);
        failed = !file || !file->append(std::string_view(around).substr(0, at), error) || !file->append(held, error);
        held.clear();
        return;
      }
      failed = !file->append(piece, error);
    });
    if (failed) return false;
    if (!file) {
      put_text(view, kContent, std::move(held));
      return out.write(path, templates.render("layout", view), error);
    }
    return file->append(std::string_view(around).substr(at + kMarker.size()), error) &&
           out.close(std::move(file), error);
  }

  inline static const std::string kEntry = "entry", kCanonicalUrl = "canonical_url", kContent = "content",
                                   kPageTitle = "page_title";
  ViewFlavor entry_flavor_;  // for the entry pages' templates, worked out once
  RecycledViews entry_views_;
  PageSkeleton entry_layout_;  // the entry pages' layout, if entry_layout_ready_
  bool entry_layout_ready_ = false;
  SearchIndexFiles search_index_;
  std::unique_ptr<StagedFile> sitemap_;
};

}  // namespace

std::unique_ptr<Renderer> make_html_renderer() { return std::make_unique<HtmlRenderer>(); }

}  // namespace kbgen
