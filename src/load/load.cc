#include "load/load.h"

#include <algorithm>
#include <set>
#include <utility>

#include "load/config.h"
#include "load/decode_entry.h"
#include "load/json_tree.h"

namespace kbgen {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string join(const std::string& dir, const std::string& rel) {
  if (dir.empty() || dir == ".") return rel;
  return dir.back() == '/' ? dir + rel : dir + "/" + rel;
}

// Collects entry files below `root`. Hidden names (".git", ".cache") are
// skipped; a folder reached a second time through a link is reported once
// and not read again, which also ends link loops.
class Walker {
 public:
  Walker(const std::string& root, const Disk& disk, Sources& sources, Diagnostics& diagnostics,
         std::vector<InputStamp>& inputs)
      : root_(root), disk_(disk), sources_(sources), diagnostics_(diagnostics), inputs_(inputs) {}

  void walk(const std::string& rel, const Disk::Stat& st) {
    if (!seen_.insert({st.device, st.inode}).second) {
      const FileId id = sources_.add({join(root_, rel), rel, {}});
      diagnostics_.report("symlink-loop", {id, 0},
                          "this folder was already read through another path; skipped");
      return;
    }
    std::vector<std::string> names;
    std::string error;
    const std::string path = join(root_, rel);
    if (!disk_.list(path.empty() ? "." : path, names, error)) {
      const FileId id = sources_.add({path, rel, {}});
      diagnostics_.report("unreadable-file", {id, 0}, "cannot list this folder: " + error);
      return;
    }
    // A folder kbgen built (`kbgen build . -o site`) holds JSON that is
    // output, not entries.
    if (!rel.empty() && std::find(names.begin(), names.end(), ".kbgen-site") != names.end()) return;
    // Stamped as it was before listing; a site folder is not an input (each
    // build into it changes it).
    inputs_.push_back(stamp(rel.empty() ? root_ : join(root_, rel), st));
    // Sorted so that when two links reach one folder, the same path wins
    // whatever order the file system lists them in.
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      if (name.empty() || name[0] == '.') continue;
      const std::string child = rel.empty() ? name : rel + "/" + name;
      const Disk::Stat cst = disk_.stat(join(root_, child));
      if (cst.kind == Disk::Kind::Directory) {
        walk(child, cst);
      } else if (cst.kind == Disk::Kind::File && is_entry_file_name(name) &&
                 !(rel.empty() && name == "kbgen.json")) {
        files_.emplace_back(child, cst.size);
        inputs_.push_back(stamp(join(root_, child), cst));
      } else if (cst.kind == Disk::Kind::Missing && !cst.error.empty()) {
        const FileId id = sources_.add({join(root_, child), child, {}});
        diagnostics_.report("unreadable-file", {id, 0}, "cannot read: " + cst.error);
      }
    }
  }

  // Entry files as (relative path, size), byte-wise sorted.
  std::vector<std::pair<std::string, std::uint64_t>> sorted_files() {
    std::sort(files_.begin(), files_.end());
    return std::move(files_);
  }

 private:
  const std::string& root_;
  const Disk& disk_;
  Sources& sources_;
  Diagnostics& diagnostics_;
  std::vector<InputStamp>& inputs_;
  std::set<std::pair<std::uint64_t, std::uint64_t>> seen_;
  std::vector<std::pair<std::string, std::uint64_t>> files_;
};

// Reads one file into `sources`; returns its id, or kNoFile after reporting.
FileId read_source(const std::string& root, const std::string& rel, std::uint64_t size,
                   const Disk& disk, Sources& sources, Diagnostics& diagnostics) {
  SourceFile file{join(root, rel), rel, {}};
  if (size > kMaxEntryFileBytes) {
    const FileId id = sources.add(std::move(file));
    diagnostics.report("file-too-large", {id, 0},
                       "file is " + std::to_string(size >> 20) + " MiB; kbgen reads entry files of up to " +
                           std::to_string(kMaxEntryFileBytes >> 20) + " MiB (split it into several files)");
    return kNoFile;
  }
  std::string error;
  const bool ok = disk.read(file.path, file.content, error);
  const FileId id = sources.add(std::move(file));
  if (!ok) {
    diagnostics.report("unreadable-file", {id, 0}, "cannot read this file: " + error);
    return kNoFile;
  }
  return id;
}

}  // namespace

bool is_entry_file_name(const std::string& name) {
  return ends_with(name, ".json") && !ends_with(name, ".schema.json");
}

bool load_knowledge_base(const std::string& dir, const Disk& disk, KnowledgeBase& kb,
                         Diagnostics& diagnostics, std::string& fatal) {
  const Disk::Stat root = disk.stat(dir);
  if (root.kind == Disk::Kind::Missing) {
    fatal = root.error.empty() ? "knowledge base folder not found: " + dir
                               : "cannot open knowledge base folder " + dir + ": " + root.error;
    return false;
  }
  if (root.kind != Disk::Kind::Directory) {
    fatal = "not a folder: " + dir + " (kbgen takes the folder that holds the entry files)";
    return false;
  }
  std::vector<std::string> probe;
  std::string error;
  if (!disk.list(dir, probe, error)) {
    fatal = "cannot list knowledge base folder " + dir + ": " + error;
    return false;
  }

  const Disk::Stat config_stat = disk.stat(join(dir, "kbgen.json"));
  kb.inputs.push_back(stamp(join(dir, "kbgen.json"), config_stat));
  if (config_stat.kind == Disk::Kind::File) {
    const FileId id = read_source(dir, "kbgen.json", config_stat.size, disk, kb.sources, diagnostics);
    JsonNode tree;
    if (id != kNoFile && parse_json_tree(kb.sources.at(id).content, id, diagnostics, tree))
      kb.config = decode_config(tree, id, diagnostics);
  }

  Walker walker(dir, disk, kb.sources, diagnostics, kb.inputs);
  walker.walk("", root);
  for (const auto& [rel, size] : walker.sorted_files()) {
    ++kb.entry_files;
    const FileId id = read_source(dir, rel, size, disk, kb.sources, diagnostics);
    if (id == kNoFile) continue;
    JsonNode tree;
    if (parse_json_tree(kb.sources.at(id).content, id, diagnostics, tree))
      decode_entries(tree, id, diagnostics, kb.entries);
  }
  return true;
}

}  // namespace kbgen
