#include "output/lock.h"

#include <cerrno>
#include <filesystem>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output/file_ops.h"

namespace kbgen {
namespace fs = std::filesystem;

namespace {

// OUT_DIR if it is a folder, else the nearest folder above it that is.
fs::path nearest_folder(const std::string& out_dir) {
  fs::path path = fs::path(out_dir).lexically_normal();
  std::error_code ec;
  while (!fs::is_directory(path, ec)) {
    fs::path parent = path.parent_path();
    if (parent.empty()) return ".";
    if (parent == path) return path;  // the root, which always is a folder
    path = parent;
  }
  return path;
}

bool same_file(int fd, const fs::path& path) {
  struct ::stat held{}, named{};
  return ::fstat(fd, &held) == 0 && ::stat(path.c_str(), &named) == 0 && held.st_dev == named.st_dev &&
         held.st_ino == named.st_ino;
}

}  // namespace

bool OutputLock::acquire(const std::string& out_dir, const std::function<void()>& on_wait, std::string& error) {
  return lock(out_dir, true, on_wait, error);
}

bool OutputLock::try_acquire(const std::string& out_dir, std::string& error) {
  return lock(out_dir, false, nullptr, error);
}

void OutputLock::release() {
  if (fd_ >= 0) ::close(fd_);  // closing the only descriptor drops the flock
  fd_ = -1;
}

bool OutputLock::lock(const std::string& out_dir, bool wait, const std::function<void()>& on_wait,
                      std::string& error) {
  release();
  bool told = false;
  for (;;) {
    const fs::path target = nearest_folder(out_dir);
    const int fd = ::open(target.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
      error = "cannot open " + target.string() + " to lock the output folder: " + file_ops::errno_text();
      return false;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const bool busy = errno == EWOULDBLOCK;
      if (!busy || !wait) {
        if (!busy) error = "cannot lock " + target.string() + ": " + file_ops::errno_text();
        ::close(fd);
        return false;
      }
      if (!told && on_wait) on_wait();
      told = true;
      int rc;
      while ((rc = ::flock(fd, LOCK_EX)) != 0 && errno == EINTR) {
      }
      if (rc != 0) {
        error = "cannot lock " + target.string() + ": " + file_ops::errno_text();
        ::close(fd);
        return false;
      }
    }
    // While we waited, the holder may have swapped a new OUT_DIR in, or made
    // the first one: then the folder to lock is another one.
    if (nearest_folder(out_dir) == target && same_file(fd, target)) {
      fd_ = fd;
      return true;
    }
    ::close(fd);
  }
}

}  // namespace kbgen
