// Input stamps for incremental builds (see model/input_stamp.h).
#include <algorithm>
#include <set>

#include "load/load.h"

namespace kbgen {

InputStamp stamp(const std::string& path, const Disk::Stat& st) {
  const char kind = st.kind == Disk::Kind::File        ? 'f'
                    : st.kind == Disk::Kind::Directory ? 'd'
                    : st.kind == Disk::Kind::Missing   ? '-'
                                                       : '?';
  return {path, kind, st.size, st.device, st.inode, st.mtime_ns, st.ctime_ns};
}

namespace {

void stamp_below(const std::string& path, const Disk& disk, std::vector<InputStamp>& stamps,
                 std::set<std::pair<std::uint64_t, std::uint64_t>>& seen) {
  const Disk::Stat st = disk.stat(path);
  stamps.push_back(stamp(path, st));
  std::vector<std::string> names;
  std::string error;
  // A folder reached twice (a link loop) is stamped but not listed again.
  if (st.kind != Disk::Kind::Directory || !seen.insert({st.device, st.inode}).second ||
      !disk.list(path, names, error))
    return;
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) stamp_below(path + "/" + name, disk, stamps, seen);
}

}  // namespace

void stamp_tree(const std::string& dir, const Disk& disk, std::vector<InputStamp>& stamps) {
  std::set<std::pair<std::uint64_t, std::uint64_t>> seen;
  stamp_below(dir, disk, stamps, seen);
}

bool stamps_unchanged(const std::vector<InputStamp>& stamps, const Disk& disk) {
  return std::all_of(stamps.begin(), stamps.end(),
                     [&](const InputStamp& s) { return stamp(s.path, disk.stat(s.path)) == s; });
}

}  // namespace kbgen
