// The printable runbook (SPEC §6): runbook.html and runbook.md, every entry
// (or those chosen by --runbook-filter) in one document with a table of
// contents; optionally printed to runbook.pdf by headless Chromium.
#include <filesystem>
#include <unistd.h>
#include <unordered_set>

#include "render/renderer.h"
#include "render/views.h"
#include "util/parallel.h"
#include "util/process.h"
#include "util/strings.h"

namespace kbgen {
namespace {

// Whether entry i matches one of the filter terms "tag:X", "category:Y",
// "code:Z" (codes and aliases; categories case-insensitively).
bool matches(const RenderContext& ctx, std::size_t i, const std::vector<std::string>& terms) {
  if (terms.empty()) return true;
  const Entry& e = ctx.entry(i);
  for (const std::string& term : terms) {
    const std::size_t colon = term.find(':');
    const std::string kind = term.substr(0, colon), value = term.substr(colon + 1);
    if (kind == "tag") {
      for (const Text& t : e.tags)
        if (t.value == value) return true;
    } else if (kind == "category") {
      if (ascii_lower(e.category.value) == ascii_lower(value)) return true;
    } else if (kind == "code") {
      if (ctx.kb->find(value) == i) return true;
    }
  }
  return false;
}

std::string describe_filter(const std::vector<std::string>& terms) {
  std::string out;
  for (const std::string& t : terms) out += (out.empty() ? "" : ", ") + t;
  return out;
}

bool print_pdf(StagedOutput& out, std::string& error) {
  const std::string chromium = find_program({"chromium", "chromium-browser", "google-chrome"});
  if (chromium.empty()) {
    error = "--pdf prints the runbook with headless Chromium, which is not installed "
            "(Debian: apt-get install chromium)";
    return false;
  }
  const std::string profile =
      (std::filesystem::temp_directory_path() / ("kbgen-chromium-" + std::to_string(::getpid()))).string();
  const std::string pdf = out.staged_path("runbook.pdf");
  const ProcessResult run = run_process(
      {chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
       "--disable-component-update", "--no-first-run", "--user-data-dir=" + profile,
       "--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + out.staged_path("runbook.html")},
      180);
  std::error_code ec;
  std::filesystem::remove_all(profile, ec);
  const auto size = std::filesystem::file_size(pdf, ec);
  if (!run.started || run.timed_out || run.exit_code != 0 || ec || size == 0) {
    error = "printing runbook.pdf with " + chromium + " failed" +
            (run.timed_out ? std::string(" (timed out)") : "") + ": " + excerpt(run.output, 300);
    return false;
  }
  out.count_external(static_cast<std::size_t>(size));
  return true;
}

class RunbookRenderer : public Renderer {
 public:
  const char* name() const override { return "runbook"; }

  bool render(const RenderContext& ctx, const TemplateSet& templates, StagedOutput& out,
              std::string& error) const override {
    std::unordered_set<std::string> included;
    std::vector<std::size_t> chosen;
    for (std::size_t i = 0; i < ctx.kb->entries.size(); ++i)
      if (matches(ctx, i, ctx.runbook_filter)) {
        chosen.push_back(i);
        included.insert(ctx.entry(i).code.value);
      }
    if (!ctx.runbook_filter.empty() && chosen.empty()) {
      error = "--runbook-filter " + describe_filter(ctx.runbook_filter) + " matches no entry";
      return false;
    }
    const ViewFlavor html = ViewFlavor::html_runbook(&included);
    const ViewFlavor md = ViewFlavor::markdown_runbook(&included);
    // Each entry's article is rendered on its own (in parallel), then the
    // documents put cover, contents and articles together.
    std::vector<std::string> html_articles(chosen.size()), md_articles(chosen.size());
    if (!parallel_for(chosen.size(), ctx.jobs, [&](std::size_t k, std::string&) {
          html_articles[k] = templates.render("runbook-entry", entry_view(ctx, chosen[k], html));
          md_articles[k] = templates.render("markdown/runbook-entry", entry_view(ctx, chosen[k], md));
          return true;
        }, error))
      return false;
    const MData html_view = document(ctx, chosen, "article_html", html_articles);
    const MData md_view = document(ctx, chosen, "article_md", md_articles);
    if (!out.write("assets/runbook.css", templates.text("assets/runbook.css"), error) ||
        !out.write("runbook.html", templates.render("runbook", html_view), error) ||
        !out.write("runbook.md", templates.render("markdown/runbook", md_view), error))
      return false;
    return !ctx.runbook_pdf || print_pdf(out, error);
  }

 private:
  // The document around the articles: {code, title, anchor, md_anchor,
  // <article_key>} per entry for the contents and the body.
  static MData document(const RenderContext& ctx, const std::vector<std::size_t>& chosen,
                        const char* article_key, std::vector<std::string>& articles) {
    MData entries = mlist(chosen.size());
    for (std::size_t k = 0; k < chosen.size(); ++k) {
      const std::string& code = ctx.entry(chosen[k]).code.value;
      MData item;
      mset(item, "code", code);
      mset(item, "title", ctx.entry(chosen[k]).title.value);
      mset(item, "anchor", code);
      mset(item, "md_anchor", markdown_anchor(code));
      item[article_key] = MData(std::move(articles[k]));
      append(entries, std::move(item));
    }
    MData site;
    mset(site, "title", ctx.kb->config.title);
    mset(site, "entry_count", std::to_string(ctx.kb->entries.size()));
    mset(site, "base_url", ctx.kb->config.base_url);
    MData view;
    view["site"] = std::move(site);
    mset(view, "count", std::to_string(chosen.size()));
    mset(view, "plural", mbool(chosen.size() != 1));
    mset(view, "filtered", mbool(!ctx.runbook_filter.empty()));
    mset(view, "filter", describe_filter(ctx.runbook_filter));
    view["entries"] = std::move(entries);
    return view;
  }
};

}  // namespace

std::unique_ptr<Renderer> make_runbook_renderer() { return std::make_unique<RunbookRenderer>(); }

}  // namespace kbgen
