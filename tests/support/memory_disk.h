// An in-memory Disk for tests: files and folders by path, and reads that can
// be made to fail.
#pragma once

#include <map>
#include <set>
#include <string>

#include "load/disk.h"

namespace kbgen::testing {

class MemoryDisk : public Disk {
 public:
  // Adds a file (and its parent folders). Paths are '/'-separated.
  void add_file(const std::string& path, const std::string& content);
  void add_dir(const std::string& path);
  // Reads of `path` fail with `error`.
  void fail_read(const std::string& path, const std::string& error);

  Stat stat(const std::string& path) const override;
  bool list(const std::string& dir, std::vector<std::string>& names,
            std::string& error) const override;
  bool read(const std::string& path, std::string& content, std::string& error) const override;

 private:
  static std::string normal(std::string path);
  std::map<std::string, std::string> files_;
  std::set<std::string> dirs_;
  std::map<std::string, std::string> failing_;
};

}  // namespace kbgen::testing
