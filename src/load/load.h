// Stage 1, load: KB_DIR on disk -> configuration and entry objects, with
// syntax and shape findings (SPEC §1, §2, §3 step 1).
//
// Takes: a folder and a Disk. Gives: a KnowledgeBase whose entries are in
// byte-wise sorted path order, then document order within a file. Reads no
// file twice, follows folder links but not in circles, skips hidden names and
// folders kbgen built (marked .kbgen-site), and reads no file larger than
// kMaxEntryFileBytes.
#pragma once

#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "load/disk.h"
#include "model/config.h"
#include "model/entry.h"
#include "model/input_stamp.h"
#include "model/text_arena.h"

namespace kbgen {

inline constexpr std::uint64_t kMaxEntryFileBytes = 64ull << 20;

struct KnowledgeBase {
  Sources sources;
  Config config;
  // What the texts of `entries` view, and of every entry made from them
  // (dedupe's merged entries, link's sorted ones): keep the KnowledgeBase
  // for as long as any of those is used.
  TextArena texts;
  std::vector<Entry> entries;
  std::size_t entry_files = 0;
  // Every folder listed and file read, stamped before it was read.
  std::vector<InputStamp> inputs;
};

// Returns false, with `fatal` set, only when KB_DIR itself cannot be used
// (missing, not a folder, unreadable): a usage error rather than a finding.
// Entry files are read and parsed on up to `jobs` threads (0: one per core);
// the result does not depend on `jobs`.
bool load_knowledge_base(const std::string& dir, const Disk& disk, KnowledgeBase& kb,
                         Diagnostics& diagnostics, std::string& fatal, unsigned jobs = 0);

// `path` as `st` (from `Disk::stat`) saw it.
InputStamp stamp(const std::string& path, const Disk::Stat& st);
// Stamps of `dir` and every folder and file below it, in sorted order.
void stamp_tree(const std::string& dir, const Disk& disk, std::vector<InputStamp>& stamps);
// Whether every path still has the stamp it had (what an up-to-date build
// checks; a missing path that was missing counts as unchanged).
bool stamps_unchanged(const std::vector<InputStamp>& stamps, const Disk& disk);

// Which file names under KB_DIR are entry files.
bool is_entry_file_name(const std::string& name);

}  // namespace kbgen
