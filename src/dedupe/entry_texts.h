// The texts of an entry that near-duplicate detection compares, in normal
// form (normalize.h), with every text normalised once: a list item's normal
// form and the entry's prose are made by joining the normal forms of their
// parts, not by normalising each whole again.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "model/entry.h"

namespace kbgen {

// The four step lists, in the order they are compared and joined.
inline constexpr std::array<const char*, 4> kStepFields{"diagnosis", "fix", "verification", "prevention"};
const std::vector<Step>& step_list(const Entry& e, std::size_t field);

// A step as one text: its own, then its sub-steps', each followed by a
// blank line. Also what a near-duplicate-item message quotes.
std::string step_text(const Step& s);
// A cause as one text: title, blank line, detail.
std::string cause_text(const Cause& c);
// normalize_text(cause_text(c)), made from the parts when they join exactly.
std::string cause_normal_form(const Cause& c);

struct EntryNormalForms {
  std::vector<std::string> causes;                   // normal form of cause_text()
  std::array<std::vector<std::string>, 4> steps;     // of step_text(), per kStepFields
  std::string prose;  // of the title, summary, description, causes and all steps
};

// Equal, byte for byte, to normalising each of those texts whole.
EntryNormalForms normal_forms(const Entry& e);
// The same, reusing the keys merging compared items by (merge.h): a cause's
// key is its normal form, a step's key its parts' normal forms split by '\x1e'.
EntryNormalForms normal_forms(const Entry& e, std::vector<std::string>&& cause_keys,
                              std::array<std::vector<std::string>, 4>&& step_keys);

}  // namespace kbgen
