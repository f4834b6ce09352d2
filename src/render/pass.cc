// The render pass (see renderer.h): one walk over the entries, a chunk at a
// time, so that only one chunk's trees and fragments exist at once.
#include <algorithm>
#include <chrono>

#include "render/renderer.h"
#include "util/parallel.h"
#include "util/progress.h"

namespace kbgen {
namespace {

// Adds the wall time of each call to one of the pass's parts.
class PartClock {
 public:
  explicit PartClock(std::size_t parts) : seconds_(parts, 0.0) {}
  template <typename Step>
  bool time(std::size_t part, Step&& step) {
    const auto start = std::chrono::steady_clock::now();
    const bool ok = step();
    seconds_[part] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return ok;
  }
  double seconds(std::size_t part) const { return seconds_[part]; }

 private:
  std::vector<double> seconds_;
};

}  // namespace

bool render_all(const RenderContext& ctx, const std::vector<std::unique_ptr<Renderer>>& renderers,
                const TemplateSet& templates, StagedOutput& out, std::size_t chunk_entries, EntryReuse& reuse,
                std::string& error, PassTimes* times) {
  // Part 0 is preparing entries, part r + 1 renderer r.
  PartClock clock(renderers.size() + 1);
  for (std::size_t r = 0; r < renderers.size(); ++r)
    if (!clock.time(r + 1, [&] { return renderers[r]->begin(ctx, templates, out, error); })) return false;
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
    if (!clock.time(0, [&] {
          return parallel_for(chunk.size(), ctx.jobs, [&](std::size_t k, std::string&) {
            PreparedEntry made;
            std::optional<ReusedEntry> reused = reuse.find(ctx, first + k, out);
            if (trees && !reused) made = prepare_entry(ctx, first + k);
            made.index = first + k;
            made.reused = std::move(reused);
            chunk[k] = std::move(made);
            return true;
          }, error);
        }))
      return false;
    for (std::size_t r = 0; r < renderers.size(); ++r)
      if (!clock.time(r + 1, [&] { return renderers[r]->chunk(ctx, chunk, templates, out, error); })) return false;
  }
  if (!clock.time(0, [&] { return parallel_for(chunk.size(), ctx.jobs, release, error); })) return false;
  chunk = std::vector<PreparedEntry>();
  for (std::size_t r = 0; r < renderers.size(); ++r) {
    progress::stage(std::string("render ") + renderers[r]->name());
    if (!clock.time(r + 1, [&] { return renderers[r]->finish(ctx, templates, out, error); })) return false;
  }
  if (times) {
    times->emplace_back("prepare", clock.seconds(0));
    for (std::size_t r = 0; r < renderers.size(); ++r) times->emplace_back(renderers[r]->name(), clock.seconds(r + 1));
  }
  return reuse.verify(ctx, out, error);
}

}  // namespace kbgen
