#include "output/output.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace kbgen {
namespace fs = std::filesystem;
namespace {

std::string errno_text() { return std::strerror(errno); }

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Atomically exchanges two paths (Linux renameat2). Returns false with
// errno set when the kernel or file system cannot.
bool exchange(const std::string& a, const std::string& b) {
#ifdef SYS_renameat2
  constexpr unsigned kRenameExchange = 1u << 1;
  return ::syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), kRenameExchange) == 0;
#else
  errno = ENOSYS;
  return false;
#endif
}

}  // namespace

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

StagedOutput::~StagedOutput() { discard(); }

void StagedOutput::discard() {
  if (!open_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
  open_ = false;
}

bool StagedOutput::begin(const std::string& out_dir, std::string& error) {
  out_dir_ = out_dir;
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
  staging_ = (parent / ("." + out.filename().string() + ".kbgen-staging-" + std::to_string(::getpid()))).string();
  fs::remove_all(staging_, ec);
  if (::mkdir(staging_.c_str(), 0755) != 0) {
    error = "cannot create " + staging_ + ": " + errno_text();
    return false;
  }
  open_ = true;
  return write(kSiteMarker, "This folder was written by kbgen build; the next build replaces it whole.\n", error);
}

bool StagedOutput::make_parents(std::string_view path, std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
    std::string dir(path.substr(0, slash));
    if (made_dirs_.count(dir)) continue;
    if (::mkdir((staging_ + "/" + dir).c_str(), 0755) != 0 && errno != EEXIST) {
      error = "cannot create folder " + dir + ": " + errno_text();
      return false;
    }
    made_dirs_.insert(std::move(dir));
  }
  return true;
}

bool StagedOutput::write(std::string_view path, std::string_view content, std::string& error) {
  if (!is_safe_output_path(path)) {
    error = "refusing to write outside the output folder: \"" + std::string(path) + "\"";
    return false;
  }
  const std::string full = staging_ + "/" + std::string(path);
  if (!make_parents(path, error)) return false;
  const int fd = ::open(full.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = "cannot write " + std::string(path) + ": " + errno_text();
    return false;
  }
  const bool ok = write_all(fd, content);
  const int saved = errno;
  if (::close(fd) != 0 || !ok) {
    errno = ok ? errno : saved;
    error = "cannot write " + std::string(path) + ": " + errno_text();
    return false;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  ++files_;
  bytes_ += content.size();
  return true;
}

StagedFile::~StagedFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool StagedFile::flush(std::string& error) {
  if (!write_all(fd_, buffer_)) {
    error = "cannot write " + path_ + ": " + errno_text();
    return false;
  }
  buffer_.clear();
  return true;
}

bool StagedFile::append(std::string_view bytes, std::string& error) {
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  bytes_ += bytes.size();
  if (buffer_.size() + bytes.size() < kBlock) {
    buffer_.append(bytes);
    return true;
  }
  if (!flush(error)) return false;
  if (bytes.size() >= kBlock) {
    if (!write_all(fd_, bytes)) {
      error = "cannot write " + path_ + ": " + errno_text();
      return false;
    }
    return true;
  }
  buffer_.append(bytes);
  return true;
}

std::unique_ptr<StagedFile> StagedOutput::open(std::string_view path, std::string& error) {
  if (!is_safe_output_path(path)) {
    error = "refusing to write outside the output folder: \"" + std::string(path) + "\"";
    return nullptr;
  }
  if (!make_parents(path, error)) return nullptr;
  std::unique_ptr<StagedFile> file(new StagedFile);
  file->path_ = std::string(path);
  file->fd_ = ::open((staging_ + "/" + file->path_).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (file->fd_ < 0) {
    error = "cannot write " + file->path_ + ": " + errno_text();
    return nullptr;
  }
  return file;
}

bool StagedOutput::close(std::unique_ptr<StagedFile> file, std::string& error) {
  if (!file->flush(error)) return false;
  const int fd = file->fd_;
  file->fd_ = -1;
  if (::close(fd) != 0) {
    error = "cannot write " + file->path_ + ": " + errno_text();
    return false;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  ++files_;
  bytes_ += file->bytes_;
  return true;
}

bool StagedOutput::commit(std::string& error) {
  std::error_code ec;
  if (!fs::exists(out_dir_, ec)) {
    if (::rename(staging_.c_str(), out_dir_.c_str()) != 0) {
      error = "cannot move the new site to " + out_dir_ + ": " + errno_text();
      return false;
    }
    open_ = false;
    return true;
  }
  if (!exchange(staging_, out_dir_)) {
    // Without an atomic exchange: move the old site aside, the new one in,
    // and put the old one back if the second step fails.
    const std::string aside = staging_ + ".old";
    if (::rename(out_dir_.c_str(), aside.c_str()) != 0) {
      error = "cannot replace " + out_dir_ + ": " + errno_text();
      return false;
    }
    if (::rename(staging_.c_str(), out_dir_.c_str()) != 0) {
      error = "cannot replace " + out_dir_ + ": " + errno_text();
      ::rename(aside.c_str(), out_dir_.c_str());
      return false;
    }
    fs::remove_all(aside, ec);
    open_ = false;
    return true;
  }
  // The old site is now at the staging path: remove it.
  fs::remove_all(staging_, ec);
  open_ = false;
  return true;
}

}  // namespace kbgen
