// CommonMark text of a Markdown tree, the same bytes as cmark's
// cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0). cmark's renderer looks
// at every character through a function call and an escape decision made
// for line wrapping; it was a sixth of a 10k build's CPU. This writer
// follows the same rules (cmark's commonmark.c and render.c at width 0) and
// copies runs of plain text whole.
#pragma once

#include <string>

#include <cmark.h>

namespace kbgen {

// Appends the CommonMark of `doc` to `out` (with cmark's final newline) and
// returns true, or returns false with `out` unchanged when the tree is one
// this writer leaves to cmark: empty, with a node type it does not know, a
// text that is not UTF-8, or a link cmark might write as <url> after
// merging its text nodes.
bool write_commonmark(cmark_node* doc, std::string& out);

}  // namespace kbgen
