// One merged entry as text for a terminal (`kbgen explain`).
//
// Markdown is rendered to plain text: prose is wrapped to `width` columns
// (with hanging indents for lists and steps), code blocks and examples are
// printed unwrapped between ``` fences, links show their URL after the text.
// Steps are numbered hierarchically (1., 2.1., 2.1.3.). With `color`, ANSI
// SGR codes mark headings, **strong**, *emphasis*, `code` and URLs; without
// it the text holds no escape codes at all. Control characters in the entry
// are replaced, so an entry can never send escape sequences to the terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/entry.h"
#include "model/source.h"

namespace kbgen {

inline constexpr int kMinTerminalWidth = 40;

struct TerminalOptions {
  int width = 80;      // columns; values below kMinTerminalWidth count as that
  bool color = false;  // ANSI colours and bold
};

// `entry` as text, every line ending in '\n'. `entries` (all merged entries)
// resolves related codes, or aliases, to titles; `sources` names the files
// the entry came from (positions outside it are left out).
std::string render_terminal(const Entry& entry, const std::vector<Entry>& entries,
                            const Sources& sources, const TerminalOptions& options);

// The entry `name` designates: its exact code, else an exact alias, else a
// code or alias equal ignoring ASCII case (codes before aliases, then entry
// order). Returns entries.size() when there is none.
std::size_t find_entry(const std::vector<Entry>& entries, std::string_view name);

// Up to `count` codes closest to `name` by edit distance, ignoring ASCII case
// (an entry's distance is the smaller of its code's and its aliases'); ties
// go by code order (case-insensitively, then byte-wise). No distance limit.
std::vector<std::string> closest_codes(const std::vector<Entry>& entries, std::string_view name,
                                       std::size_t count = 3);

// Display columns of UTF-8 text without escape codes: wide East Asian
// characters count two, combining marks none. Exposed for tests.
std::size_t display_width(std::string_view text);

}  // namespace kbgen
