// Turns the tree of one entry file into Entry values (SPEC §2), reporting
// wrong types and unknown keys. Which required fields are missing is decided
// later, per code, because one entry may be spread over several files.
#pragma once

#include <vector>

#include "load/json_tree.h"
#include "model/entry.h"
#include "model/text_arena.h"

namespace kbgen {

// The entries' strings are copied into `texts` in one piece per call; the
// tree may go once decoded.
void decode_entries(JsonNode& root, FileId file, Diagnostics& diagnostics, TextArena& texts,
                    std::vector<Entry>& out);

// The entry fields SPEC §2 defines, in its order.
const std::vector<std::string>& entry_field_names();

}  // namespace kbgen
