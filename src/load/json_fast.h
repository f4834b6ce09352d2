// A fast path for the common case: a well-formed JSON file.
//
// nlohmann's SAX parser, byte by byte through a counting iterator, is most of
// the cost of loading. Almost every file of a real KB is well-formed, and for
// those this parser builds the same tree (same values, same offsets) at a
// fraction of the cost. It reports nothing: on anything it is not certain
// nlohmann reads the same way (a syntax error, ill-formed UTF-8, a lone
// surrogate, a duplicate key, very deep nesting, a huge object) it gives up,
// and parse_json_tree runs the full parser, which finds and reports it.
#pragma once

#include <cstddef>
#include <string_view>

#include "load/json_tree.h"

namespace kbgen {

// Parses text[skip, end) (skip: a byte-order mark) into `root`, offsets
// counted from the start of `text`. Returns false, with `root` unspecified,
// when the full parser must decide.
bool parse_well_formed_json(std::string_view text, std::size_t skip, JsonNode& root);

}  // namespace kbgen
