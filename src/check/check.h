// Stage 2, check: the content and consistency rules of SPEC §3 step 2 that
// need no merging: field forms, placeholder and vague text, codes present,
// related links. (Required fields are checked on merged entries: dedupe.)
//
// Takes: the loaded knowledge base. Gives: findings; changes nothing.
#pragma once

#include <string>

#include "diagnostics/diagnostic.h"
#include "load/load.h"

namespace kbgen {

struct CheckOptions {
  // Days since 1970-01-01 (UTC) that count as "today" for stale-review.
  long today = 0;
  // Threads for loading and checking (0: one per core); findings and their
  // order do not depend on it.
  unsigned jobs = 0;
};

void check_knowledge_base(const KnowledgeBase& kb, const CheckOptions& options,
                          Diagnostics& diagnostics);

// Rule groups, exposed for their tests.
void check_field_forms(const Entry& entry, const Config& config, const CheckOptions& options,
                       Diagnostics& diagnostics);
void check_content(const Entry& entry, Diagnostics& diagnostics);
void check_across_entries(const std::vector<Entry>& entries, Diagnostics& diagnostics);

}  // namespace kbgen
