#include "output/manifest.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <functional>

#include <sys/stat.h>

#include "output/file_ops.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace kbgen {
namespace {

// A line-based format rather than JSON: a 10,000-entry site has 34,000
// outputs, and an up-to-date build must read them in a few milliseconds.
// Fields are separated by one space; text fields escape '\', space, tab, CR
// and LF so that any path fits on one line.
constexpr std::string_view kHeader = "kbgen-manifest 1";

void append_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ' ': out += "\\s"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
}

bool unescape(std::string_view s, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (++i == s.size()) return false;
    switch (s[i]) {
      case '\\': out += '\\'; break;
      case 's': out += ' '; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'n': out += '\n'; break;
      default: return false;
    }
  }
  return true;
}

template <typename Int>
void append_number(std::string& out, Int n) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, n);
  out.append(buffer, result.ptr);
  out += ' ';
}

template <typename Int>
bool parse_number(std::string_view s, Int& n, int base = 10) {
  const auto result = std::from_chars(s.data(), s.data() + s.size(), n, base);
  return result.ec == std::errc() && result.ptr == s.data() + s.size();
}

void append_hash(std::string& out, const ContentHash& h) {
  char buffer[34];
  std::snprintf(buffer, sizeof buffer, "%016llx%016llx", static_cast<unsigned long long>(h.high),
                static_cast<unsigned long long>(h.low));
  out.append(buffer, 32);
  out += ' ';
}

// Splits a line at single spaces.
std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    const std::size_t space = line.find(' ', start);
    fields.push_back(line.substr(start, space - start));
    if (space == std::string_view::npos) return fields;
    start = space + 1;
  }
}

Severity severity_named(std::string_view name) {
  return name == "error" ? Severity::Error : name == "warning" ? Severity::Warning : Severity::Off;
}

void append_piece(std::string& out, const EntryPiece& p) {
  if (!p.present) {
    out += "- ";
    return;
  }
  char buffer[64];
  const int n = std::snprintf(buffer, sizeof buffer, "%llu:%llu:%016llx ", static_cast<unsigned long long>(p.offset),
                              static_cast<unsigned long long>(p.size), static_cast<unsigned long long>(p.hash));
  out.append(buffer, static_cast<std::size_t>(n));
}

bool parse_piece(std::string_view field, EntryPiece& p) {
  p = EntryPiece();
  if (field == "-") return true;
  const std::size_t a = field.find(':'), b = field.rfind(':');
  if (a == std::string_view::npos || a == b) return false;
  p.present = true;
  return parse_number(field.substr(0, a), p.offset) && parse_number(field.substr(a + 1, b - a - 1), p.size) &&
         field.size() - b - 1 == 16 && parse_number(field.substr(b + 1), p.hash, 16);
}

bool parse_hash(std::string_view field, ContentHash& h) {
  return field.size() == 32 && parse_number(field.substr(0, 16), h.high, 16) &&
         parse_number(field.substr(16), h.low, 16);
}

// An entry line ends in a checksum of the rest: the facts in it are copied
// into pages unchecked otherwise, and a damaged line must not be trusted.
std::uint64_t line_checksum(std::string_view line) { return XXH3_64bits(line.data(), line.size()); }

bool parse_entry_line(std::string_view line, EntryRecord& r) {
  const std::size_t last = line.rfind(' ');
  std::uint64_t checksum = 0;
  if (last == std::string_view::npos || line.size() - last - 1 != 16 ||
      !parse_number(line.substr(last + 1), checksum, 16) || checksum != line_checksum(line.substr(0, last + 1)))
    return false;
  const std::vector<std::string_view> f = fields_of(line.substr(0, last));
  if (f.size() != 5 + kPieceFiles || f[0] != "entry") return false;
  for (std::size_t p = 0; p < kPieceFiles; ++p)
    if (!parse_piece(f[3 + p], r.pieces[p])) return false;
  return unescape(f[1], r.code) && parse_hash(f[2], r.key) && unescape(f[3 + kPieceFiles], r.summary_html) &&
         unescape(f[4 + kPieceFiles], r.summary_md);
}

bool parse_line(std::string_view line, Manifest& m) {
  const std::vector<std::string_view> f = fields_of(line);
  const std::string_view tag = f[0];
  if (tag == "out" && f.size() == 5) {
    OutputRecord record;
    std::string path;
    if (!parse_hash(f[1], record.hash) || !parse_number(f[2], record.size) ||
        !parse_number(f[3], record.mtime_ns) || !unescape(f[4], path))
      return false;
    m.outputs.emplace(std::move(path), record);
    return true;
  }
  if (tag == "in" && f.size() == 9 && f[1].size() == 1) {
    InputStamp s;
    s.kind = f[1][0];
    return parse_number(f[2], s.size) && parse_number(f[3], s.device) && parse_number(f[4], s.inode) &&
           parse_number(f[5], s.mtime_ns) && parse_number(f[6], s.ctime_ns) && f[7] == "-" &&
           unescape(f[8], s.path) && (m.inputs.push_back(std::move(s)), true);
  }
  if (tag == "finding" && f.size() == 7) {
    ResolvedFinding finding;
    finding.severity = severity_named(f[1]);
    return parse_number(f[2], finding.line) && parse_number(f[3], finding.column) &&
           unescape(f[4], finding.rule) && unescape(f[5], finding.file) && unescape(f[6], finding.message) &&
           (m.findings.push_back(std::move(finding)), true);
  }
  if (tag == "page" && f.size() == 3) {
    ContentHash key;
    std::string path;
    return parse_hash(f[1], key) && unescape(f[2], path) && (m.list_page_keys[std::move(path)] = key, true);
  }
  if (tag == "key" && f.size() == 2) return unescape(f[1], m.build_key);
  if (tag == "entries" && f.size() == 2) return parse_number(f[1], m.entries);
  return false;
}

}  // namespace

ContentHash hash_content(std::string_view bytes) {
  const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  return {h.high64, h.low64};
}

std::uint64_t HashedPiece::hash_of(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

EntryPiece piece_at(std::uint64_t offset, const HashedPiece& piece) {
  return {true, offset, piece.bytes.size(), piece.hash};
}

ContentHasher::ContentHasher() : state_(XXH3_createState()) {
  XXH3_128bits_reset(static_cast<XXH3_state_t*>(state_));
}

ContentHasher::~ContentHasher() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }

void ContentHasher::update(std::string_view bytes) {
  XXH3_128bits_update(static_cast<XXH3_state_t*>(state_), bytes.data(), bytes.size());
}

ContentHash ContentHasher::digest() const {
  const XXH128_hash_t h = XXH3_128bits_digest(static_cast<const XXH3_state_t*>(state_));
  return {h.high64, h.low64};
}

bool parse_entry_records(const Manifest& m, std::vector<EntryRecord>& records) {
  records.clear();
  const std::string_view text = m.entry_lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos || !parse_entry_line(text.substr(start, end - start), records.emplace_back())) {
      records.clear();
      return false;
    }
    start = end + 1;
  }
  return true;
}

bool outputs_unchanged(const std::string& out_dir, const Manifest& manifest) {
  std::string path = out_dir + "/";
  const std::size_t prefix = path.size();
  for (const auto& [rel, record] : manifest.outputs) {
    path.resize(prefix);
    path += rel;
    struct ::stat st;
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
        static_cast<std::uint64_t>(st.st_size) != record.size || file_ops::mtime_ns(st) != record.mtime_ns)
      return false;
  }
  return true;
}

bool write_manifest_text(const Manifest& m, const std::function<bool(std::string_view)>& write) {
  // Written a megabyte at a time: at a million entries the text is about a
  // gigabyte, which a build should not hold on top of everything else.
  constexpr std::size_t kChunk = 1 << 20;
  std::string out;
  out.reserve(kChunk + 4096);
  const auto line_done = [&] {
    if (out.size() < kChunk) return true;
    const bool ok = write(out);
    out.clear();
    return ok;
  };
  out += kHeader;
  out += "\nkey ";
  append_escaped(out, m.build_key);
  out += "\nentries ";
  append_number(out, m.entries);
  out.back() = '\n';
  for (const InputStamp& s : m.inputs) {
    out += "in ";
    out += s.kind;
    out += ' ';
    append_number(out, s.size);
    append_number(out, s.device);
    append_number(out, s.inode);
    append_number(out, s.mtime_ns);
    append_number(out, s.ctime_ns);
    out += "- ";  // reserved
    append_escaped(out, s.path);
    out += '\n';
    if (!line_done()) return false;
  }
  std::vector<const std::pair<const std::string, OutputRecord>*> outputs;
  outputs.reserve(m.outputs.size());
  for (const auto& entry : m.outputs) outputs.push_back(&entry);
  std::sort(outputs.begin(), outputs.end(), [](auto* a, auto* b) { return a->first < b->first; });
  for (const auto* entry : outputs) {
    out += "out ";
    append_hash(out, entry->second.hash);
    append_number(out, entry->second.size);
    append_number(out, entry->second.mtime_ns);
    append_escaped(out, entry->first);
    out += '\n';
    if (!line_done()) return false;
  }
  for (const ResolvedFinding& f : m.findings) {
    out += "finding ";
    out += severity_name(f.severity);
    out += ' ';
    append_number(out, f.line);
    append_number(out, f.column);
    append_escaped(out, f.rule);
    out += ' ';
    append_escaped(out, f.file);
    out += ' ';
    append_escaped(out, f.message);
    out += '\n';
    if (!line_done()) return false;
  }
  for (const auto& [path, key] : m.list_page_keys) {
    out += "page ";
    append_hash(out, key);
    append_escaped(out, path);
    out += '\n';
    if (!line_done()) return false;
  }
  for (const EntryRecord& r : m.entry_records) {
    const std::size_t line = out.size();
    out += "entry ";
    append_escaped(out, r.code);
    out += ' ';
    append_hash(out, r.key);
    for (const EntryPiece& p : r.pieces) append_piece(out, p);
    append_escaped(out, r.summary_html);
    out += ' ';
    append_escaped(out, r.summary_md);
    out += ' ';
    char checksum[24];
    std::snprintf(checksum, sizeof checksum, "%016llx\n",
                  static_cast<unsigned long long>(line_checksum(std::string_view(out).substr(line))));
    out += checksum;
    if (!line_done()) return false;
  }
  return out.empty() || write(out);
}

std::string manifest_text(const Manifest& m) {
  std::string text;
  write_manifest_text(m, [&text](std::string_view chunk) {
    text += chunk;
    return true;
  });
  return text;
}

bool parse_manifest(std::string_view text, Manifest& m) {
  m = Manifest();
  if (text.substr(0, kHeader.size()) != kHeader || text.size() == kHeader.size() || text[kHeader.size()] != '\n')
    return false;
  std::size_t start = kHeader.size() + 1;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) return false;  // cut short
    if (text.compare(start, 6, "entry ") == 0) {
      // The rest is entry records, parsed only by a build that renders.
      if (text.back() != '\n') return false;
      m.entry_lines = std::string(text.substr(start));
      return true;
    }
    if (!parse_line(text.substr(start, end - start), m)) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace kbgen
