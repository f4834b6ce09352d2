// Stage 6, output: files written into a staging folder beside OUT_DIR, then
// swapped in for OUT_DIR in one rename, so readers see the old site or the
// new one and never a mix; on any error the staging folder is removed and
// OUT_DIR is left exactly as it was.
#pragma once

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace kbgen {

// The file kbgen leaves in every site it writes; an existing OUT_DIR without
// it (and not empty) is not replaced, so `-o ~` cannot swap a home folder away.
inline constexpr const char* kSiteMarker = ".kbgen-site";

class StagedOutput;

// A file written piece by piece, for outputs too large to hold whole (the
// runbook is every entry in one document). Pieces are buffered and written
// in large blocks. Not thread-safe itself; several may be open at once.
class StagedFile {
 public:
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  ~StagedFile();
  bool append(std::string_view bytes, std::string& error);

 private:
  friend class StagedOutput;
  StagedFile() = default;
  bool flush(std::string& error);

  std::string path_;  // relative to the output folder
  int fd_ = -1;
  std::string buffer_;
  std::size_t bytes_ = 0;
};

class StagedOutput {
 public:
  StagedOutput() = default;
  StagedOutput(const StagedOutput&) = delete;
  StagedOutput& operator=(const StagedOutput&) = delete;
  ~StagedOutput();

  // Checks that OUT_DIR may be replaced and creates the staging folder.
  bool begin(const std::string& out_dir, std::string& error);
  // Writes one file; `path` is relative, '/'-separated, without "." or ".."
  // parts (anything else is refused, whatever the data said). Safe to call
  // from several threads at once.
  bool write(std::string_view path, std::string_view content, std::string& error);
  // Opens `path` (same rules as write) to be written in pieces; it counts as
  // written once `close` succeeds. Returns null with `error` set on failure.
  std::unique_ptr<StagedFile> open(std::string_view path, std::string& error);
  bool close(std::unique_ptr<StagedFile> file, std::string& error);
  // Swaps the staging folder in for OUT_DIR and removes the old site.
  bool commit(std::string& error);

  // Where a written file lies until commit (for tools that read it, such as
  // the PDF printer).
  std::string staged_path(std::string_view path) const { return staging_ + "/" + std::string(path); }
  // Records a file that a tool wrote into the staging folder itself.
  void count_external(std::size_t bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++files_;
    bytes_ += bytes;
  }

  std::size_t files_written() const { return files_; }
  std::size_t bytes_written() const { return bytes_; }

 private:
  void discard();
  bool make_parents(std::string_view path, std::string& error);  // each folder made once

  std::string out_dir_;
  std::string staging_;
  std::mutex mutex_;  // guards made_dirs_ and the counts
  std::set<std::string> made_dirs_;
  std::size_t files_ = 0;
  std::size_t bytes_ = 0;
  bool open_ = false;
};

// Whether `path` is a safe relative output path (exposed for tests).
bool is_safe_output_path(std::string_view path);

}  // namespace kbgen
