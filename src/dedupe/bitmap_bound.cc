#include <bit>

#include "dedupe/bitmap_bound.h"

namespace kbgen {

// Every pair of items or LSH candidate costs one call. Built for any x86-64,
// std::popcount is a library call per word; a second version of this loop
// for CPUs with the popcnt instruction (nearly all) is picked at start-up.
// Not under ThreadSanitizer or AddressSanitizer: the version is picked by a
// resolver that runs before the sanitizer's runtime is set up, and crashes.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_THREAD__) && \
    !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("popcnt", "default")))
#endif
std::size_t count_differing_bits(const std::uint64_t* a, const std::uint64_t* b, std::size_t words) {
  std::size_t count = 0;
  for (std::size_t w = 0; w < words; ++w) count += static_cast<std::size_t>(std::popcount(a[w] ^ b[w]));
  return count;
}

}  // namespace kbgen
