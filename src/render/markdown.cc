// The Markdown wiki (SPEC §6): markdown/README.md, an index grouped like
// the HTML home page, and markdown/<CODE>.md per entry, linked relatively so
// the folder works as a GitHub or GitLab wiki or a docs folder.
#include "render/renderer.h"
#include "render/views.h"
#include "util/parallel.h"

namespace kbgen {
namespace {

class MarkdownRenderer : public Renderer {
 public:
  const char* name() const override { return "markdown"; }

  bool render(const RenderContext& ctx, const TemplateSet& templates, StagedOutput& out,
              std::string& error) const override {
    const ViewFlavor flavor = ViewFlavor::markdown_wiki();
    MData index = home_view(ctx, flavor);
    add_site(ctx, index);
    if (!out.write("markdown/README.md", templates.render("markdown/readme", index), error)) return false;
    return parallel_for(ctx.kb->entries.size(), ctx.jobs, [&](std::size_t i, std::string& err) {
      MData view;
      view["entry"] = entry_view(ctx, i, flavor);
      add_site(ctx, view);
      return out.write("markdown/" + std::string(ctx.entry(i).code.value) + ".md",
                       templates.render("markdown/entry", view), err);
    }, error);
  }

 private:
  static void add_site(const RenderContext& ctx, MData& view) {
    MData site;
    mset(site, "title", ctx.kb->config.title);
    mset(site, "entry_count", std::to_string(ctx.kb->entries.size()));
    mset(site, "base_url", ctx.kb->config.base_url);
    view["site"] = std::move(site);
  }
};

}  // namespace

std::unique_ptr<Renderer> make_markdown_renderer() { return std::make_unique<MarkdownRenderer>(); }

}  // namespace kbgen
