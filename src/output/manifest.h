// OUT_DIR/.kbgen-manifest: what the last successful build read and wrote.
// With it, the next build rewrites only files whose content changed, and a
// build whose inputs are all unchanged does nothing at all. See
// docs/performance.md, "Incremental builds".
#pragma once

#include <cstdint>
#include <functional>
#include <map>
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

// Whole-KB files that hold a piece for each entry, in entry order. A build
// records where each entry's piece lies, so that the next build can copy it
// instead of rendering the entry again.
enum PieceFile { kSearchIndexPiece, kApiIndexPiece, kRunbookHtmlPiece, kRunbookMdPiece, kPieceFiles };
inline constexpr const char* kPieceFilePaths[kPieceFiles] = {"search-index.json", "api/index.json",
                                                            "runbook.html", "runbook.md"};

struct EntryPiece {
  bool present = false;
  std::uint64_t offset = 0, size = 0;
  std::uint64_t hash = 0;  // XXH3-64 of the bytes, checked when they are copied
};

// A piece's bytes with their hash, worked out where the piece is made (on
// the render pass's threads, or taken from the manifest for a reused one),
// so that laying the pieces out in their file, one thread, hashes nothing.
struct HashedPiece {
  std::string bytes;
  std::uint64_t hash = 0;
  static std::uint64_t hash_of(std::string_view bytes);  // EntryPiece::hash
  static HashedPiece of(std::string bytes) {
    const std::uint64_t hash = hash_of(bytes);
    return {std::move(bytes), hash};
  }
};
// Where `piece` lies when it starts at `offset` of its file.
EntryPiece piece_at(std::uint64_t offset, const HashedPiece& piece);

// What a build leaves of one entry for the next build to reuse when the
// entry's render key (render/reuse.h) is unchanged: where its pieces are and
// the facts whole-KB pages take from it. Its own files (its page, its .md,
// its .json) are checked through the outputs.
struct EntryRecord {
  std::string code;
  ContentHash key;
  std::string summary_html;  // inline, entry links "kbgen:CODE" (home and tag pages)
  std::string summary_md;    // the README's tables
  EntryPiece pieces[kPieceFiles];
};

struct Manifest {
  // Everything besides the inputs that decides the output: kbgen's own
  // identity and the options. A different key means no shortcut.
  std::string build_key;
  std::vector<InputStamp> inputs;
  std::unordered_map<std::string, OutputRecord> outputs;  // by path relative to OUT_DIR
  std::vector<ResolvedFinding> findings;  // the build's warnings, replayed when nothing changed
  std::size_t entries = 0;        // for the summary line
  // Per entry, in entry order. Written last in the file; reading a manifest
  // keeps their lines unparsed in `entry_lines` (an up-to-date build never
  // needs them) until parse_entry_records.
  std::vector<EntryRecord> entry_records;
  std::string entry_lines;
  // The key of each page that lists entries (home, tags, the README): a
  // hash of everything it shows (render/reuse.h), so an unchanged one is
  // kept without being rendered.
  std::map<std::string, ContentHash> list_page_keys;
};

// Outputs are listed in byte-wise path order, so the file is deterministic.
std::string manifest_text(const Manifest& manifest);
// The same text handed to `write` in pieces of about a megabyte; false as
// soon as `write` fails.
bool write_manifest_text(const Manifest& manifest, const std::function<bool(std::string_view)>& write);
// False when `text` is not a manifest this version of kbgen wrote; a build
// then ignores it and writes everything.
bool parse_manifest(std::string_view text, Manifest& manifest);
// The entry records of a manifest read by parse_manifest; false (and none)
// when they do not parse.
bool parse_entry_records(const Manifest& manifest, std::vector<EntryRecord>& records);
// Whether every file the manifest lists is still in OUT_DIR as written.
bool outputs_unchanged(const std::string& out_dir, const Manifest& manifest);

}  // namespace kbgen
