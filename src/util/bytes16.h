// Sixteen bytes of text classified at once, for the loops that look at every
// byte of every text (normalising, phrase search). SSE2, which every x86-64
// CPU has; without it KBGEN_BYTES16 is undefined and callers keep to their
// byte-by-byte loops, which give the same results.
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>

#include <cstddef>
#include <cstring>

#define KBGEN_BYTES16 1

namespace kbgen {

struct Bytes16 {
  explicit Bytes16(const char* p) : v(load(p)) {}
  // The first `n` bytes at p (all 16 if there are), then zeros: the end of a
  // text, without reading past it.
  Bytes16(const char* p, std::size_t n) {
    if (n >= 16) {
      v = load(p);
      return;
    }
    char bytes[16] = {};
    std::memcpy(bytes, p, n);
    v = load(bytes);
  }

  // Lanes of 0xFF where the byte is in [lo, hi] (ASCII bounds). Compared as
  // signed bytes, so bytes of 0x80 and above are in no range.
  __m128i in_range(char lo, char hi) const {
    return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1))),
                         _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(hi + 1))));
  }
  __m128i equal(char c) const { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }
  __m128i upper() const { return in_range('A', 'Z'); }
  __m128i ascii_alnum() const {
    return _mm_or_si128(_mm_or_si128(upper(), in_range('a', 'z')), in_range('0', '9'));
  }
  // The bytes with ASCII capitals lower-cased.
  __m128i lowered() const { return _mm_add_epi8(v, _mm_and_si128(upper(), _mm_set1_epi8(32))); }

  // Bit k set where lane k is set.
  static unsigned bits(__m128i lanes) { return static_cast<unsigned>(_mm_movemask_epi8(lanes)); }
  unsigned non_ascii() const { return bits(v); }

  __m128i v;

 private:
  static __m128i load(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
};

}  // namespace kbgen

#endif
