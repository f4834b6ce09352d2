// One build at a time per output folder.
//
// Two builds into one OUT_DIR would each read the other's half-made state: an
// incremental build removes the other's staging folder as a stray, and the
// manifest one of them writes would describe files the other replaced. So a
// build holds an exclusive flock(2) on OUT_DIR itself, from before it reads
// the manifest until its files are in. Nothing is written for the lock: a
// lock file would be a stray in OUT_DIR, or litter beside it. The kernel
// drops the lock when the process ends, however it ends.
//
// A whole build swaps a new folder in for OUT_DIR, so a build that waited may
// wake holding the lock of a folder that is no longer OUT_DIR; it then locks
// the new one. Before the first build there is no OUT_DIR to lock, so the
// nearest folder above it that exists is locked instead, until OUT_DIR exists.
#pragma once

#include <functional>
#include <string>

namespace kbgen {

class OutputLock {
 public:
  OutputLock() = default;
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;
  ~OutputLock() { release(); }

  // Blocks until this process holds OUT_DIR's lock. `on_wait` is called once,
  // before blocking, when another process holds it. False with `error` when
  // no folder on the way to OUT_DIR can be opened.
  bool acquire(const std::string& out_dir, const std::function<void()>& on_wait, std::string& error);
  // Takes the lock only if it is free now; false when it is held elsewhere.
  bool try_acquire(const std::string& out_dir, std::string& error);
  void release();
  bool held() const { return fd_ >= 0; }

 private:
  bool lock(const std::string& out_dir, bool wait, const std::function<void()>& on_wait, std::string& error);
  int fd_ = -1;
};

}  // namespace kbgen
