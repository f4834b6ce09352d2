#include "model/text_arena.h"

#include <cstring>
#include <numeric>
#include <utility>

namespace kbgen {
namespace {

// What an empty text views: not null, since a null view is an absent text.
constexpr std::string_view kEmpty("", 0);

}  // namespace

TextArena::TextArena(TextArena&& other) noexcept { *this = std::move(other); }

TextArena& TextArena::operator=(TextArena&& other) noexcept {
  // Moving an arena that other threads still fill is a bug of the caller;
  // the mutexes stay where they are.
  blocks_ = std::move(other.blocks_);
  block_sizes_ = std::move(other.block_sizes_);
  next_ = std::exchange(other.next_, nullptr);
  left_ = std::exchange(other.left_, 0);
  other.blocks_.clear();
  other.block_sizes_.clear();
  return *this;
}

char* TextArena::allocate(std::size_t size) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (size <= left_) {
    char* at = next_;
    next_ += size;
    left_ -= size;
    return at;
  }
  // A request of more than a quarter block gets a block of its own, so the
  // room left in the current block is not given up for it.
  if (size > kBlockSize / 4) {
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
    block_sizes_.push_back(size);
    return blocks_.back().get();
  }
  blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlockSize));
  block_sizes_.push_back(kBlockSize);
  next_ = blocks_.back().get() + size;
  left_ = kBlockSize - size;
  return blocks_.back().get();
}

std::string_view TextArena::copy(std::string_view s) {
  if (s.empty()) return kEmpty;
  char* at = allocate(s.size());
  std::memcpy(at, s.data(), s.size());
  return {at, s.size()};
}

std::size_t TextArena::capacity() const {
  return std::accumulate(block_sizes_.begin(), block_sizes_.end(), std::size_t{0});
}

std::string_view TextSpan::copy(std::string_view s) {
  if (s.empty()) return kEmpty;
  if (s.size() > left_) return arena_->copy(s);
  std::memcpy(next_, s.data(), s.size());
  const std::string_view out(next_, s.size());
  next_ += s.size();
  left_ -= s.size();
  return out;
}

}  // namespace kbgen
