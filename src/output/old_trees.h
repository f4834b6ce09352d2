// Old trees of OUT_DIR: the site a whole build replaced, or a failed whole
// build's staging folder. Removing a tree of many files can take far longer
// than writing it: on ext4 without a journal and mounted with `discard` (the
// benchmark machine), unlink waits for each file's blocks to be discarded,
// 2 to 4 ms a file on a busy disk, a minute or more for a 10,000-entry site.
// So a build does not wait for it: the tree is renamed beside OUT_DIR to
// ".<OUT>.kbgen-old-<pid>-<n>", which no build reads and git ignores (a
// .gitignore of "*" is put in it), and removed by a
// detached `rm -rf` at a lower priority (util/process.h start_detached).
// A tree whose remover did not finish (the machine went down) is removed
// again when the next whole build of OUT_DIR starts. With the environment
// variable KBGEN_KEEP_OLD_TREES set, old trees are left where they are
// moved (for tests: as if their removal had not finished yet).
#pragma once

#include <string>

namespace kbgen {

// ".<OUT>.kbgen-old-": the start of the names of out_dir's old trees, in
// its parent folder.
std::string old_tree_prefix(const std::string& out_dir);

// Moves `tree` (in out_dir's parent folder) aside as an old tree of out_dir
// and starts its removal. If either step fails, removes it before returning.
void remove_old_tree(const std::string& out_dir, const std::string& tree);

// Starts the removal of out_dir's old trees that earlier builds left.
void remove_leftover_old_trees(const std::string& out_dir);

}  // namespace kbgen
