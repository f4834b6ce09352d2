// The one normalisation behind "repeated" (docs/dedupe.md): two texts are
// the same item when their normal forms are equal.
#pragma once

#include <string>
#include <string_view>

namespace kbgen {

// Lower-cased (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic), with
// Markdown link destinations dropped, every run of white space, punctuation
// and markup turned into one space, trimmed. "See **[the docs](https://x)**!"
// -> "see the docs".
std::string normalize_text(std::string_view markdown);

// Appends normalize_text(markdown) to `out`, after one space when both are
// not empty: how normal forms of parts are joined without a copy of each.
void append_normal_form(std::string& out, std::string_view markdown);

}  // namespace kbgen
