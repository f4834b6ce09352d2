// Where things come from: the files of a knowledge base and positions in them.
//
// Positions are kept as byte offsets, the cheapest thing to record while
// parsing; they become line:column (columns in code points) only when a
// diagnostic is printed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kbgen {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = 0xffffffffu;

struct SourcePos {
  FileId file = kNoFile;
  std::uint32_t offset = 0;  // bytes from the start of the file
};

struct LineColumn {
  std::uint32_t line = 1;    // from 1
  std::uint32_t column = 1;  // from 1, in UTF-8 code points
};

struct SourceFile {
  std::string path;     // as shown to the user: KB_DIR joined with the relative path
  std::string rel_path; // relative to the KB root, '/'-separated
  // The text as read, handed to Sources::add, which keeps only what
  // line:column lookups need; empty once added, or when the file was not read.
  std::string content;
};

// What line:column lookups need of one file. Plain ASCII text (the usual KB)
// is reduced to where its lines start, a byte a line (about 2% of its size);
// other text (UTF-8, a byte-order mark, broken bytes) is kept whole, with
// checkpoints so that a file with many findings is not rescanned from its
// start each time.
class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string text);
  LineColumn at(std::uint32_t offset) const;

 private:
  static constexpr std::uint32_t kCheckpointStride = 4096;
  static constexpr std::size_t kLinesPerBlock = 64;
  static constexpr std::uint8_t kLongLine = 255;

  std::uint32_t line_length(std::size_t line) const;

  std::size_t size_ = 0;
  bool ascii_ = true;
  struct LongLine {
    std::uint32_t line;
    std::uint32_t length;
  };
  // ASCII: the length of each line ended by '\n' (the '\n' included), or
  // kLongLine for one of that many bytes or more, whose length is in
  // long_lines_, in line order; and where every kLinesPerBlock-th line
  // starts, so that a lookup walks at most one block.
  std::vector<std::uint8_t> line_lengths_;
  std::vector<LongLine> long_lines_;
  std::vector<std::uint32_t> block_starts_{0};  // also of an index of no text
  std::string text_;  // otherwise: the whole text
  // checkpoints_[k]: line and column at byte offset (k + 1) * kCheckpointStride.
  std::vector<LineColumn> checkpoints_;
};

// All files of one run. A FileId indexes into `files`.
class Sources {
 public:
  // Indexes file.content for lookups, then lets the text go.
  FileId add(SourceFile file);
  // For a caller that indexed the text itself (on another thread).
  FileId add(SourceFile file, LineIndex lines);
  const SourceFile& at(FileId id) const { return files_[id]; }
  std::size_t size() const { return files_.size(); }

  LineColumn line_column(SourcePos pos) const;

 private:
  std::vector<SourceFile> files_;
  std::vector<LineIndex> lines_;
};

// Line and column of `offset` in `text`. A leading UTF-8 byte-order mark takes
// no column; CR before LF ends a line like LF alone. Only UTF-8 lead bytes
// count, so a file with broken UTF-8 still gets a usable position.
LineColumn line_column_at(const std::string& text, std::uint32_t offset);

}  // namespace kbgen
