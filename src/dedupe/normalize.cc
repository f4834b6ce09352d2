#include "dedupe/normalize.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

#include "util/bytes16.h"

namespace kbgen {
namespace {

// Decodes one UTF-8 code point at `i`, advancing `i`; invalid bytes decode
// as themselves so nothing is lost or read past the end.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  int extra = 0;
  std::uint32_t cp = c;
  if (c >= 0xC0 && c < 0xE0) extra = 1, cp = c & 0x1F;
  else if (c >= 0xE0 && c < 0xF0) extra = 2, cp = c & 0x0F;
  else if (c >= 0xF0 && c < 0xF8) extra = 3, cp = c & 0x07;
  if (i + extra >= s.size()) extra = 0, cp = c;
  for (int k = 1; k <= extra; ++k) {
    const unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return c;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += 1 + static_cast<std::size_t>(extra);
  return cp;
}

// Writes one code point as UTF-8 at `out`, returning the end.
char* put_utf8(char* out, std::uint32_t cp) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// Simple case folding for the scripts a KB is likely to hold; no library on
// the allowed list folds Unicode case without a locale.
std::uint32_t fold_case(std::uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp < 0xC0) return cp;
  if (cp <= 0xDE && cp != 0xD7) return cp + 32;  // Latin-1 capitals
  if (cp >= 0x100 && cp <= 0x17F) {              // Latin Extended-A pairs
    if (cp == 0x178) return 0xFF;
    const bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (cp == 0x130 || cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F) return cp;
    if (odd_upper ? (cp % 2 == 1) : (cp % 2 == 0)) return cp + 1;
    return cp;
  }
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;  // Greek, with dialytika
  if (cp == 0x386) return 0x3AC;                                  // Greek capitals with tonos
  if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
  if (cp == 0x38C) return 0x3CC;
  if (cp == 0x38E || cp == 0x38F) return cp + 63;
  if (cp == 0x3C2) return 0x3C3;                                  // final sigma
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;                 // Cyrillic
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

bool is_ascii_word(std::uint32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
}

// Non-ASCII code points that separate words: Latin-1 punctuation and signs,
// general punctuation (dashes, curly quotes, no-break spaces), arrows and
// symbols, CJK punctuation, full-width ASCII punctuation.
bool is_separator(std::uint32_t cp) {
  if (cp < 0x80) return !is_ascii_word(cp);
  if (cp >= 0xA0 && cp <= 0xBF) return cp != 0xAA && cp != 0xB5 && cp != 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return true;
  if (cp >= 0x2000 && cp <= 0x2BFF) return true;
  if (cp >= 0x3000 && cp <= 0x303F) return true;
  if (cp >= 0xFE30 && cp <= 0xFE4F) return true;
  if (cp >= 0xFF01 && cp <= 0xFF0F) return true;
  return cp == 0xFEFF;
}

// At "](" skips the link destination up to its closing parenthesis.
std::size_t skip_link_destination(std::string_view s, std::size_t i) {
  int depth = 0;
  for (std::size_t j = i; j < s.size(); ++j) {  // s[i] == '(' opens depth 1
    if (s[j] == '\\') {
      ++j;
    } else if (s[j] == '(') {
      ++depth;
    } else if (s[j] == ')') {
      if (--depth == 0) return j + 1;
    } else if (s[j] == '\n' && j + 1 < s.size() && s[j + 1] == '\n') {
      break;  // a destination never spans a blank line
    }
  }
  return i + 1;  // not a destination after all: read it as text
}

// What an ASCII byte becomes: itself lower-cased, or 0 for a separator.
// Most text is ASCII, and a table lookup keeps this hot loop cheap.
struct AsciiTable {
  char map[128];
  constexpr AsciiTable() : map() {
    for (int c = 0; c < 128; ++c)
      map[c] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? static_cast<char>(c)
               : (c >= 'A' && c <= 'Z')                          ? static_cast<char>(c + 32)
                                                                 : 0;
  }
};
constexpr AsciiTable kAscii;

#if defined(KBGEN_BYTES16)
// Sixteen bytes of text, lower-cased, with what the byte-by-byte loop in
// normalize_text() would have to look at more closely.
struct Block {
  alignas(16) char mapped[16];  // lower-cased, separators made spaces
  unsigned words = 0;           // bit k: byte k is an ASCII letter or digit
  unsigned special = 0;         // bit k: byte k is not ASCII, or a '(' right after ']'
};

void read_block(const Bytes16& x, bool after_bracket, Block& b) {
  const __m128i words = x.ascii_alnum();
  const __m128i mapped = _mm_or_si128(_mm_and_si128(words, x.lowered()), _mm_andnot_si128(words, _mm_set1_epi8(' ')));
  _mm_store_si128(reinterpret_cast<__m128i*>(b.mapped), mapped);
  b.words = Bytes16::bits(words);
  const unsigned opens = Bytes16::bits(x.equal('('));
  const unsigned closes = Bytes16::bits(x.equal(']'));
  b.special = x.non_ascii() | (opens & ((closes << 1) | after_bracket));
}

// Writes a block without special bytes as the byte-by-byte loop would: its
// letters and digits, and one space for each run of separators, written at
// the run's last byte when a word follows (in the block, or `word_after` it).
// Without a branch per byte or per word: which bytes are kept is a bit mask.
char* copy_words(const Block& b, bool word_after, char* o, const char* begin, bool& pending_space) {
  const unsigned separators = ~b.words & 0xFFFF;
  unsigned kept = b.words | (separators & ((b.words >> 1) | (unsigned{word_after} << 15)));
  if (pending_space && (b.words & 1) && o != begin) *o++ = ' ';  // separators just before the block
  if (o == begin) kept &= ~(kept & (0u - kept) & separators);     // no space first
  for (unsigned k = 0; k < 16; ++k) {
    *o = b.mapped[k];
    o += (kept >> k) & 1;
  }
  pending_space = (separators >> 15) && !word_after;
  return o;
}
#endif

}  // namespace

namespace {

std::string_view normalize_into_scratch(std::string_view s) {
  // The output is written through a pointer into room for the worst case:
  // one byte becomes at most two (an invalid byte 0xC0-0xDE decodes as
  // itself and folds to a two-byte code point), a valid sequence keeps its
  // length or shrinks, and each space replaces at least one separator byte;
  // and 32 more, as copy_words() writes a byte past its output. The room is a
  // per-thread scratch buffer, so the result is allocated once, at its size
  // (normal forms are kept as keys while merging).
  thread_local std::string scratch;
  if (scratch.size() < 2 * s.size() + 32) scratch.resize(2 * s.size() + 32);
  char* const begin = scratch.data();
  char* o = begin;
  bool pending_space = false;
  std::size_t i = 0;
  std::size_t bytewise_until = 0;  // where the last block's special byte ends
  while (i < s.size()) {
#if defined(KBGEN_BYTES16)
    // Sixteen bytes at a time, until a byte needs the closer look below. The
    // last few bytes are padded with zeros, separators that end no run.
    if (i >= bytewise_until) {
      Block block;
      const std::size_t left = s.size() - i;
      read_block(Bytes16(s.data() + i, left), i > 0 && s[i - 1] == ']', block);
      if (block.special == 0) {
        const auto after = left > 16 ? static_cast<unsigned char>(s[i + 16]) : 0;
        o = copy_words(block, after < 0x80 && kAscii.map[after] != 0, o, begin, pending_space);
        i += std::min<std::size_t>(left, 16);
        continue;
      }
      bytewise_until = i + static_cast<std::size_t>(std::countr_zero(block.special)) + 1;
    }
#endif
    const unsigned char byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80 && byte != '(') {
      // Without branches on the text: a space is written ahead and kept
      // only when a word character follows separators; a separator writes
      // its (zero) byte where the next character will go.
      const char mapped = kAscii.map[byte];
      const bool word = mapped != 0;
      *o = ' ';
      o += word & pending_space & (o != begin);
      *o = mapped;
      o += word;
      pending_space = !word;
      ++i;
      continue;
    }
    if (s[i] == '(' && i > 0 && s[i - 1] == ']') {
      const std::size_t after = skip_link_destination(s, i);
      if (after != i + 1) {
        i = after;
        pending_space = true;
        continue;
      }
    }
    const std::uint32_t cp = next_code_point(s, i);
    if (is_separator(cp)) {
      pending_space = true;
      continue;
    }
    if (pending_space && o != begin) *o++ = ' ';
    pending_space = false;
    o = put_utf8(o, fold_case(cp));
  }
  return {begin, static_cast<std::size_t>(o - begin)};
}

}  // namespace

std::string normalize_text(std::string_view markdown) { return std::string(normalize_into_scratch(markdown)); }

void append_normal_form(std::string& out, std::string_view markdown) {
  const std::string_view form = normalize_into_scratch(markdown);
  if (form.empty()) return;
  if (!out.empty()) out += ' ';
  out += form;
}

}  // namespace kbgen
