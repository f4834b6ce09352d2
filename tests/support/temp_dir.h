// Real folders and files for tests that must go through the operating
// system (RealDisk, the kbgen binary): a unique folder under /tmp that is
// removed again, and a Disk that records which files were read.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "load/disk.h"

namespace kbgen::testing {

// A fresh folder /tmp/kbgen-test-<tag>-<pid>-<n>-<random>; removed, with all it
// holds, when the TempDir goes out of scope.
class TempDir {
 public:
  explicit TempDir(const std::string& tag = "tmp");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  // Writes `content` to path()/rel, creating parent folders; returns the full path.
  std::string write(const std::string& rel, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

// Forwards to RealDisk and counts the reads of each path.
class CountingDisk : public Disk {
 public:
  Stat stat(const std::string& path) const override { return real_.stat(path); }
  bool list(const std::string& dir, std::vector<std::string>& names,
            std::string& error) const override {
    return real_.list(dir, names, error);
  }
  bool read(const std::string& path, std::string& content, std::string& error) const override {
    ++reads_[path];
    return real_.read(path, content, error);
  }
  const std::map<std::string, int>& reads() const { return reads_; }

 private:
  RealDisk real_;
  mutable std::map<std::string, int> reads_;
};

// Whether `s` is well-formed UTF-8.
bool is_valid_utf8(const std::string& s);

}  // namespace kbgen::testing
