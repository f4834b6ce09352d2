#include "output/output.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output/file_ops.h"
#include "output/old_trees.h"

namespace kbgen {
namespace fs = std::filesystem;
using file_ops::errno_text;
using file_ops::mtime_ns;
using file_ops::write_all;

bool is_safe_output_path(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.back() == '/') return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == ".." || part.find('\0') != std::string_view::npos ||
        part.find('\\') != std::string_view::npos)
      return false;
    start = end + 1;
  }
  return true;
}

namespace {

bool check_path(std::string_view path, std::string& error) {
  if (is_safe_output_path(path)) return true;
  error = "refusing to write outside the output folder: \"" + std::string(path) + "\"";
  return false;
}

}  // namespace

StagedOutput::~StagedOutput() {
  if (lister_.joinable()) lister_.join();
  discard();
}

void StagedOutput::discard() {
  if (!open_) return;
  open_ = false;
  // A whole build's staging folder is beside OUT_DIR and may hold a whole
  // site; an incremental one's is inside OUT_DIR, which must be left as it
  // was before this returns.
  if (previous_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  } else {
    remove_old_tree(out_dir_, staging_);
  }
}

bool StagedOutput::begin(const std::string& out_dir, std::string& error, const Manifest* previous) {
  out_dir_ = out_dir;
  previous_ = previous;
  while (out_dir_.size() > 1 && out_dir_.back() == '/') out_dir_.pop_back();
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(out_dir_, ec);
  if (fs::exists(st)) {
    if (!fs::is_directory(st)) {
      error = out_dir_ + " exists and is not a folder; kbgen will not replace it";
      return false;
    }
    if (!fs::is_empty(out_dir_, ec) && !fs::exists(fs::path(out_dir_) / kSiteMarker, ec)) {
      error = out_dir_ + " is not empty and was not written by kbgen (no " + kSiteMarker +
              " in it); refusing to replace it. Choose another -o folder or empty this one";
      return false;
    }
  }
  const fs::path out(out_dir_);
  fs::path parent = out.parent_path();
  if (parent.empty()) parent = ".";
  fs::create_directories(parent, ec);
  // A whole build stages beside OUT_DIR, to swap the two. An incremental one
  // stages inside it, so that it never touches OUT_DIR's parent folder,
  // which may be the KB folder and then must not look changed.
  const std::string pid = std::to_string(::getpid());
  staging_ = previous_ ? out_dir_ + "/" + kIncrementalStagingPrefix + pid
                       : (parent / ("." + out.filename().string() + ".kbgen-staging-" + pid)).string();
  // An incremental build leaves OUT_DIR's parent folder alone (see above).
  if (!previous_) remove_leftover_old_trees(out_dir_);
  fs::remove_all(staging_, ec);
  if (::mkdir(staging_.c_str(), 0755) != 0) {
    error = "cannot create " + staging_ + ": " + errno_text();
    return false;
  }
  open_ = true;
  if (previous_) start_listing();
  return write(kSiteMarker, "This folder was written by kbgen build; the next build updates it.\n", error);
}

bool StagedOutput::make_parents(std::string_view path, std::string& error) {
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
    std::string dir(path.substr(0, slash));
    {
      std::lock_guard<std::mutex> lock(dirs_mutex_);
      if (made_dirs_.count(dir)) continue;
    }
    // Two threads may make the same folder; the second finds it made
    // (EEXIST). A folder's parents come first on every thread, so a folder
    // is only made inside one that exists.
    if (::mkdir((staging_ + "/" + dir).c_str(), 0755) != 0 && errno != EEXIST) {
      error = errno == ENOSPC || errno == EDQUOT ? write_error(dir)
                                                 : "cannot create folder " + dir + ": " + errno_text();
      return false;
    }
    std::lock_guard<std::mutex> lock(dirs_mutex_);
    made_dirs_.insert(std::move(dir));
  }
  return true;
}

const OutputRecord* StagedOutput::unchanged_on_disk(const std::string& path) const {
  if (!previous_) return nullptr;
  const auto found = previous_->outputs.find(path);
  if (found == previous_->outputs.end()) return nullptr;
  // Only if nobody changed or replaced the file since the manifest was written.
  struct ::stat st;
  if (::stat((out_dir_ + "/" + path).c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<std::uint64_t>(st.st_size) != found->second.size || mtime_ns(st) != found->second.mtime_ns)
    return nullptr;
  return &found->second;
}

void StagedOutput::record_kept(const std::string& path, const OutputRecord& record) {
  std::lock_guard<std::mutex> lock(mutex_);
  outputs_[path] = record;
  ++unchanged_;
}

bool StagedOutput::keep_unchanged(const std::string& path, const ContentHash& hash, std::uint64_t size) {
  const OutputRecord* record = unchanged_on_disk(path);
  if (!record || !(record->hash == hash) || record->size != size) return false;
  record_kept(path, *record);
  return true;
}

bool StagedOutput::keep_previous(std::string_view path) {
  const std::string rel(path);
  const OutputRecord* record = unchanged_on_disk(rel);
  if (record) record_kept(rel, *record);
  return record != nullptr;
}

bool StagedOutput::keep_previous_all(const std::vector<std::string>& paths) {
  std::vector<const OutputRecord*> records;
  records.reserve(paths.size());
  for (const std::string& path : paths) {
    records.push_back(unchanged_on_disk(path));
    if (!records.back()) return false;
  }
  for (std::size_t k = 0; k < paths.size(); ++k) record_kept(paths[k], *records[k]);
  return true;
}

const OutputRecord* StagedOutput::previous_intact(std::string_view path) const {
  return unchanged_on_disk(std::string(path));
}

bool StagedOutput::is_staged(std::string_view path) {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::find(staged_.begin(), staged_.end(), path) != staged_.end();
}

bool StagedOutput::stage_copy(std::string_view path, std::string& error) {
  if (is_staged(path)) return true;
  const std::string rel(path);
  if (!make_parents(path, error)) return false;
  std::error_code ec;
  fs::copy_file(out_dir_ + "/" + rel, staging_path(rel), fs::copy_options::overwrite_existing, ec);
  if (ec) error = "cannot copy " + rel + " for printing: " + ec.message();
  return !ec;
}

bool StagedOutput::record_written(const std::string& path, int fd, const ContentHash& hash, std::uint64_t size,
                                  std::string& error) {
  struct ::stat st;
  if (::fstat(fd, &st) != 0) {
    error = write_error(path);
    ::close(fd);
    return false;
  }
  if (::close(fd) != 0) {
    error = write_error(path);
    return false;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  outputs_[path] = {hash, size, mtime_ns(st)};
  staged_.push_back(path);
  ++files_;
  bytes_ += size;
  return true;
}

std::string StagedOutput::write_error(const std::string& rel) const {
  const int code = errno;
  if (code == ENOSPC || code == EDQUOT)
    return "cannot write the output into " + out_dir_ + ": " + std::strerror(code);
  return "cannot write " + rel + ": " + std::strerror(code);
}

int StagedOutput::create_staged(const std::string& rel, std::string& error) {
  if (!make_parents(rel, error)) return -1;
  const int fd = ::open(staging_path(rel).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) error = write_error(rel);
  return fd;
}

bool StagedOutput::write(std::string_view path, std::string_view content, std::string& error) {
  return check_path(path, error) && write_hashed(std::string(path), content, hash_content(content), error);
}

bool StagedOutput::write_hashed(const std::string& rel, std::string_view content, const ContentHash& hash,
                                std::string& error) {
  if (keep_unchanged(rel, hash, content.size())) return true;
  const int fd = create_staged(rel, error);
  if (fd < 0) return false;
  if (!write_all(fd, content)) {
    error = write_error(rel);
    ::close(fd);
    return false;
  }
  return record_written(rel, fd, hash, content.size(), error);
}

StagedFile::~StagedFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool StagedFile::flush(std::string& error) {
  if (fd_ < 0 && (fd_ = owner_->create_staged(path_, error)) < 0) return false;
  if (!write_all(fd_, buffer_)) {
    error = owner_->write_error(path_);
    return false;
  }
  buffer_.clear();
  return true;
}

bool StagedFile::append(std::string_view bytes, std::string& error) {
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  bytes_ += bytes.size();
  hasher_.update(bytes);
  if (buffer_.size() + bytes.size() < kBlock) {
    buffer_.append(bytes);
    return true;
  }
  if (!flush(error)) return false;
  if (bytes.size() >= kBlock) {
    if (!write_all(fd_, bytes)) {
      error = owner_->write_error(path_);
      return false;
    }
    return true;
  }
  buffer_.append(bytes);
  return true;
}

std::unique_ptr<StagedFile> StagedOutput::open(std::string_view path, std::string& error) {
  if (!check_path(path, error)) return nullptr;
  std::unique_ptr<StagedFile> file(new StagedFile);
  file->owner_ = this;
  file->path_ = std::string(path);
  return file;
}

bool StagedOutput::close(std::unique_ptr<StagedFile> file, std::string& error) {
  // A file that never outgrew its buffer is written as write() writes: not
  // at all when unchanged, so no staged folder or file is made for it.
  if (file->fd_ < 0) return write_hashed(file->path_, file->buffer_, file->hasher_.digest(), error);
  if (!file->flush(error)) return false;
  const int fd = file->fd_;
  file->fd_ = -1;
  const ContentHash hash = file->hasher_.digest();
  if (keep_unchanged(file->path_, hash, file->bytes_)) {
    ::close(fd);
    ::unlink(staging_path(file->path_).c_str());
    return true;
  }
  return record_written(file->path_, fd, hash, file->bytes_, error);
}

std::string StagedOutput::current_path(std::string_view path) {
  return is_staged(path) ? staging_path(path) : out_dir_ + "/" + std::string(path);
}

bool StagedOutput::add_external(std::string_view path, std::string& error) {
  const std::string rel(path);
  const int fd = ::open(staging_path(rel).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot read " + rel + ": " + errno_text();
    return false;
  }
  ContentHasher hasher;
  std::uint64_t size = 0;
  char buffer[1 << 16];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = "cannot read " + rel + ": " + errno_text();
      ::close(fd);
      return false;
    }
    hasher.update({buffer, static_cast<std::size_t>(n)});
    size += static_cast<std::uint64_t>(n);
  }
  return record_written(rel, fd, hasher.digest(), size, error);
}

}  // namespace kbgen
