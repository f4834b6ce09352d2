// Incremental builds skip the entries whose outputs cannot have changed.
//
// Each entry gets a render key: a hash of everything its own files and its
// pieces of the whole-KB files are made of (its merged fields, the codes and
// titles it links to and is linked from, its group's anchors, its review
// status, and the build's globals, among them every name mentions can link).
// The manifest keeps each entry's key, where its pieces lie in the streamed
// files and the facts home, tag and README pages take from it. An entry
// whose key is unchanged, and whose files and pieces are all still on disk as
// that build left them, is not prepared or rendered: its files are kept and
// its pieces copied from the last build's files. Any doubt renders it.
//
// KBGEN_VERIFY_SKIP=1 renders the skippable entries anyway and fails the
// build if any of them comes out different from what would have been reused.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "output/manifest.h"
#include "output/output.h"
#include "render/context.h"
#include "render/templates.h"

namespace kbgen {

// The key of entry i for a build whose globals hash to `globals`.
ContentHash render_key(const RenderContext& ctx, std::size_t i, const ContentHash& globals);
// What every entry's outputs depend on: `identity` (kbgen's executable), the
// templates, the outputs built, the site's configuration, the number of
// entries, the runbook's entries when filtered, and the whole name index.
ContentHash render_globals(const RenderContext& ctx, const TemplateSet& templates, const std::string& identity);

class EntryReuse {
 public:
  EntryReuse() = default;
  EntryReuse(const EntryReuse&) = delete;
  EntryReuse& operator=(const EntryReuse&) = delete;
  ~EntryReuse();

  // Computes every entry's key into `records`. With `previous` (OUT_DIR's
  // manifest, whose outputs `out` checks) entries may be reused.
  void begin(const RenderContext& ctx, const TemplateSet& templates, const std::string& identity,
             const Manifest* previous, StagedOutput& out);
  // Entry i as the last build rendered it, if its key is unchanged and all
  // it needs is intact; its own files are then kept. While verifying, the
  // files are left alone and nothing is returned: the entry is rendered and
  // checked by `verify`.
  std::optional<ReusedEntry> find(const RenderContext& ctx, std::size_t i, StagedOutput& out);
  // After the pass, when verifying: fails if an entry `find` would have
  // reused rendered differently.
  bool verify(const RenderContext& ctx, StagedOutput& out, std::string& error) const;

  std::size_t reused() const;  // entries skipped (or, verifying, checked)

  // Pages that list entries (home, tags, the README) are keyed too: the
  // globals, which page it is (`page`: "html tag <name>"), and of each
  // listed entry what a list shows (code, title, `summary(i)`, aliases,
  // tags); for the home page and README also the groups and tags with their
  // names, anchors and counts. What a list shows of each entry is hashed
  // once, on all cores (listed_digests), and the pages hash those digests.
  using SummaryOf = std::function<const std::string&(std::size_t entry)>;
  static std::vector<ContentHash> listed_digests(const RenderContext& ctx, const SummaryOf& summary);
  ContentHash list_page_key(std::string_view page, const std::vector<std::size_t>& entries,
                            const std::vector<ContentHash>& digests) const;
  ContentHash home_page_key(const RenderContext& ctx, std::string_view page,
                            const std::vector<ContentHash>& digests) const;
  // True when the page at `path` has the key the last build recorded for it
  // and is still as that build left it: it is kept and need not be rendered.
  // Records the key for the next build either way. While verifying, the page
  // is rendered anyway (false) and `verify` checks it came out the same.
  // Safe from several threads at once.
  bool keep_list_page(const std::string& path, const ContentHash& key, StagedOutput& out);
  // This build's list page keys, for the manifest.
  std::map<std::string, ContentHash> list_page_keys;

  // This build's record of every entry (the renderers fill in the pieces
  // and facts), for the manifest.
  std::vector<EntryRecord> records;

 private:
  bool read_piece(int file, const EntryPiece& piece, std::string& bytes) const;
  const EntryRecord* previous_of(std::size_t i) const;

  std::vector<EntryRecord> previous_;
  std::unordered_map<std::string, std::size_t> previous_by_code_;
  int piece_fds_[kPieceFiles] = {-1, -1, -1, -1};  // the last build's files, when intact
  bool verifying_ = false;
  std::vector<char> reused_;  // per entry: found (each thread sets its own entries')
  ContentHash globals_;
  std::map<std::string, ContentHash> previous_page_keys_;
  std::mutex pages_mutex_;  // guards list_page_keys and pages_to_verify_
  std::vector<std::string> pages_to_verify_;  // list pages that would have been kept
};

// The files entry i owns whole in this build, and the pieces it has.
std::vector<std::string> entry_files(const RenderContext& ctx, std::size_t i);
std::vector<PieceFile> entry_pieces(const RenderContext& ctx, std::size_t i);

}  // namespace kbgen
