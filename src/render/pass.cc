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
  // Each slot of `chunk` is overwritten by a worker, which also frees the
  // last chunk's entry there (its trees): freed by the main thread alone,
  // they were a fifth of the time it ran with the other cores idle.
  std::vector<PreparedEntry> chunk;
  const auto release = [&](std::size_t k, std::string&) {
    chunk[k] = PreparedEntry();
    return true;
  };
  for (std::size_t first = 0; first < entries; first += size) {
    chunk.resize(std::min(size, entries - first));
    if (!parallel_for(chunk.size(), ctx.jobs, [&](std::size_t k, std::string&) {
          PreparedEntry made;
          std::optional<ReusedEntry> reused = reuse.find(ctx, first + k, out);
          if (trees && !reused) made = prepare_entry(ctx, first + k);
          made.index = first + k;
          made.reused = std::move(reused);
          chunk[k] = std::move(made);
          return true;
        }, error))
      return false;
    for (const auto& renderer : renderers)
      if (!renderer->chunk(ctx, chunk, templates, out, error)) return false;
  }
  if (!parallel_for(chunk.size(), ctx.jobs, release, error)) return false;
  chunk = std::vector<PreparedEntry>();
  for (const auto& renderer : renderers) {
    progress::stage(std::string("render ") + renderer->name());
    if (!renderer->finish(ctx, templates, out, error)) return false;
  }
  return reuse.verify(ctx, out, error);
}

}  // namespace kbgen
