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

#include <memory>
#include <string>
#include <vector>

#include "output/output.h"
#include "render/context.h"
#include "render/reuse.h"
#include "render/templates.h"

namespace kbgen {

class Renderer {
 public:
  virtual ~Renderer() = default;
  virtual const char* name() const = 0;  // as in --only: "html", "markdown", "runbook", "json"
  // Before the pass: files that need nothing of the entries' text (assets,
  // the start of a streamed file).
  virtual bool begin(const RenderContext& ctx, const TemplateSet& templates, StagedOutput& out,
                     std::string& error) = 0;
  // The next chunk of entries, in entry order (chunk[k].index ascending),
  // in three steps. start_chunk(n), on the pass's thread: room for the
  // results of n entries. render_entry(entry k of the chunk), on any of
  // ctx.jobs threads, several entries at once: the entry's own files, and
  // its parts of the files shared by all entries, kept by k. end_chunk, on
  // the pass's thread: those parts appended in entry order, so output does
  // not depend on the chunking or the number of threads. Of chunk's
  // entries only the index is left by then.
  virtual void start_chunk(std::size_t /*entries*/) {}
  virtual bool render_entry(const RenderContext& ctx, const PreparedEntry& entry, std::size_t k,
                            const TemplateSet& templates, StagedOutput& out, std::string& error) = 0;
  virtual bool end_chunk(const RenderContext& /*ctx*/, const std::vector<PreparedEntry>& /*chunk*/,
                         StagedOutput& /*out*/, std::string& /*error*/) {
    return true;
  }
  // After the pass: the files about the whole KB (home, tags, indexes),
  // from the facts kept during the pass.
  virtual bool finish(const RenderContext& ctx, const TemplateSet& templates, StagedOutput& out,
                      std::string& error) = 0;
};

std::unique_ptr<Renderer> make_html_renderer();      // render/html.cc
std::unique_ptr<Renderer> make_markdown_renderer();  // render/markdown.cc
std::unique_ptr<Renderer> make_runbook_renderer();   // render/runbook.cc
std::unique_ptr<Renderer> make_json_renderer();      // render/json_api.cc

// Whether entry i is in the runbook (--runbook-filter); render/runbook.cc.
bool in_runbook(const RenderContext& ctx, std::size_t i);

// Entries per chunk of the render pass, unless a build says otherwise: big
// enough to keep every thread busy between the ordered appends, small enough
// that the chunk's pieces of the shared files (runbook articles, index
// items), held until they are appended, are a few megabytes.
inline constexpr std::size_t kDefaultChunkEntries = 256;

// Seconds of the pass's wall time spent on each of its parts, for --stats:
// preparing entries ("prepare"), then each renderer by name (its begin,
// entries, chunk ends and finish). Entries are prepared and rendered
// together on every thread; each part gets the share of that time its own
// steps took.
using PassTimes = std::vector<std::pair<std::string, double>>;

// Runs the pass: begin for every renderer; for each chunk of `chunk_entries`
// entries (0: kDefaultChunkEntries), each entry prepared on one of ctx.jobs
// threads and given to every renderer in turn by that thread, then every
// renderer's end_chunk; then finish for every renderer. Entries `reuse`
// finds unchanged are not prepared (see render/reuse.h); ctx.records must
// be reuse.records. `times`, when given, gets the parts' seconds.
bool render_all(const RenderContext& ctx, const std::vector<std::unique_ptr<Renderer>>& renderers,
                const TemplateSet& templates, StagedOutput& out, std::size_t chunk_entries, EntryReuse& reuse,
                std::string& error, PassTimes* times = nullptr);

}  // namespace kbgen
