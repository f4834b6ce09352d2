// What a build read, as it was when read: an incremental build compares
// these stamps with the ones recorded by the last build, and when all match
// (and nothing else changed) it has nothing to do.
#pragma once

#include <cstdint>
#include <string>

namespace kbgen {

struct InputStamp {
  std::string path;  // as the build opened it
  // 'f' file, 'd' folder, '-' missing, '?' anything else. A folder's stamp
  // changes when a name in it is added, removed or renamed.
  char kind = '-';
  std::uint64_t size = 0, device = 0, inode = 0;
  std::int64_t mtime_ns = 0, ctime_ns = 0;  // content and inode changes

  bool operator==(const InputStamp&) const = default;
};

}  // namespace kbgen
