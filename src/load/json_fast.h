// A fast path for the common case: a well-formed JSON file.
//
// nlohmann's SAX parser, byte by byte through a counting iterator, is most of
// the cost of loading. Almost every file of a real KB is well-formed, and for
// those simdjson's On-Demand parser, walked into the same tree (same values,
// same offsets), does the job at a fraction of the cost. It reports nothing:
// on anything simdjson rejects or nlohmann might read differently (a syntax
// error, ill-formed UTF-8, a lone surrogate, a duplicate key, very deep
// nesting, a huge object) it gives up, and parse_json_tree runs the full
// parser, which finds and reports it.
#pragma once

#include <cstddef>
#include <string>

#include "load/json_tree.h"

namespace kbgen {

// Parses text[skip, end) (skip: a byte-order mark) into `root`, offsets
// counted from the start of `text`. Returns false, with `root` unspecified,
// when the full parser must decide. Fastest when `text` has
// simdjson::SIMDJSON_PADDING bytes of spare capacity (RealDisk::read leaves
// them); otherwise the text is copied first.
bool parse_well_formed_json(const std::string& text, std::size_t skip, JsonNode& root);

}  // namespace kbgen
