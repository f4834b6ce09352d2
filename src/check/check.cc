#include "check/check.h"

namespace kbgen {

void check_knowledge_base(const KnowledgeBase& kb, const CheckOptions& options,
                          Diagnostics& diagnostics) {
  for (const Entry& e : kb.entries) {
    check_field_forms(e, kb.config, options, diagnostics);
    check_content(e, diagnostics);
  }
  check_across_entries(kb.entries, diagnostics);
}

}  // namespace kbgen
