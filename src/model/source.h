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
  std::string content;  // kept for line:column; empty when the file was not read
};

// All files of one run. A FileId indexes into `files`.
class Sources {
 public:
  FileId add(SourceFile file);
  const SourceFile& at(FileId id) const { return files_[id]; }
  std::size_t size() const { return files_.size(); }

  // Cheap on big files with many findings: starts from the nearest of the
  // checkpoints taken when the file was added, not from the file's start.
  LineColumn line_column(SourcePos pos) const;

 private:
  static constexpr std::uint32_t kCheckpointStride = 4096;
  std::vector<SourceFile> files_;
  // checkpoints_[id][k]: line and column at byte offset (k + 1) * kCheckpointStride.
  std::vector<std::vector<LineColumn>> checkpoints_;
};

// Line and column of `offset` in `text`. A leading UTF-8 byte-order mark takes
// no column; CR before LF ends a line like LF alone. Only UTF-8 lead bytes
// count, so a file with broken UTF-8 still gets a usable position.
LineColumn line_column_at(const std::string& text, std::uint32_t offset);

}  // namespace kbgen
