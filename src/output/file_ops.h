// Small POSIX helpers shared by the output stage's files.
#pragma once

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kbgen::file_ops {

inline std::string errno_text() { return std::strerror(errno); }

inline std::int64_t mtime_ns(const struct ::stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// write(2) until everything is written; false with errno set on failure.
inline bool write_all(int fd, std::string_view data) {
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

// The whole of the file at `path` into `text`; false with errno set when it
// cannot be opened or read. One read per chunk, no stream buffers: the
// manifest is megabytes long at 10k entries.
inline bool read_all(const std::string& path, std::string& text) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct ::stat st;
  if (::fstat(fd, &st) != 0) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return false;
  }
  text.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  for (;;) {
    if (got == text.size()) text.resize(text.size() + 65536);  // the file grew
    const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = errno;
      ::close(fd);
      text.resize(got);
      errno = saved;
      return n == 0;
    }
    got += static_cast<std::size_t>(n);
  }
}

}  // namespace kbgen::file_ops
