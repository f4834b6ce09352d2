#include "output/old_trees.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include <fcntl.h>
#include <unistd.h>

#include "util/process.h"

namespace kbgen {
namespace fs = std::filesystem;

namespace {

fs::path parent_of(const std::string& out_dir) {
  fs::path parent = fs::path(out_dir).parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

bool start_removal(const std::string& tree) {
  // For tests: the tree stays, as if its remover were still at work.
  if (std::getenv("KBGEN_KEEP_OLD_TREES")) return true;
  static const std::string rm = find_program({"rm"});
  return !rm.empty() && start_detached({rm, "-rf", "--", tree});
}

}  // namespace

std::string old_tree_prefix(const std::string& out_dir) {
  return "." + fs::path(out_dir).filename().string() + ".kbgen-old-";
}

void remove_old_tree(const std::string& out_dir, const std::string& tree) {
  static std::atomic<unsigned> count{0};
  const std::string aside = (parent_of(out_dir) / (old_tree_prefix(out_dir) + std::to_string(::getpid()) + "-" +
                                                   std::to_string(count++)))
                                .string();
  std::error_code ec;
  if (::rename(tree.c_str(), aside.c_str()) != 0) {
    fs::remove_all(tree, ec);
    return;
  }
  // Git leaves alone a folder whose .gitignore ignores everything, so a
  // `git add -A` right after a build does not take the old site in.
  const int fd = ::open((aside + "/.gitignore").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd >= 0) {
    constexpr std::string_view kIgnoreAll = "# an old site kbgen is removing\n*\n";
    (void)!::write(fd, kIgnoreAll.data(), kIgnoreAll.size());
    ::close(fd);
  }
  if (!start_removal(aside)) fs::remove_all(aside, ec);
}

void remove_leftover_old_trees(const std::string& out_dir) {
  const std::string prefix = old_tree_prefix(out_dir);
  std::error_code ec;
  for (auto it = fs::directory_iterator(parent_of(out_dir), ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    // Another remover may still be at work on it: two `rm -rf` of one tree
    // end with it gone all the same.
    if (it->path().filename().string().rfind(prefix, 0) == 0) start_removal(it->path().string());
  }
}

}  // namespace kbgen
