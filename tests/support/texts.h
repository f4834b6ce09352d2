// Texts for entries that tests build by hand. A Text views bytes it does not
// own; these are copied into one arena that lives as long as the test binary,
// as a loaded KB's arena outlives its entries.
#pragma once

#include <string_view>

#include "model/entry.h"

namespace kbgen::testing {

Text make_text(std::string_view value, SourcePos pos = {});

}  // namespace kbgen::testing
