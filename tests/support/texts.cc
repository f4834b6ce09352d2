#include "support/texts.h"

#include "model/text_arena.h"

namespace kbgen::testing {

Text make_text(std::string_view value, SourcePos pos) {
  static TextArena arena;
  return Text{arena.copy(value), pos};
}

}  // namespace kbgen::testing
