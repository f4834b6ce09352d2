#include "support/memory_disk.h"

namespace kbgen::testing {

std::string MemoryDisk::normal(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path.rfind("./", 0) == 0) path = path.substr(2);
  return path.empty() ? "." : path;
}

void MemoryDisk::add_dir(const std::string& raw) {
  std::string path = normal(raw);
  while (true) {
    dirs_.insert(path);
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) break;
    path = path.substr(0, slash);
  }
}

void MemoryDisk::add_file(const std::string& raw, const std::string& content) {
  const std::string path = normal(raw);
  files_[path] = content;
  const std::size_t slash = path.rfind('/');
  if (slash != std::string::npos) add_dir(path.substr(0, slash));
}

void MemoryDisk::fail_read(const std::string& path, const std::string& error) {
  failing_[normal(path)] = error;
}

Disk::Stat MemoryDisk::stat(const std::string& raw) const {
  const std::string path = normal(raw);
  Stat st;
  std::uint64_t inode = 1;
  for (const auto& [name, content] : files_) {
    ++inode;
    if (name == path) {
      st.kind = Kind::File;
      st.size = content.size();
      st.inode = inode;
      return st;
    }
  }
  for (const std::string& d : dirs_) {
    ++inode;
    if (d == path) {
      st.kind = Kind::Directory;
      st.inode = inode;
      return st;
    }
  }
  return st;
}

bool MemoryDisk::list(const std::string& raw, std::vector<std::string>& names,
                      std::string& error) const {
  const std::string dir = normal(raw);
  if (!dirs_.count(dir)) {
    error = "No such file or directory";
    return false;
  }
  const std::string prefix = dir == "." ? "" : dir + "/";
  auto child_of = [&](const std::string& path) -> std::string {
    if (path.rfind(prefix, 0) != 0 || path.size() == prefix.size()) return "";
    const std::string rest = path.substr(prefix.size());
    return rest.find('/') == std::string::npos ? rest : "";
  };
  for (const auto& [path, content] : files_)
    if (std::string c = child_of(path); !c.empty()) names.push_back(c);
  for (const std::string& d : dirs_)
    if (std::string c = child_of(d); !c.empty() && d != ".") names.push_back(c);
  return true;
}

bool MemoryDisk::read(const std::string& raw, std::string& content, std::string& error) const {
  const std::string path = normal(raw);
  if (auto f = failing_.find(path); f != failing_.end()) {
    error = f->second;
    return false;
  }
  auto it = files_.find(path);
  if (it == files_.end()) {
    error = "No such file or directory";
    return false;
  }
  content = it->second;
  return true;
}

}  // namespace kbgen::testing
