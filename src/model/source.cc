#include "model/source.h"

#include <algorithm>

namespace kbgen {
namespace {

// Moves `lc` over text[i, end).
void advance(const std::string& text, std::size_t i, std::size_t end, LineColumn& lc) {
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
}

std::size_t content_start(const std::string& text, std::size_t end) {
  return text.compare(0, 3, "\xEF\xBB\xBF") == 0 && end >= 3 ? 3 : 0;
}

}  // namespace

FileId Sources::add(SourceFile file) {
  // One pass now keeps each later lookup short: a file with 100,000 findings
  // would otherwise be rescanned from the start for every one of them.
  std::vector<LineColumn> marks;
  const std::string& text = file.content;
  LineColumn lc;
  std::size_t at = content_start(text, text.size());
  for (std::size_t next = kCheckpointStride; next <= text.size(); next += kCheckpointStride) {
    advance(text, at, next, lc);
    marks.push_back(lc);
    at = next;
  }
  files_.push_back(std::move(file));
  checkpoints_.push_back(std::move(marks));
  return static_cast<FileId>(files_.size() - 1);
}

LineColumn Sources::line_column(SourcePos pos) const {
  if (pos.file >= files_.size()) return {};
  const std::string& text = files_[pos.file].content;
  const std::vector<LineColumn>& marks = checkpoints_[pos.file];
  const std::size_t end = std::min<std::size_t>(pos.offset, text.size());
  const std::size_t k = end / kCheckpointStride;  // checkpoints at or before `end`
  if (k == 0 || marks.empty()) return line_column_at(text, pos.offset);
  const std::size_t mark = std::min(k, marks.size());
  LineColumn lc = marks[mark - 1];
  advance(text, mark * kCheckpointStride, end, lc);
  return lc;
}

LineColumn line_column_at(const std::string& text, std::uint32_t offset) {
  LineColumn lc;
  const std::size_t end = std::min<std::size_t>(offset, text.size());
  advance(text, content_start(text, end), end, lc);
  return lc;
}

}  // namespace kbgen
