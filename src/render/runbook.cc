// The printable runbook (SPEC §6): runbook.html and runbook.md, every entry
// (or those chosen by --runbook-filter) in one document with a table of
// contents; optionally printed to runbook.pdf by headless Chromium.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <unistd.h>

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
  // The same runbook prints the same PDF (but for Chromium's time stamp).
  if (!out.is_staged("runbook.html") && out.keep_previous("runbook.pdf")) return true;
  // A changed runbook is printed where it is staged, next to its style sheet.
  if (!out.stage_copy("assets/runbook.css", error)) return false;
  const std::string chromium = find_program({"chromium", "chromium-browser", "google-chrome"});
  if (chromium.empty()) {
    error = "--pdf prints the runbook with headless Chromium, which is not installed "
            "(Debian: apt-get install chromium)";
    return false;
  }
  const std::string profile =
      (std::filesystem::temp_directory_path() / ("kbgen-chromium-" + std::to_string(::getpid()))).string();
  const std::string pdf = out.staging_path("runbook.pdf");
  const ProcessResult run = run_process(
      {chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
       "--disable-component-update", "--no-first-run", "--user-data-dir=" + profile,
       "--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + out.current_path("runbook.html")},
      180);
  std::error_code ec;
  std::filesystem::remove_all(profile, ec);
  const auto size = std::filesystem::file_size(pdf, ec);
  if (!run.started || run.timed_out || run.exit_code != 0 || ec || size == 0) {
    error = "printing runbook.pdf with " + chromium + " failed" +
            (run.timed_out ? std::string(" (timed out)") : "") + ": " + excerpt(run.output, 300);
    return false;
  }
  return out.add_external("runbook.pdf", error);
}

// The document around the articles: {code, title, anchor, md_anchor,
// <article_key>} per entry for the contents and the body.
MData document(const RenderContext& ctx, const std::vector<std::size_t>& chosen, const char* article_key,
               std::vector<std::string>& articles) {
  MData entries = mlist(chosen.size());
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const std::string code(ctx.entry(chosen[k]).code.value);
    MData item;
    put_text(item, "code", code);
    put_text(item, "title", ctx.entry(chosen[k]).title.value);
    put_text(item, "anchor", code);
    put_text(item, "md_anchor", markdown_anchor(code));
    put_text(item, article_key, std::move(articles[k]));
    append(entries, std::move(item));
  }
  MData site;
  put_text(site, "title", ctx.kb->config.title);
  put_text(site, "entry_count", std::to_string(ctx.kb->entries.size()));
  put_text(site, "base_url", ctx.kb->config.base_url);
  MData view;
  view["site"] = std::move(site);
  put_text(view, "count", std::to_string(chosen.size()));
  put_flag(view, "plural", chosen.size() != 1);
  put_flag(view, "filtered", !ctx.runbook_filter.empty());
  put_text(view, "filter", describe_filter(ctx.runbook_filter));
  view["entries"] = std::move(entries);
  return view;
}

// One of the two runbook documents.
struct DocumentKind {
  const char* page;         // template of the whole document
  const char* article;      // template of one entry's article
  const char* article_key;  // where the page template takes the article
  const char* path;
  ViewFlavor flavor;
};

// Stands in for article k while the page around the articles is rendered.
// '&' is escaped by both escapes, so an article put in by an escaping tag
// shows as missing; the control characters keep entry text from matching.
std::string article_marker(std::size_t k) { return "\x02kbgen-article&" + std::to_string(k) + "\x03"; }

// Where the page holds each article's marker, if it holds each exactly once
// and in order; otherwise the page does something else with the articles.
bool find_markers(const std::string& page, std::size_t count, std::vector<std::size_t>& at) {
  static const std::string kPrefix = article_marker(0).substr(0, article_marker(0).find('&') + 1);
  for (std::size_t pos = page.find(kPrefix); pos != std::string::npos; pos = page.find(kPrefix, pos + 1)) {
    if (at.size() == count || page.compare(pos, article_marker(at.size()).size(), article_marker(at.size())) != 0)
      return false;
    at.push_back(pos);
  }
  return at.size() == count;
}

// One document as the pass writes it. When the page around the articles
// holds each article's marker once and in order, the articles are appended
// in place of their markers as the chunks come, so memory does not grow
// with the document. Otherwise (the page uses the articles some other way),
// or once an article is blank (kainjow drops a line that holds only
// section tags and blanks; a marker never is blank, so such an article may
// not give the same bytes), the document is rendered whole after the pass.
struct Document {
  DocumentKind kind;
  std::string page;            // with markers
  std::vector<std::size_t> at;  // where each marker is in `page`
  std::size_t done = 0;         // page bytes written so far
  std::unique_ptr<StagedFile> file;  // null: rendered whole after the pass
  RecycledViews entry_views;         // the articles' data

  bool begin(const RenderContext& ctx, const TemplateSet& templates, const std::vector<std::size_t>& chosen,
             StagedOutput& out, std::string& error) {
    std::vector<std::string> articles(chosen.size());
    for (std::size_t k = 0; k < chosen.size(); ++k) articles[k] = article_marker(k);
    page = templates.render(kind.page, document(ctx, chosen, kind.article_key, articles));
    if (!find_markers(page, chosen.size(), at)) return true;
    file = out.open(kind.path, error);
    return file != nullptr;
  }

  // Article k (of the chosen entries) is next in the document; `piece`
  // tells where it went, if the document is streamed.
  bool add(std::size_t k, const HashedPiece& article, EntryPiece& piece, std::string& error) {
    if (!file) return true;
    if (article.bytes.find_first_not_of(" \t") == std::string::npos) {
      file.reset();
      return true;
    }
    if (!file->append(std::string_view(page).substr(done, at[k] - done), error)) return false;
    piece = piece_at(file->size(), article);
    if (!file->append(article.bytes, error)) return false;
    done = at[k] + article_marker(k).size();
    return true;
  }

  bool finish(const RenderContext& ctx, const TemplateSet& templates, const std::vector<std::size_t>& chosen,
              StagedOutput& out, std::string& error) {
    if (file) return file->append(std::string_view(page).substr(done), error) && out.close(std::move(file), error);
    // Rendered whole: the entries are prepared once more, here.
    std::vector<std::string> articles(chosen.size());
    if (!parallel_for(chosen.size(), ctx.jobs, [&](std::size_t k, std::string&) {
          articles[k] = templates.render(kind.article, entry_view(ctx, prepare_entry(ctx, chosen[k]), kind.flavor));
          return true;
        }, error))
      return false;
    return out.write(kind.path, templates.render(kind.page, document(ctx, chosen, kind.article_key, articles)),
                     error);
  }
};

class RunbookRenderer : public Renderer {
 public:
  const char* name() const override { return "runbook"; }

  bool begin(const RenderContext& ctx, const TemplateSet& templates, StagedOutput& out,
             std::string& error) override {
    included_.flags.assign(ctx.kb->entries.size(), false);
    included_.kb = ctx.kb;
    for (std::size_t i = 0; i < ctx.kb->entries.size(); ++i)
      if (in_runbook(ctx, i)) {
        included_.flags[i] = true;
        chosen_.push_back(i);
      }
    if (!ctx.runbook_filter.empty() && chosen_.empty()) {
      error = "--runbook-filter " + describe_filter(ctx.runbook_filter) + " matches no entry";
      return false;
    }
    documents_[0].kind = {"runbook", "runbook-entry", "article_html", kPieceFilePaths[kRunbookHtmlPiece],
                          ViewFlavor::html_runbook(&included_).for_templates(templates, {"runbook-entry"})};
    documents_[1].kind = {"markdown/runbook", "markdown/runbook-entry", "article_md", kPieceFilePaths[kRunbookMdPiece],
                          ViewFlavor::markdown_runbook(&included_).for_templates(templates, {"markdown/runbook-entry"})};
    // The two pages around the articles are rendered at once: at scale each
    // lists every entry, with the other threads idle before the pass.
    if (!out.write("assets/runbook.css", templates.text("assets/runbook.css"), error) ||
        !parallel_for(2, ctx.jobs, [&](std::size_t d, std::string& err) {
          return documents_[d].begin(ctx, templates, chosen_, out, err);
        }, error))
      return false;
    for (std::size_t d = 0; d < 2; ++d) rendering_[d] = documents_[d].file != nullptr;
    return true;
  }

  std::size_t pieces_per_entry() const override { return 2; }  // its articles: html, md

  bool render_entry(const RenderContext& ctx, const PreparedEntry& p, HashedPiece* articles,
                    const TemplateSet& templates, StagedOutput&, std::string&) override {
    if (!included_.has(p.index)) return true;
    for (std::size_t d = 0; d < 2; ++d) {
      // A document to be rendered whole after the pass needs no article now.
      // The chunk before may still be dropping its file: then this article
      // is made for nothing, and Document::add drops it.
      if (!rendering_[d]) continue;
      if (p.reused) {
        articles[d] = p.reused->pieces[kPieces[d]];
        continue;
      }
      MData& view = documents_[d].entry_views.take(!ctx.entry(p.index).extensions.empty());
      fill_entry_view(ctx, p, documents_[d].kind.flavor, view);
      articles[d] = HashedPiece::of(templates.render(documents_[d].kind.article, view));
    }
    return true;
  }

  bool end_chunk(const RenderContext& ctx, std::size_t first, std::size_t count, HashedPiece* articles, StagedOutput&,
                 std::string& error) override {
    for (std::size_t k = 0; k < count; ++k) {
      if (!included_.has(first + k)) continue;
      for (std::size_t d = 0; d < 2; ++d)
        if (!documents_[d].add(next_, articles[2 * k + d], ctx.record(first + k).pieces[kPieces[d]], error))
          return false;
      ++next_;
    }
    for (std::size_t d = 0; d < 2; ++d) rendering_[d] = documents_[d].file != nullptr;
    return true;
  }

  bool finish(const RenderContext& ctx, const TemplateSet& templates, StagedOutput& out, std::vector<PageTask>&,
              std::string& error) override {
    for (std::size_t d = 0; d < 2; ++d) {
      // Rendered whole: no article lies where the pass recorded it.
      if (!documents_[d].file)
        for (std::size_t i : chosen_) ctx.record(i).pieces[kPieces[d]] = EntryPiece();
      if (!documents_[d].finish(ctx, templates, chosen_, out, error)) return false;
    }
    return !ctx.runbook_pdf || print_pdf(out, error);
  }

 private:
  std::vector<std::size_t> chosen_;  // entries in the runbook, in entry order
  IncludedEntries included_;         // the same, by entry
  std::size_t next_ = 0;             // the first of chosen_ not yet in the documents
  // Per document: whether its articles are still wanted, as the last
  // end_chunk left it. Read by render_entry while end_chunk may run.
  std::atomic<bool> rendering_[2] = {true, true};
  Document documents_[2];            // runbook.html, runbook.md
  static constexpr PieceFile kPieces[2] = {kRunbookHtmlPiece, kRunbookMdPiece};
};

}  // namespace

bool in_runbook(const RenderContext& ctx, std::size_t i) { return matches(ctx, i, ctx.runbook_filter); }

std::unique_ptr<Renderer> make_runbook_renderer() { return std::make_unique<RunbookRenderer>(); }

}  // namespace kbgen
