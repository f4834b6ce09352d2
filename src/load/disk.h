// Every file-system call kbgen makes while loading goes through Disk, so
// tests can hand the loader an in-memory tree or make a read fail.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kbgen {

class Disk {
 public:
  enum class Kind { Missing, File, Directory, Other };
  struct Stat {
    Kind kind = Kind::Missing;
    std::uint64_t size = 0;
    std::uint64_t device = 0, inode = 0;  // identity, for spotting folder loops
    // Last change to the content and to the inode, in nanoseconds: with size
    // and identity, what tells an incremental build that an input is unchanged.
    std::int64_t mtime_ns = 0, ctime_ns = 0;
    std::string error;                    // why Missing, when it is not plain absence
  };

  virtual ~Disk() = default;
  // Follows symbolic links.
  virtual Stat stat(const std::string& path) const = 0;
  // Names in `dir`, without "." and "..", in no particular order.
  virtual bool list(const std::string& dir, std::vector<std::string>& names,
                    std::string& error) const = 0;
  virtual bool read(const std::string& path, std::string& content, std::string& error) const = 0;
};

class RealDisk : public Disk {
 public:
  Stat stat(const std::string& path) const override;
  bool list(const std::string& dir, std::vector<std::string>& names,
            std::string& error) const override;
  bool read(const std::string& path, std::string& content, std::string& error) const override;
};

}  // namespace kbgen
