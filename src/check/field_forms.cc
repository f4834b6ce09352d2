// bad-code, bad-tag, bad-url, bad-date, stale-review: the form of single values.
#include <cctype>

#include "check/check.h"
#include "check/dates.h"
#include "model/entry.h"

namespace kbgen {
namespace {

// ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ without a regex engine: this runs for
// every entry of a large KB.
bool is_valid_code(std::string_view code) {
  if (code.empty() || code.size() > 64 || !std::isalnum(static_cast<unsigned char>(code[0])))
    return false;
  for (char c : code)
    if (!is_code_char(c)) return false;
  return true;
}

bool is_valid_tag(std::string_view tag) {
  if (tag.empty()) return false;
  for (std::size_t i = 0; i < tag.size(); ++i) {
    const char c = tag[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
    if (!ok) return false;
  }
  return true;
}

// A URL kbgen will turn into a link: http(s) with a host, or mailto with an
// address; nothing with white space or control characters.
bool is_valid_url(std::string_view url) {
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7F) return false;
  auto host_after = [&](std::size_t n) {
    return url.size() > n && url[n] != '/' && url[n] != '?' && url[n] != '#';
  };
  if (url.rfind("https://", 0) == 0) return host_after(8);
  if (url.rfind("http://", 0) == 0) return host_after(7);
  if (url.rfind("mailto:", 0) == 0) return url.find('@', 7) != std::string::npos;
  return false;
}

// The namespace whose prefix is the longest one `code` starts with.
const Namespace* namespace_of(const std::string& code, const Config& config) {
  const Namespace* best = nullptr;
  for (const Namespace& ns : config.namespaces)
    if (code.rfind(ns.prefix, 0) == 0 && (!best || ns.prefix.size() > best->prefix.size()))
      best = &ns;
  return best;
}

}  // namespace

void check_field_forms(const Entry& e, const Config& config, const CheckOptions& options,
                       Diagnostics& diagnostics) {
  if (e.code.present() && !e.code.value.empty()) {
    const std::string code(e.code.value);
    if (!is_valid_code(code)) {
      diagnostics.report("bad-code", e.code.pos,
                         "code \"" + code + "\" must be 1 to 64 letters, digits, '.', '_' or '-', "
                         "starting with a letter or digit");
    } else if (const Namespace* ns = namespace_of(code, config); ns && ns->regex &&
                                                                 !std::regex_match(code, *ns->regex)) {
      diagnostics.report("bad-code", e.code.pos,
                         "code \"" + code + "\" does not match the pattern of namespace \"" +
                             ns->prefix + "\" (" + ns->pattern + ")");
    }
  }
  for (const Text& tag : e.tags)
    if (!tag.value.empty() && !is_valid_tag(tag.value))
      diagnostics.report("bad-tag", tag.pos,
                         "tag \"" + std::string(tag.value) + "\" must be a slug: lower-case letters, digits "
                         "and '-', starting with a letter or digit");
  for (const Reference& r : e.references)
    if (r.url.present() && !r.url.value.empty() && !is_valid_url(r.url.value))
      diagnostics.report("bad-url", r.url.pos,
                         "URL \"" + std::string(r.url.value) + "\" must be an http:// or https:// address "
                         "with a host, or mailto:");
  if (e.reviewed.present() && !e.reviewed.value.empty()) {
    const std::optional<long> day = parse_iso_date(e.reviewed.value);
    if (!day) {
      diagnostics.report("bad-date", e.reviewed.pos,
                         "reviewed date \"" + std::string(e.reviewed.value) + "\" must be a real date as YYYY-MM-DD");
    } else if (options.today - *day > config.stale_after_days) {
      diagnostics.report("stale-review", e.reviewed.pos,
                         "last reviewed " + std::string(e.reviewed.value) + ", " +
                             std::to_string(options.today - *day) + " days ago (limit: " +
                             std::to_string(config.stale_after_days) + " days)");
    }
  }
}

}  // namespace kbgen
