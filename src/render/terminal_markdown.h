// Markdown (CommonMark, via cmark) as terminal lines: wrapped prose with
// hanging list indents, fenced code left unwrapped, link URLs shown after
// their text. Internal to src/render/terminal*.cc.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "render/terminal_text.h"

namespace kbgen::term {

// `text` parsed as Markdown and laid out to `width` columns, blocks
// separated by blank lines.
Lines markdown(std::string_view text, std::size_t width, const Ctx& ctx);

// `code` verbatim (sanitised, tabs expanded) between ``` fences long enough
// not to clash with backticks inside; `language` follows the opening fence.
Lines code_block(std::string_view code, std::string_view language, const Ctx& ctx);

}  // namespace kbgen::term
