// Stage 6, output: files written into a staging folder beside OUT_DIR, then
// moved into OUT_DIR, so that no reader ever sees a half-written file and on
// any error before commit OUT_DIR is left exactly as it was.
//
// A full build swaps the whole staging folder in for OUT_DIR in one rename:
// readers see the old site or the new one, never a mix. An incremental build
// (OUT_DIR holds the manifest of an earlier build) stages only the files
// whose content changed, then moves them in one by one under the manifest:
// the manifest is removed first and written last, so a build interrupted
// half-way leaves no manifest and the next build rewrites everything.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "output/manifest.h"

namespace kbgen {

// The file kbgen leaves in every site it writes; an existing OUT_DIR without
// it (and not empty) is not replaced, so `-o ~` cannot swap a home folder away.
inline constexpr const char* kSiteMarker = ".kbgen-site";
// The staging folder of an incremental build, inside OUT_DIR (with a pid).
inline constexpr const char* kIncrementalStagingPrefix = ".kbgen-staging-";

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
  std::uint64_t size() const { return bytes_; }  // bytes appended so far

 private:
  friend class StagedOutput;
  StagedFile() = default;
  bool flush(std::string& error);

  StagedOutput* owner_ = nullptr;
  std::string path_;  // relative to the output folder
  int fd_ = -1;       // made when the buffer first fills, so a small file is made only if it changed
  std::string buffer_;
  std::size_t bytes_ = 0;
  ContentHasher hasher_;
};

class StagedOutput {
 public:
  StagedOutput() = default;
  StagedOutput(const StagedOutput&) = delete;
  StagedOutput& operator=(const StagedOutput&) = delete;
  ~StagedOutput();

  // Checks that OUT_DIR may be replaced and creates the staging folder.
  // With `previous` (OUT_DIR's manifest), files whose content is unchanged
  // are not written again.
  bool begin(const std::string& out_dir, std::string& error, const Manifest* previous = nullptr);
  // Writes one file; `path` is relative, '/'-separated, without "." or ".."
  // parts (anything else is refused, whatever the data said). Safe to call
  // from several threads at once.
  bool write(std::string_view path, std::string_view content, std::string& error);
  // Opens `path` (same rules as write) to be written in pieces; it counts as
  // written once `close` succeeds. Returns null with `error` set on failure.
  std::unique_ptr<StagedFile> open(std::string_view path, std::string& error);
  bool close(std::unique_ptr<StagedFile> file, std::string& error);
  // Moves the new files into OUT_DIR, removes the files this build no longer
  // makes, and leaves `manifest` (with the outputs filled in) in OUT_DIR.
  bool commit(Manifest manifest, std::string& error);

  // Where a file of this build lies until commit: in the staging folder if
  // it was written, in OUT_DIR if it was unchanged (for tools that read the
  // output, such as the PDF printer).
  std::string current_path(std::string_view path);
  bool is_staged(std::string_view path);
  // Records a file that a tool wrote into the staging folder itself, at
  // staging_path(path).
  bool add_external(std::string_view path, std::string& error);
  // Keeps OUT_DIR's `path` from the last build without this build making it
  // anew; false when there is no such file as that build left it.
  bool keep_previous(std::string_view path);
  // keep_previous for every path, or (false) for none of them.
  bool keep_previous_all(const std::vector<std::string>& paths);
  // The record of OUT_DIR's `path` in the last build's manifest, if the file
  // is still there as that build left it; null otherwise.
  const OutputRecord* previous_intact(std::string_view path) const;
  const std::string& out_dir() const { return out_dir_; }
  // Makes sure the staging folder holds `path` (linking the unchanged file
  // in from OUT_DIR if need be), for tools that read staged files together.
  bool stage_copy(std::string_view path, std::string& error);
  std::string staging_path(std::string_view path) const { return staging_ + "/" + std::string(path); }

  std::size_t files_written() const { return files_; }
  std::size_t bytes_written() const { return bytes_; }
  std::size_t files_unchanged() const { return unchanged_; }

 private:
  friend class StagedFile;
  void discard();
  bool make_parents(std::string_view path, std::string& error);  // each folder made once
  // write() of a checked path whose content hashes to `hash`.
  bool write_hashed(const std::string& rel, std::string_view content, const ContentHash& hash, std::string& error);
  // The error for a failed write of `rel`, from errno. A full disk (or
  // quota) is the output's, not the file's: with several threads writing,
  // the file that first meets it varies from run to run, so the message
  // names OUT_DIR instead and stays the same.
  std::string write_error(const std::string& rel) const;
  // Creates `rel` (already checked) in the staging folder; -1 with `error`.
  int create_staged(const std::string& rel, std::string& error);
  void record_kept(const std::string& path, const OutputRecord& record);
  // True (and recorded) when OUT_DIR already holds exactly this content.
  bool keep_unchanged(const std::string& path, const ContentHash& hash, std::uint64_t size);
  // The previous record of `path` if the file on disk still matches it.
  const OutputRecord* unchanged_on_disk(const std::string& path) const;
  bool record_written(const std::string& path, int fd, const ContentHash& hash, std::uint64_t size,
                      std::string& error);
  bool swap_whole(const Manifest& manifest, std::string& error);
  bool move_changed(const Manifest& manifest, std::string& error);
  // An incremental build lists what OUT_DIR holds on a thread of its own
  // while the build renders (a walk of every folder of the site: 0.17 s at
  // 10,000 entries), and at commit removes what the new manifest does not
  // name: files of the last build this one does not make, files put in by
  // hand, a crashed build's staging folder.
  void start_listing();
  bool remove_strays(const Manifest& manifest, std::string& error);
  bool write_manifest(const Manifest& manifest, const std::string& path, std::string& error);

  std::string out_dir_;
  std::string staging_;
  const Manifest* previous_ = nullptr;
  // Folders made in the staging folder; its own lock, because the mkdir
  // calls run outside it and must not hold up record_written().
  std::mutex dirs_mutex_;
  std::set<std::string> made_dirs_;
  std::mutex mutex_;  // guards everything below
  std::vector<std::string> staged_;  // paths written into the staging folder
  std::unordered_map<std::string, OutputRecord> outputs_;
  std::size_t files_ = 0;
  std::size_t bytes_ = 0;
  std::size_t unchanged_ = 0;
  bool open_ = false;
  // The listing of OUT_DIR (path relative to it, is a folder), made by
  // lister_; `listing_error_` if a folder could not be read.
  std::thread lister_;
  std::vector<std::pair<std::string, bool>> listing_;
  std::string listing_error_;
};

// Whether `path` is a safe relative output path (exposed for tests).
bool is_safe_output_path(std::string_view path);

}  // namespace kbgen
