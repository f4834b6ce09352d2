// The render pass (see renderer.h): one walk over the entries, a chunk at a
// time, so that only one chunk's trees and fragments exist at once.
#include <algorithm>
#include <atomic>
#include <chrono>

#include "render/renderer.h"
#include "util/parallel.h"
#include "util/progress.h"

namespace kbgen {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The time of the pass's parts: preparing entries (part 0) and each
// renderer (part r + 1). Steps on the pass's thread count their wall time.
// Inside an entry's task the parts take turns on every thread, so each is
// given the share of the tasks' wall time that its own steps took of the
// threads' time.
class PartClock {
 public:
  explicit PartClock(std::size_t parts) : serial_(parts, 0.0), in_tasks_(parts) {}

  template <typename Step>
  bool serial(std::size_t part, Step&& step) {
    const auto start = Clock::now();
    const bool ok = step();
    serial_[part] += seconds_since(start);
    return ok;
  }
  template <typename Step>
  bool in_task(std::size_t part, Step&& step) {
    const auto start = Clock::now();
    const bool ok = step();
    in_tasks_[part].fetch_add((Clock::now() - start).count(), std::memory_order_relaxed);
    return ok;
  }
  void add_task_wall(double seconds) { task_wall_ += seconds; }

  double seconds(std::size_t part) const {
    double threads = 0;
    for (const auto& t : in_tasks_) threads += static_cast<double>(t.load());
    const double share = threads > 0 ? static_cast<double>(in_tasks_[part].load()) / threads : 0.0;
    return serial_[part] + share * task_wall_;
  }

 private:
  std::vector<double> serial_;
  std::vector<std::atomic<Clock::rep>> in_tasks_;
  double task_wall_ = 0;
};

}  // namespace

bool render_all(const RenderContext& ctx, const std::vector<std::unique_ptr<Renderer>>& renderers,
                const TemplateSet& templates, StagedOutput& out, std::size_t chunk_entries, EntryReuse& reuse,
                std::string& error, PassTimes* times) {
  PartClock clock(renderers.size() + 1);
  for (std::size_t r = 0; r < renderers.size(); ++r)
    if (!clock.serial(r + 1, [&] { return renderers[r]->begin(ctx, templates, out, error); })) return false;
  const std::size_t entries = ctx.kb->entries.size();
  const std::size_t size = chunk_entries == 0 ? kDefaultChunkEntries : chunk_entries;
  // Only the Markdown outputs read the trees; the JSON API needs none.
  const bool trees = ctx.html_fragments || ctx.markdown_fragments;
  std::vector<PreparedEntry> chunk;
  for (std::size_t first = 0; first < entries; first += size) {
    chunk.resize(std::min(size, entries - first));
    for (const auto& renderer : renderers) renderer->start_chunk(chunk.size());
    // One task per entry, through every renderer: the entry's trees and
    // fragments stay in this core's cache from preparing to the last
    // renderer, and are freed here, by the thread that used them, for the
    // next entry to reuse the memory.
    const auto tasks_start = Clock::now();
    const bool rendered = parallel_for(chunk.size(), ctx.jobs, [&](std::size_t k, std::string& err) {
      PreparedEntry& p = chunk[k];
      clock.in_task(0, [&] {
        std::optional<ReusedEntry> reused = reuse.find(ctx, first + k, out);
        p = trees && !reused ? prepare_entry(ctx, first + k) : PreparedEntry();
        p.index = first + k;
        p.reused = std::move(reused);
        return true;
      });
      for (std::size_t r = 0; r < renderers.size(); ++r)
        if (!clock.in_task(r + 1, [&] { return renderers[r]->render_entry(ctx, p, k, templates, out, err); }))
          return false;
      clock.in_task(0, [&] {
        p = PreparedEntry();
        p.index = first + k;
        return true;
      });
      return true;
    }, error);
    clock.add_task_wall(seconds_since(tasks_start));
    if (!rendered) return false;
    for (std::size_t r = 0; r < renderers.size(); ++r)
      if (!clock.serial(r + 1, [&] { return renderers[r]->end_chunk(ctx, chunk, out, error); })) return false;
  }
  chunk = std::vector<PreparedEntry>();
  for (std::size_t r = 0; r < renderers.size(); ++r) {
    progress::stage(std::string("render ") + renderers[r]->name());
    if (!clock.serial(r + 1, [&] { return renderers[r]->finish(ctx, templates, out, error); })) return false;
  }
  if (times) {
    times->emplace_back("prepare", clock.seconds(0));
    for (std::size_t r = 0; r < renderers.size(); ++r) times->emplace_back(renderers[r]->name(), clock.seconds(r + 1));
  }
  return reuse.verify(ctx, out, error);
}

}  // namespace kbgen
