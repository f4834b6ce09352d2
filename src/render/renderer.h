// One renderer per output format (cmark's model). A build renders in one
// pass over the entries, in entry order, a chunk at a time: each entry of a
// chunk is linked and prepared (render/context.h) and handed to every
// renderer in turn by one thread, then dropped, so memory grows with the
// entries, not with the rendered output, and an entry's trees and fragments
// are still in the core's cache when the last renderer reads them. Adding a
// format is adding a renderer.
//
// A renderer object lasts one build and may keep small per-entry facts
// (a summary, a title) between its hooks; never a whole page per entry.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "output/output.h"
#include "render/context.h"
#include "render/reuse.h"
#include "render/templates.h"

namespace kbgen {

// A page a renderer's finish leaves to be written, on any thread.
struct PageTask {
  bool long_page = false;  // at scale much bigger than the others: started first
  std::function<bool(std::string& error)> write;
};

class Renderer {
 public:
  virtual ~Renderer() = default;
  virtual const char* name() const = 0;  // as in --only: "html", "markdown", "runbook", "json"
  // Before the pass: files that need nothing of the entries' text (assets,
  // the start of a streamed file).
  virtual bool begin(const RenderContext& ctx, const TemplateSet& templates, StagedOutput& out,
                     std::string& error) = 0;
  // Each entry, in any order, on any of ctx.jobs threads, several at once:
  // its own files, and its pieces of the files shared by all entries (a
  // search index item, runbook articles), pieces_per_entry() of them, into
  // `pieces`.
  virtual std::size_t pieces_per_entry() const { return 0; }
  virtual bool render_entry(const RenderContext& ctx, const PreparedEntry& entry, HashedPiece* pieces,
                            const TemplateSet& templates, StagedOutput& out, std::string& error) = 0;
  // The pieces of entries [first, first + count), in entry order, appended
  // to the shared files, so output does not depend on the chunking or the
  // number of threads. Called for one chunk after another, never two at
  // once for one renderer (different renderers' may run at once), on any
  // thread, while the next chunk's entries render.
  virtual bool end_chunk(const RenderContext& /*ctx*/, std::size_t /*first*/, std::size_t /*count*/,
                         HashedPiece* /*pieces*/, StagedOutput& /*out*/, std::string& /*error*/) {
    return true;
  }
  // After the pass: the files about the whole KB (home, tags, indexes),
  // from the facts kept during the pass. What must be done in order is done
  // here; pages that can be written on their own are added to `pages`,
  // which the pass then writes with every renderer's on all threads, after
  // finish has returned: they must not refer to its locals.
  virtual bool finish(const RenderContext& ctx, const TemplateSet& templates, StagedOutput& out,
                      std::vector<PageTask>& pages, std::string& error) = 0;
};

std::unique_ptr<Renderer> make_html_renderer();      // render/html.cc
std::unique_ptr<Renderer> make_markdown_renderer();  // render/markdown.cc
std::unique_ptr<Renderer> make_runbook_renderer();   // render/runbook.cc
std::unique_ptr<Renderer> make_json_renderer();      // render/json_api.cc

// Whether entry i is in the runbook (--runbook-filter); render/runbook.cc.
bool in_runbook(const RenderContext& ctx, std::size_t i);

// Entries per chunk of the render pass, unless a build says otherwise: big
// enough to keep every thread busy between the ordered appends, small enough
// that the pieces of the shared files (runbook articles, index items) of
// the two chunks held at once, one filling while the other is appended, are
// a few megabytes.
inline constexpr std::size_t kDefaultChunkEntries = 256;

// Seconds of the pass's wall time spent on each of its parts, for --stats:
// preparing entries ("prepare"), then each renderer by name (its begin,
// entries, chunk ends and finish). Entries are prepared and rendered
// together on every thread; each part gets the share of that time its own
// steps took.
using PassTimes = std::vector<std::pair<std::string, double>>;

// Runs the pass: begin for every renderer; for each chunk of `chunk_entries`
// entries (0: kDefaultChunkEntries), each entry prepared on one of ctx.jobs
// threads and given to every renderer in turn by that thread, and every
// renderer's end_chunk for the chunk before; then finish for every
// renderer, and the pages they leave. Entries `reuse`
// finds unchanged are not prepared (see render/reuse.h); ctx.records must
// be reuse.records. `times`, when given, gets the parts' seconds.
bool render_all(const RenderContext& ctx, const std::vector<std::unique_ptr<Renderer>>& renderers,
                const TemplateSet& templates, StagedOutput& out, std::size_t chunk_entries, EntryReuse& reuse,
                std::string& error, PassTimes* times = nullptr);

}  // namespace kbgen
