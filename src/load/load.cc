#include "load/load.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include "load/config.h"
#include "load/decode_entry.h"
#include "load/json_tree.h"
#include "util/parallel.h"

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

// What reading and parsing one entry file gives. Files are independent, so
// they are read on several threads; results are merged in path order, which
// keeps file ids, findings and entries exactly as a sequential read has them.
struct LoadedFile {
  LineIndex lines;
  std::vector<Entry> entries;
  Diagnostics diagnostics;
};

// Reads `path`, reporting against `id`; false (after reporting) when unread.
bool read_text(const std::string& path, std::uint64_t size, FileId id, const Disk& disk,
               std::string& text, Diagnostics& diagnostics) {
  if (size > kMaxEntryFileBytes) {
    diagnostics.report("file-too-large", {id, 0},
                       "file is " + std::to_string(size >> 20) + " MiB; kbgen reads entry files of up to " +
                           std::to_string(kMaxEntryFileBytes >> 20) + " MiB (split it into several files)");
    return false;
  }
  std::string error;
  if (!disk.read(path, text, error)) {
    diagnostics.report("unreadable-file", {id, 0}, "cannot read this file: " + error);
    return false;
  }
  return true;
}

LoadedFile load_entry_file(const std::string& path, std::uint64_t size, FileId id, const Disk& disk,
                           TextArena& texts) {
  LoadedFile file;
  std::string text;
  if (!read_text(path, size, id, disk, text, file.diagnostics)) return file;
  JsonNode tree;
  if (parse_json_tree(text, id, file.diagnostics, tree))
    decode_entries(tree, id, file.diagnostics, texts, file.entries);
  file.lines = LineIndex(std::move(text));
  return file;
}

}  // namespace

bool is_entry_file_name(const std::string& name) {
  return ends_with(name, ".json") && !ends_with(name, ".schema.json");
}

bool load_knowledge_base(const std::string& dir, const Disk& disk, KnowledgeBase& kb,
                         Diagnostics& diagnostics, std::string& fatal, unsigned jobs) {
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
    const FileId id = static_cast<FileId>(kb.sources.size());
    std::string text;
    const bool read = read_text(join(dir, "kbgen.json"), config_stat.size, id, disk, text, diagnostics);
    JsonNode tree;
    if (read && parse_json_tree(text, id, diagnostics, tree))
      kb.config = decode_config(tree, id, diagnostics);
    kb.sources.add({join(dir, "kbgen.json"), "kbgen.json", std::move(text)});
  }

  Walker walker(dir, disk, kb.sources, diagnostics, kb.inputs);
  walker.walk("", root);
  const auto files = walker.sorted_files();
  // Each file's id is known before it is read: ids follow the sorted order.
  const FileId first = static_cast<FileId>(kb.sources.size());
  std::vector<LoadedFile> loaded(files.size());
  std::string unused;
  parallel_for(files.size(), jobs == 0 ? default_jobs() : jobs, [&](std::size_t i, std::string&) {
    loaded[i] = load_entry_file(join(dir, files[i].first), files[i].second,
                                first + static_cast<FileId>(i), disk, kb.texts);
    return true;
  }, unused);
  std::size_t entries = kb.entries.size();
  for (const LoadedFile& file : loaded) entries += file.entries.size();
  kb.entries.reserve(entries);
  for (std::size_t i = 0; i < files.size(); ++i) {
    LoadedFile& file = loaded[i];
    ++kb.entry_files;
    kb.sources.add({join(dir, files[i].first), files[i].first, {}}, std::move(file.lines));
    diagnostics.append(std::move(file.diagnostics));
    std::move(file.entries.begin(), file.entries.end(), std::back_inserter(kb.entries));
    file = LoadedFile{};
  }
  return true;
}

}  // namespace kbgen
