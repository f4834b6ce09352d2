#include "check/check.h"

#include <algorithm>

#include "util/parallel.h"

namespace kbgen {
namespace {

// Entries per task: enough to make handing out work cheap, few enough that
// uneven entries still balance across threads.
constexpr std::size_t kEntriesPerTask = 64;

}  // namespace

void check_knowledge_base(const KnowledgeBase& kb, const CheckOptions& options,
                          Diagnostics& diagnostics) {
  // Each task reports into its own sink; sinks are appended in entry order,
  // so findings come out exactly as a one-thread run reports them.
  const std::size_t tasks = (kb.entries.size() + kEntriesPerTask - 1) / kEntriesPerTask;
  std::vector<Diagnostics> found(tasks);
  std::string unused;
  parallel_for(tasks, options.jobs == 0 ? default_jobs() : options.jobs,
               [&](std::size_t task, std::string&) {
                 const std::size_t end = std::min(kb.entries.size(), (task + 1) * kEntriesPerTask);
                 for (std::size_t i = task * kEntriesPerTask; i < end; ++i) {
                   check_field_forms(kb.entries[i], kb.config, options, found[task]);
                   check_content(kb.entries[i], found[task]);
                 }
                 return true;
               },
               unused);
  for (Diagnostics& part : found) diagnostics.append(std::move(part));
  check_across_entries(kb.entries, diagnostics);
}

}  // namespace kbgen
