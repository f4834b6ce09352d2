#include "model/source.h"

#include <algorithm>
#include <cstring>

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

// Eight bytes at a time: this looks at every byte of every file.
bool is_ascii(const std::string& text) {
  std::uint64_t high = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, text.data() + i, 8);
    high |= chunk;
  }
  for (; i < text.size(); ++i) high |= static_cast<unsigned char>(text[i]);
  return (high & 0x8080808080808080ull) == 0;
}

}  // namespace

LineIndex::LineIndex(std::string text) : size_(text.size()), ascii_(is_ascii(text)) {
  if (ascii_) {
    // Every byte is one column, so the line starts say everything.
    line_lengths_.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
    std::size_t start = 0;
    for (std::size_t i = text.find('\n'); i != std::string::npos; i = text.find('\n', i + 1)) {
      const std::size_t length = i + 1 - start;
      if (length >= kLongLine)
        long_lines_.push_back({static_cast<std::uint32_t>(line_lengths_.size()), static_cast<std::uint32_t>(length)});
      line_lengths_.push_back(static_cast<std::uint8_t>(std::min<std::size_t>(length, kLongLine)));
      start = i + 1;
      if (line_lengths_.size() % kLinesPerBlock == 0) block_starts_.push_back(static_cast<std::uint32_t>(start));
    }
    long_lines_.shrink_to_fit();
    return;
  }
  // One pass now keeps each later lookup short: a file with 100,000 findings
  // would otherwise be rescanned from the start for every one of them.
  LineColumn lc;
  std::size_t at = content_start(text, text.size());
  for (std::size_t next = kCheckpointStride; next <= text.size(); next += kCheckpointStride) {
    advance(text, at, next, lc);
    checkpoints_.push_back(lc);
    at = next;
  }
  text_ = std::move(text);
}

LineColumn LineIndex::at(std::uint32_t offset) const {
  const std::size_t end = std::min<std::size_t>(offset, size_);
  if (ascii_) {
    // The last block that starts at or before `end`, then its lines that
    // end before it (a line starts after its '\n').
    const auto after = std::upper_bound(block_starts_.begin(), block_starts_.end(), end);
    std::size_t line = static_cast<std::size_t>(after - block_starts_.begin() - 1) * kLinesPerBlock;
    std::size_t start = *(after - 1);
    while (line < line_lengths_.size() && start + line_length(line) <= end) start += line_length(line++);
    return {static_cast<std::uint32_t>(line + 1), static_cast<std::uint32_t>(end - start + 1)};
  }
  const std::size_t k = end / kCheckpointStride;  // checkpoints at or before `end`
  if (k == 0 || checkpoints_.empty()) return line_column_at(text_, offset);
  const std::size_t mark = std::min(k, checkpoints_.size());
  LineColumn lc = checkpoints_[mark - 1];
  advance(text_, mark * kCheckpointStride, end, lc);
  return lc;
}

std::uint32_t LineIndex::line_length(std::size_t line) const {
  if (line_lengths_[line] < kLongLine) return line_lengths_[line];
  const auto it = std::lower_bound(long_lines_.begin(), long_lines_.end(), line,
                                   [](const LongLine& l, std::size_t n) { return l.line < n; });
  return it->length;
}

FileId Sources::add(SourceFile file) {
  LineIndex lines(std::move(file.content));
  file.content.clear();
  return add(std::move(file), std::move(lines));
}

FileId Sources::add(SourceFile file, LineIndex lines) {
  files_.push_back(std::move(file));
  lines_.push_back(std::move(lines));
  return static_cast<FileId>(files_.size() - 1);
}

LineColumn Sources::line_column(SourcePos pos) const {
  if (pos.file >= files_.size()) return {};
  return lines_[pos.file].at(pos.offset);
}

LineColumn line_column_at(const std::string& text, std::uint32_t offset) {
  LineColumn lc;
  const std::size_t end = std::min<std::size_t>(offset, text.size());
  advance(text, content_start(text, end), end, lc);
  return lc;
}

}  // namespace kbgen
