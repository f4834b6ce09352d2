// The last step of the output stage: the staged files become OUT_DIR.
#include <algorithm>
#include <filesystem>
#include <unordered_set>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "output/file_ops.h"
#include "output/old_trees.h"
#include "output/output.h"

namespace kbgen {
namespace fs = std::filesystem;
using file_ops::errno_text;

namespace {

// Atomically exchanges two paths (Linux renameat2). Returns false with
// errno set when the kernel or file system cannot.
bool exchange_paths(const std::string& a, const std::string& b) {
#ifdef SYS_renameat2
  constexpr unsigned kRenameExchange = 1u << 1;
  return ::syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), kRenameExchange) == 0;
#else
  errno = ENOSYS;
  return false;
#endif
}

// The folders of `path` ("a/b/c.html" -> "a/b", "a"), deepest first.
std::vector<std::string> parents_of(const std::string& path) {
  std::vector<std::string> parents;
  for (std::size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0;
       slash = path.rfind('/', slash - 1))
    parents.push_back(path.substr(0, slash));
  return parents;
}

// Makes `dir` a folder in OUT_DIR, replacing a file of an earlier build that
// stood where the folder must go.
bool make_out_dir(const std::string& dir, std::string& error) {
  if (::mkdir(dir.c_str(), 0755) == 0) return true;
  struct ::stat st;
  if (errno == EEXIST && ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return true;
  if (errno == EEXIST && ::unlink(dir.c_str()) == 0 && ::mkdir(dir.c_str(), 0755) == 0) return true;
  error = "cannot create folder " + dir + ": " + errno_text();
  return false;
}

// Appends what `dir` holds, below it, to `found` (paths relative to
// OUT_DIR, `rel` being `dir`'s); `skip` is a name at OUT_DIR's top not to
// enter (this build's staging folder).
bool list_tree(const std::string& dir, const std::string& rel, const std::string& skip,
               std::vector<std::pair<std::string, bool>>& found, std::string& error) {
  DIR* listing = ::opendir(dir.c_str());
  if (!listing) {
    error = "cannot list " + dir + ": " + errno_text();
    return false;
  }
  std::vector<std::pair<std::string, bool>> names;  // (name, is a folder)
  while (const dirent* e = ::readdir(listing)) {
    const std::string name = e->d_name;
    if (name == "." || name == ".." || (rel.empty() && name == skip)) continue;
    bool folder = e->d_type == DT_DIR;
    if (e->d_type == DT_UNKNOWN) {
      struct ::stat st;
      folder = ::lstat((dir + "/" + name).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    }
    names.emplace_back(name, folder);
  }
  ::closedir(listing);
  for (const auto& [name, folder] : names) {
    const std::string child = rel.empty() ? name : rel + "/" + name;
    found.emplace_back(child, folder);
    if (folder && !list_tree(dir + "/" + name, child, skip, found, error)) return false;
  }
  return true;
}

bool rename_into(const std::string& from, const std::string& to, std::string& error) {
  if (::rename(from.c_str(), to.c_str()) == 0) return true;
  error = "cannot write " + to + ": " + errno_text();
  return false;
}

}  // namespace

bool StagedOutput::commit(Manifest manifest, std::string& error) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    manifest.outputs = std::move(outputs_);
    outputs_.clear();
  }
  return previous_ ? move_changed(manifest, error) : swap_whole(manifest, error);
}

bool StagedOutput::write_manifest(const Manifest& manifest, const std::string& staged, std::string& error) {
  const int fd = ::open(staged.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0 || !write_manifest_text(manifest, [fd](std::string_view chunk) { return file_ops::write_all(fd, chunk); }) ||
      ::close(fd) != 0) {
    error = "cannot write the build manifest: " + errno_text();
    if (fd >= 0) ::close(fd);
    return false;
  }
  return true;
}

bool StagedOutput::swap_whole(const Manifest& manifest, std::string& error) {
  if (!write_manifest(manifest, staging_path(kManifestName), error)) return false;
  std::error_code ec;
  if (!fs::exists(out_dir_, ec)) {
    if (::rename(staging_.c_str(), out_dir_.c_str()) != 0) {
      error = "cannot move the new site to " + out_dir_ + ": " + errno_text();
      return false;
    }
    open_ = false;
    return true;
  }
  if (!exchange_paths(staging_, out_dir_)) {
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
    open_ = false;
    remove_old_tree(out_dir_, aside);
    return true;
  }
  // The old site is now at the staging path.
  open_ = false;
  remove_old_tree(out_dir_, staging_);
  return true;
}

bool StagedOutput::move_changed(const Manifest& manifest, std::string& error) {
  // The listing of OUT_DIR is of the folder as the last build left it.
  if (lister_.joinable()) lister_.join();
  // From here until the new manifest is in place OUT_DIR is a mix of old and
  // new files (each one whole); without a manifest the next build trusts
  // nothing in it and replaces it whole.
  const std::string out_manifest = out_dir_ + "/" + kManifestName;
  if (::unlink(out_manifest.c_str()) != 0 && errno != ENOENT) {
    error = "cannot update " + out_manifest + ": " + errno_text();
    return false;
  }
  std::sort(staged_.begin(), staged_.end());
  std::set<std::string> ready;  // folders known to exist in OUT_DIR
  for (const std::string& path : staged_) {
    std::vector<std::string> parents = parents_of(path);
    for (auto dir = parents.rbegin(); dir != parents.rend(); ++dir)
      if (ready.insert(*dir).second && !make_out_dir(out_dir_ + "/" + *dir, error)) return false;
    const std::string target = out_dir_ + "/" + path;
    struct ::stat st;
    std::error_code ec;
    if (::lstat(target.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) fs::remove_all(target, ec);
    if (::rename(staging_path(path).c_str(), target.c_str()) != 0) {
      error = "cannot move " + path + " into " + out_dir_ + ": " + errno_text();
      return false;
    }
  }
  // The staging folder holds nothing more now; a crashed build's goes below.
  std::error_code ec;
  fs::remove_all(staging_, ec);
  open_ = false;
  // Whatever else is in OUT_DIR (files the earlier build made and this one
  // does not, files put there by hand) goes, as it would with a whole swap.
  if (!remove_strays(manifest, error)) return false;
  const std::string written = out_manifest + ".new";
  return write_manifest(manifest, written, error) && rename_into(written, out_manifest, error);
}

void StagedOutput::start_listing() {
  const std::string skip = staging_.substr(staging_.rfind('/') + 1);
  lister_ = std::thread([this, skip] { list_tree(out_dir_, "", skip, listing_, listing_error_); });
}

bool StagedOutput::remove_strays(const Manifest& manifest, std::string& error) {
  if (!listing_error_.empty()) {
    error = listing_error_;
    return false;
  }
  // Files first. A path the build has since made a folder of (or removed
  // with a folder) is not this listing's to remove.
  for (const auto& [path, folder] : listing_) {
    if (folder || manifest.outputs.count(path) || path == kManifestName) continue;
    const std::string full = out_dir_ + "/" + path;
    if (::unlink(full.c_str()) != 0 && errno != ENOENT && errno != EISDIR && errno != ENOTDIR) {
      error = "cannot remove " + full + ": " + errno_text();
      return false;
    }
  }
  // Then the folders no output lies in, deepest first (a folder's path sorts
  // before its children's); one that is not empty (something arrived since
  // the listing) stays.
  std::unordered_set<std::string> holding;
  for (const auto& [path, record] : manifest.outputs)
    for (std::size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0; slash = path.rfind('/', slash - 1))
      if (!holding.insert(path.substr(0, slash)).second) break;
  std::vector<std::string> empty;
  for (const auto& [path, folder] : listing_)
    if (folder && !holding.count(path)) empty.push_back(path);
  std::sort(empty.rbegin(), empty.rend());
  for (const std::string& path : empty) ::rmdir((out_dir_ + "/" + path).c_str());
  return true;
}

}  // namespace kbgen
