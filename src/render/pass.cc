// The render pass (see renderer.h): one walk over the entries, a chunk at a
// time, so that only one chunk's trees and fragments exist at once.
#include <algorithm>

#include "render/renderer.h"
#include "util/parallel.h"
#include "util/progress.h"

namespace kbgen {

bool render_all(const RenderContext& ctx, const std::vector<std::unique_ptr<Renderer>>& renderers,
                const TemplateSet& templates, StagedOutput& out, std::size_t chunk_entries, EntryReuse& reuse,
                std::string& error) {
  for (const auto& renderer : renderers)
    if (!renderer->begin(ctx, templates, out, error)) return false;
  const std::size_t entries = ctx.kb->entries.size();
  const std::size_t size = chunk_entries == 0 ? kDefaultChunkEntries : chunk_entries;
  // Only the Markdown outputs read the trees; the JSON API needs none.
  const bool trees = ctx.html_fragments || ctx.markdown_fragments;
  std::vector<PreparedEntry> chunk;
  for (std::size_t first = 0; first < entries; first += size) {
    chunk.clear();
    chunk.resize(std::min(size, entries - first));
    if (!parallel_for(chunk.size(), ctx.jobs, [&](std::size_t k, std::string&) {
          std::optional<ReusedEntry> reused = reuse.find(ctx, first + k, out);
          if (trees && !reused) chunk[k] = prepare_entry(ctx, first + k);
          chunk[k].index = first + k;
          chunk[k].reused = std::move(reused);
          return true;
        }, error))
      return false;
    for (const auto& renderer : renderers)
      if (!renderer->chunk(ctx, chunk, templates, out, error)) return false;
  }
  chunk.clear();
  chunk.shrink_to_fit();
  for (const auto& renderer : renderers) {
    progress::stage(std::string("render ") + renderer->name());
    if (!renderer->finish(ctx, templates, out, error)) return false;
  }
  return reuse.verify(ctx, out, error);
}

}  // namespace kbgen
