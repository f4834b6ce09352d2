// Small string helpers shared by several stages.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kbgen {

// Edit distance over bytes, counting an insertion, deletion, substitution or
// swap of two neighbours as one edit (optimal string alignment), so "stpes"
// is one edit from "steps". Stops early once it exceeds `limit` (returns
// limit + 1 then), so it stays cheap on long strings.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// The candidate closest to `word` within a distance that scales with the
// word's length, or "" when none is close: the "did you mean" of diagnostics.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// Appends code point `cp` (at most U+10FFFF) to `out` as UTF-8.
void append_utf8(std::string& out, std::uint32_t cp);

// Whether `text` is well-formed UTF-8: shortest forms, no surrogates,
// nothing past U+10FFFF (as cmark and nlohmann decode it).
bool is_valid_utf8(std::string_view text);

std::string ascii_lower(std::string_view s);

bool is_blank(std::string_view s);

// A short, single-line excerpt of `text` for a message: "first words…".
std::string excerpt(std::string_view text, std::size_t max_chars = 60);

}  // namespace kbgen
