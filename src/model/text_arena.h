// Where the texts of a knowledge base live.
//
// A text as its own std::string costs 32 bytes plus a heap block with the
// allocator's header and rounding, for every one of the ~50 texts of an
// entry. Instead the decoded strings are copied into a few big blocks that
// the loaded knowledge base owns, and each Text views its bytes there.
// Blocks never move, so moving the arena (or the KnowledgeBase that holds it)
// keeps every view valid; the views dangle once the arena is destroyed.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace kbgen {

class TextArena {
 public:
  TextArena() = default;
  TextArena(TextArena&& other) noexcept;
  TextArena& operator=(TextArena&& other) noexcept;

  // `size` bytes that stay put as long as the arena lives. Safe to call from
  // several threads at once (each file's loader takes its room in one call).
  char* allocate(std::size_t size);
  // A copy of `s` in the arena; never a null view, even when `s` is empty.
  std::string_view copy(std::string_view s);

  // Bytes in blocks, for tests and statistics.
  std::size_t capacity() const;

 private:
  static constexpr std::size_t kBlockSize = std::size_t{4} << 20;

  std::mutex mutex_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<std::size_t> block_sizes_;
  char* next_ = nullptr;  // free room at the end of the newest ordinary block
  std::size_t left_ = 0;
};

// Room taken from an arena in one piece and filled by one thread, without
// locking: a file's loader sizes it to the strings of the file.
class TextSpan {
 public:
  TextSpan() = default;
  TextSpan(TextArena& arena, std::size_t size)
      : arena_(&arena), next_(arena.allocate(size)), left_(size) {}

  // A copy of `s` in the span (should the span be too small, in the arena);
  // never a null view.
  std::string_view copy(std::string_view s);

 private:
  TextArena* arena_ = nullptr;
  char* next_ = nullptr;
  std::size_t left_ = 0;
};

}  // namespace kbgen
