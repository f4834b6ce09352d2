// OUT_DIR/.kbgen-manifest: what the last successful build read and wrote.
// With it, the next build rewrites only files whose content changed, and a
// build whose inputs are all unchanged does nothing at all. See
// docs/performance.md, "Incremental builds".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diagnostics/format.h"
#include "model/input_stamp.h"

namespace kbgen {

inline constexpr const char* kManifestName = ".kbgen-manifest";

struct ContentHash {
  std::uint64_t high = 0, low = 0;  // XXH3, 128 bits
  bool operator==(const ContentHash&) const = default;
};

ContentHash hash_content(std::string_view bytes);

// The same hash over content that arrives in pieces.
class ContentHasher {
 public:
  ContentHasher();
  ~ContentHasher();
  ContentHasher(const ContentHasher&) = delete;
  ContentHasher& operator=(const ContentHasher&) = delete;
  void update(std::string_view bytes);
  ContentHash digest() const;

 private:
  void* state_;
};

// One written file as the build left it: a later build keeps the file only
// when its new content hashes the same and the file on disk still has this
// size and modification time (nobody edited or replaced it since).
struct OutputRecord {
  ContentHash hash;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

struct Manifest {
  // Everything besides the inputs that decides the output: kbgen's own
  // identity and the options. A different key means no shortcut.
  std::string build_key;
  std::vector<InputStamp> inputs;
  std::unordered_map<std::string, OutputRecord> outputs;  // by path relative to OUT_DIR
  std::vector<ResolvedFinding> findings;  // the build's warnings, replayed when nothing changed
  std::size_t entries = 0;        // for the summary line
};

// Outputs are listed in byte-wise path order, so the file is deterministic.
std::string manifest_text(const Manifest& manifest);
// False when `text` is not a manifest this version of kbgen wrote; a build
// then ignores it and writes everything.
bool parse_manifest(std::string_view text, Manifest& manifest);
// Reads OUT_DIR's manifest; false when there is none or it does not parse.
bool read_manifest(const std::string& out_dir, Manifest& manifest);
// Whether every file the manifest lists is still in OUT_DIR as written.
bool outputs_unchanged(const std::string& out_dir, const Manifest& manifest);

}  // namespace kbgen
