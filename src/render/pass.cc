// The render pass (see renderer.h): one walk over the entries, a chunk at a
// time. Each thread holds the trees and fragments of the one entry it is
// rendering; besides, only two chunks' pieces of the shared files are held
// (one filling, one being appended).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <utility>

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
// In a parallel loop the parts take turns on every thread, so each gets the
// share of the loop's wall time that its own steps took of the threads'.
class PartClock {
 public:
  explicit PartClock(std::size_t parts) : seconds_(parts, 0.0), in_loop_(parts) {}

  template <typename Step>
  bool serial(std::size_t part, Step&& step) {
    const auto start = Clock::now();
    const bool ok = step();
    seconds_[part] += seconds_since(start);
    return ok;
  }
  // A step of a task in a parallel loop, on any thread.
  template <typename Step>
  bool in_task(std::size_t part, Step&& step) {
    const auto start = Clock::now();
    const bool ok = step();
    in_loop_[part].fetch_add((Clock::now() - start).count(), std::memory_order_relaxed);
    return ok;
  }
  // parallel_for, its wall time shared out by its tasks' in_task steps.
  bool loop(std::size_t n, unsigned jobs, const std::function<bool(std::size_t, std::string&)>& task,
            std::string& error) {
    const auto start = Clock::now();
    const bool ok = parallel_for(n, jobs, task, error);
    const double wall = seconds_since(start);
    double threads = 0;
    for (const auto& t : in_loop_) threads += static_cast<double>(t.load());
    for (std::size_t part = 0; part < seconds_.size() && threads > 0; ++part)
      seconds_[part] += wall * static_cast<double>(in_loop_[part].exchange(0)) / threads;
    return ok;
  }
  double seconds(std::size_t part) const { return seconds_[part]; }

 private:
  std::vector<double> seconds_;
  std::vector<std::atomic<Clock::rep>> in_loop_;
};

}  // namespace

bool render_all(const RenderContext& ctx, const std::vector<std::unique_ptr<Renderer>>& renderers,
                const TemplateSet& templates, StagedOutput& out, std::size_t chunk_entries, EntryReuse& reuse,
                std::string& error, PassTimes* times) {
  const std::size_t count = renderers.size();
  PartClock clock(count + 1);
  for (std::size_t r = 0; r < count; ++r)
    if (!clock.serial(r + 1, [&] { return renderers[r]->begin(ctx, templates, out, error); })) return false;
  const std::size_t entries = ctx.kb->entries.size();
  const std::size_t size = chunk_entries == 0 ? kDefaultChunkEntries : chunk_entries;
  // Only the Markdown outputs read the trees; the JSON API needs none.
  const bool trees = ctx.html_fragments || ctx.markdown_fragments;
  // A chunk's pieces, renderer after renderer: renderer r's pieces of the
  // chunk's entry k are at before[r] * (chunk size) + k * (its pieces per
  // entry, before[r + 1] - before[r]).
  std::vector<std::size_t> before(count + 1, 0);
  for (std::size_t r = 0; r < count; ++r) before[r + 1] = before[r] + renderers[r]->pieces_per_entry();
  // Two sets of pieces: one chunk's entries fill one while the chunk before
  // is appended from the other, so the appends (which only one thread can
  // do) overlap the rendering instead of leaving the other threads idle.
  std::vector<HashedPiece> pieces[2];
  std::size_t pending_first = 0, pending_count = 0;  // the chunk before, not yet appended
  const auto end_chunk = [&](std::size_t r, std::string& err) {
    HashedPiece* mine = pieces[(pending_first / size) % 2].data() + before[r] * pending_count;
    return renderers[r]->end_chunk(ctx, pending_first, pending_count, mine, out, err);
  };
  std::vector<PreparedEntry> chunk;
  for (std::size_t first = 0; first < entries; first += size) {
    chunk.resize(std::min(size, entries - first));
    std::vector<HashedPiece>& filling = pieces[(first / size) % 2];
    filling.assign(before[count] * chunk.size(), HashedPiece());
    // Tasks [0, appends) append the chunk before; then one task per entry,
    // through every renderer: the entry's trees and fragments stay in this
    // core's cache from preparing to the last renderer, and are freed here,
    // by the thread that used them, for the next entry to reuse the memory.
    const std::size_t appends = pending_count > 0 ? count : 0;
    const bool rendered = clock.loop(appends + chunk.size(), ctx.jobs, [&](std::size_t t, std::string& err) {
      if (t < appends) return clock.in_task(t + 1, [&] { return end_chunk(t, err); });
      const std::size_t k = t - appends;
      PreparedEntry& p = chunk[k];
      clock.in_task(0, [&] {
        std::optional<ReusedEntry> reused = reuse.find(ctx, first + k, out);
        p = trees && !reused ? prepare_entry(ctx, first + k) : PreparedEntry();
        p.index = first + k;
        p.reused = std::move(reused);
        return true;
      });
      for (std::size_t r = 0; r < count; ++r) {
        HashedPiece* mine = filling.data() + before[r] * chunk.size() + k * (before[r + 1] - before[r]);
        if (!clock.in_task(r + 1, [&] { return renderers[r]->render_entry(ctx, p, mine, templates, out, err); }))
          return false;
      }
      clock.in_task(0, [&] {
        p = PreparedEntry();
        return true;
      });
      return true;
    }, error);
    if (!rendered) return false;
    pending_first = first;
    pending_count = chunk.size();
  }
  chunk = std::vector<PreparedEntry>();
  if (pending_count > 0)
    for (std::size_t r = 0; r < count; ++r)
      if (!clock.serial(r + 1, [&] { return end_chunk(r, error); })) return false;
  pieces[0] = pieces[1] = std::vector<HashedPiece>();

  // The whole-KB files: in order in each renderer's finish, then the pages
  // they leave, long ones first so that none is still being written alone
  // at the end.
  std::vector<std::pair<std::size_t, PageTask>> pages;  // with the part each belongs to
  for (std::size_t r = 0; r < count; ++r) {
    progress::stage(std::string("render ") + renderers[r]->name());
    std::vector<PageTask> left;
    if (!clock.serial(r + 1, [&] { return renderers[r]->finish(ctx, templates, out, left, error); })) return false;
    for (PageTask& page : left) pages.emplace_back(r + 1, std::move(page));
  }
  std::stable_partition(pages.begin(), pages.end(), [](const auto& page) { return page.second.long_page; });
  progress::stage("render list pages");
  if (!clock.loop(pages.size(), ctx.jobs, [&](std::size_t t, std::string& err) {
        return clock.in_task(pages[t].first, [&] { return pages[t].second.write(err); });
      }, error))
    return false;
  if (times) {
    times->emplace_back("prepare", clock.seconds(0));
    for (std::size_t r = 0; r < count; ++r) times->emplace_back(renderers[r]->name(), clock.seconds(r + 1));
  }
  return reuse.verify(ctx, out, error);
}

}  // namespace kbgen
