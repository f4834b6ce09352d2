#include "model/source.h"

#include <algorithm>

namespace kbgen {

FileId Sources::add(SourceFile file) {
  files_.push_back(std::move(file));
  return static_cast<FileId>(files_.size() - 1);
}

LineColumn Sources::line_column(SourcePos pos) const {
  if (pos.file >= files_.size()) return {};
  return line_column_at(files_[pos.file].content, pos.offset);
}

LineColumn line_column_at(const std::string& text, std::uint32_t offset) {
  LineColumn lc;
  const std::size_t end = std::min<std::size_t>(offset, text.size());
  std::size_t i = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0 && end >= 3) i = 3;
  for (; i < end; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++lc.line;
      lc.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      // A continuation byte belongs to the code point already counted.
      ++lc.column;
    }
  }
  return lc;
}

}  // namespace kbgen
