#include "load/disk.h"

#include <cerrno>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kbgen {

Disk::Stat RealDisk::stat(const std::string& path) const {
  Stat result;
  struct ::stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) result.error = std::strerror(errno);
    return result;
  }
  result.kind = S_ISREG(st.st_mode) ? Kind::File : S_ISDIR(st.st_mode) ? Kind::Directory : Kind::Other;
  result.size = static_cast<std::uint64_t>(st.st_size);
  result.device = static_cast<std::uint64_t>(st.st_dev);
  result.inode = static_cast<std::uint64_t>(st.st_ino);
  result.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  result.ctime_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
  return result;
}

bool RealDisk::list(const std::string& dir, std::vector<std::string>& names,
                    std::string& error) const {
  DIR* d = ::opendir(dir.c_str());
  if (!d) {
    error = std::strerror(errno);
    return false;
  }
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(d);
  return true;
}

bool RealDisk::read(const std::string& path, std::string& content, std::string& error) const {
  // O_NONBLOCK so that a FIFO that slipped past stat() cannot hang the run.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  struct ::stat st;
  // The spare 64 bytes are the look-ahead padding the JSON fast path
  // (load/json_fast.h) needs; without them it must copy the text.
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
    content.reserve(static_cast<std::size_t>(st.st_size) + 64);
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      ::close(fd);
      return false;
    }
    content.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return true;
}

}  // namespace kbgen
