// The Markdown wiki (SPEC §6): markdown/README.md, an index grouped like
// the HTML home page, and markdown/<CODE>.md per entry, linked relatively so
// the folder works as a GitHub or GitLab wiki or a docs folder.
#include "render/renderer.h"
#include "render/views.h"

namespace kbgen {
namespace {

class MarkdownRenderer : public Renderer {
 public:
  const char* name() const override { return "markdown"; }

  bool begin(const RenderContext&, const TemplateSet& templates, StagedOutput&, std::string&) override {
    entry_flavor_ = ViewFlavor::markdown_wiki().for_templates(templates, {"markdown/entry"});
    return true;
  }

  bool render_entry(const RenderContext& ctx, const PreparedEntry& p, HashedPiece*, const TemplateSet& templates,
                    StagedOutput& out, std::string& error) override {
    if (p.reused) {
      ctx.record(p.index).summary_md = p.reused->summary_md;
      return true;
    }
    ctx.record(p.index).summary_md = summary_for(p, entry_flavor_);
    MData& view = entry_views_.take(!ctx.entry(p.index).extensions.empty());
    fill_entry_view(ctx, p, entry_flavor_, put_object(view, kEntry));
    add_site(ctx, view);
    return out.write(markdown_page_path(std::string(ctx.entry(p.index).code.value)),
                     templates.render("markdown/entry", view), error);
  }

  bool finish(const RenderContext& ctx, const TemplateSet& templates, StagedOutput& out, std::vector<PageTask>& pages,
              std::string&) override {
    const auto summary_md = [&ctx](std::size_t i) -> const std::string& { return ctx.record(i).summary_md; };
    if (ctx.reuse && ctx.reuse->keep_list_page("markdown/README.md",
                                               ctx.reuse->home_page_key(ctx, "markdown readme",
                                                                        EntryReuse::listed_digests(ctx, summary_md)),
                                               out))
      return true;
    pages.push_back({true, [&ctx, &templates, &out, summary_md](std::string& error) {
      const LazyItems entries =
          entry_summaries(ctx, ViewFlavor::markdown_wiki().for_templates(templates, {"markdown/readme"}), summary_md);
      MData index = home_view(ctx, entries);
      add_site(ctx, index);
      // Streamed: at scale the index runs to hundreds of megabytes.
      std::unique_ptr<StagedFile> file = out.open("markdown/README.md", error);
      if (!file) return false;
      bool failed = false;
      templates.render_to("markdown/readme", index, [&](const std::string& piece) {
        failed = failed || !file->append(piece, error);
      });
      return !failed && out.close(std::move(file), error);
    }});
    return true;
  }

 private:
  ViewFlavor entry_flavor_;  // for markdown/entry.mustache, worked out once

  inline static const std::string kEntry = "entry";
  RecycledViews entry_views_;

  static void add_site(const RenderContext& ctx, MData& view) {
    static const std::string kSite = "site", kTitle = "title", kEntryCount = "entry_count", kBaseUrl = "base_url";
    MData& site = put_object(view, kSite);
    put_text(site, kTitle, ctx.kb->config.title);
    put_text(site, kEntryCount, std::to_string(ctx.kb->entries.size()));
    put_text(site, kBaseUrl, ctx.kb->config.base_url);
  }
};

}  // namespace

std::unique_ptr<Renderer> make_markdown_renderer() { return std::make_unique<MarkdownRenderer>(); }

}  // namespace kbgen
