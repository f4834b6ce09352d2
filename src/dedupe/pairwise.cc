#include "dedupe/pairwise.h"

#include <algorithm>
#include <bit>

namespace kbgen {
namespace {

// Open addressing with linear probing; a slot is free while its member set
// is 0, since every inserted shingle belongs to at least one list.
class MemberTable {
 public:
  explicit MemberTable(std::size_t shingles) {
    std::size_t capacity = 64;
    while (capacity < 2 * shingles) capacity *= 2;
    keys_.resize(capacity);
    members_.assign(capacity, 0);
    shift_ = 64 - std::countr_zero(capacity);
  }

  std::uint64_t& members(std::uint32_t shingle) {
    const std::size_t mask = keys_.size() - 1;
    // Fibonacci hashing: the keys are hashes already, but tests use small
    // integers, which this spreads too.
    std::size_t slot = static_cast<std::size_t>((shingle * 0x9e3779b97f4a7c15ull) >> shift_);
    while (members_[slot] != 0 && keys_[slot] != shingle) slot = (slot + 1) & mask;
    keys_[slot] = shingle;
    return members_[slot];
  }

  const std::vector<std::uint64_t>& all_members() const { return members_; }

 private:
  std::vector<std::uint32_t> keys_;
  std::vector<std::uint64_t> members_;
  int shift_ = 0;
};

}  // namespace

std::vector<SimilarPair> similar_pairs_of_lists(std::span<const std::span<const std::uint32_t>> lists,
                                                double threshold) {
  const std::size_t k = lists.size();
  std::vector<SimilarPair> out;
  if (k < 2) return out;
  std::size_t total = 0;
  for (const auto& list : lists) total += list.size();
  MemberTable table(total);
  std::vector<std::size_t> sizes(k, 0);  // distinct shingles per list
  for (std::size_t i = 0; i < k; ++i) {
    const std::uint64_t bit = std::uint64_t{1} << i;
    for (std::uint32_t shingle : lists[i]) {
      std::uint64_t& members = table.members(shingle);
      if (members & bit) continue;
      members |= bit;
      ++sizes[i];
    }
  }
  std::vector<std::size_t> common(k * k, 0);  // [a * k + b], a < b
  for (std::uint64_t members : table.all_members()) {
    if ((members & (members - 1)) == 0) continue;  // in one list, or a free slot
    for (std::uint64_t rest = members; rest;) {
      const int a = std::countr_zero(rest);
      rest &= rest - 1;
      for (std::uint64_t later = rest; later; later &= later - 1)
        ++common[static_cast<std::size_t>(a) * k + static_cast<std::size_t>(std::countr_zero(later))];
    }
  }
  for (std::uint32_t a = 0; a < k; ++a)
    for (std::uint32_t b = a + 1; b < k; ++b) {
      // As confirm_similar() with jaccard(): same integers, same division.
      const std::size_t small = std::min(sizes[a], sizes[b]), large = std::max(sizes[a], sizes[b]);
      if (large == 0 || static_cast<double>(small) / static_cast<double>(large) < threshold) continue;
      if (small == 0) {
        if (0.0 >= threshold) out.push_back({a, b, 0.0});
        continue;
      }
      const std::size_t c = common[a * k + b];
      const double s = static_cast<double>(c) / static_cast<double>(sizes[a] + sizes[b] - c);
      if (s >= threshold) out.push_back({a, b, s});
    }
  return out;
}

}  // namespace kbgen
