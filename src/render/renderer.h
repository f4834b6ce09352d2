// One renderer per output format (cmark's model). A build renders in one
// pass over the entries, in entry order, a chunk at a time: each chunk's
// entries are linked and prepared (render/context.h), handed to every
// renderer, then dropped, so memory grows with the entries, not with the
// rendered output. Adding a format is adding a renderer.
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
  // The next chunk of entries, in entry order (chunk[k].index ascending).
  // Per-entry work may use ctx.jobs threads; whatever goes into a file
  // shared by all entries is appended in entry order, so output does not
  // depend on the chunking or the number of threads.
  virtual bool chunk(const RenderContext& ctx, const std::vector<PreparedEntry>& chunk,
                     const TemplateSet& templates, StagedOutput& out, std::string& error) = 0;
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
// enough to keep every thread busy, small enough that a chunk's trees and
// fragments are a few megabytes.
inline constexpr std::size_t kDefaultChunkEntries = 256;

// Wall seconds of the pass's parts, for --stats: preparing entries
// ("prepare"), then each renderer by name (its begin, chunks and finish).
using PassTimes = std::vector<std::pair<std::string, double>>;

// Runs the pass: begin for every renderer, each chunk of `chunk_entries`
// entries (0: kDefaultChunkEntries) prepared on ctx.jobs threads and given
// to every renderer in turn, then finish for every renderer. Entries `reuse`
// finds unchanged are not prepared (see render/reuse.h); ctx.records must
// be reuse.records. `times`, when given, gets the parts' seconds.
bool render_all(const RenderContext& ctx, const std::vector<std::unique_ptr<Renderer>>& renderers,
                const TemplateSet& templates, StagedOutput& out, std::size_t chunk_entries, EntryReuse& reuse,
                std::string& error, PassTimes* times = nullptr);

}  // namespace kbgen
