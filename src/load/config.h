// Turns the tree of kbgen.json into a Config, reporting what it cannot use.
#pragma once

#include "load/json_tree.h"
#include "model/config.h"

namespace kbgen {

Config decode_config(const JsonNode& root, FileId file, Diagnostics& diagnostics);

}  // namespace kbgen
