// Partials written into the templates that include them, once, when the
// template set loads: kainjow parses a partial's text again every time the
// partial is used (for each step list, on every page).
#pragma once

#include <map>
#include <string>

namespace kbgen {

// `text` with each {{> name}} tag replaced by the text of partial `name`
// (itself expanded, up to `depth` levels: deeper tags, as in a recursive
// partial, stay and are resolved when rendered). A tag is replaced only
// where kainjow gives the same output either way: not in a template with a
// set-delimiter tag, not by a partial with one, and not where the partial's
// first or last character would join its neighbour into one token ("{{" or
// "\r\n"). Partials that `partials` lacks stay as tags.
std::string inline_partials(const std::string& text, const std::map<std::string, std::string>& partials,
                            int depth);

}  // namespace kbgen
