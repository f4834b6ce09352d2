#include "render/site_test_support.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>

#include <cmark.h>

namespace kbgen::site_testing {
namespace fs = std::filesystem;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool icontains(const std::string& haystack, const std::string& needle) {
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

std::string sample_kb() { return std::string(KBGEN_SOURCE_DIR) + "/kb"; }

Tree snapshot(const std::string& dir) {
  Tree tree;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(dir, ec))) return tree;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const std::string rel = fs::relative(it->path(), dir).generic_string();
    // The build manifest records when and from where a build read its
    // inputs, not what the site says; tests/output covers it on its own.
    if (rel == ".kbgen-manifest") continue;
    const fs::file_status st = it->symlink_status();
    if (fs::is_symlink(st)) {
      tree[rel + "@"] = fs::read_symlink(it->path()).string();
    } else if (fs::is_directory(st)) {
      tree[rel + "/"] = "";
    } else {
      tree[rel] = read_file(it->path().string());
    }
  }
  return tree;
}

std::vector<std::string> file_paths(const Tree& tree) {
  std::vector<std::string> out;
  for (const auto& [path, content] : tree)
    if (path.back() != '/' && path.back() != '@') out.push_back(path);
  return out;
}

std::vector<std::string> staging_leftovers(const std::string& out_dir) {
  std::string trimmed = out_dir;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
  const fs::path out(trimmed);
  fs::path parent = out.parent_path();
  if (parent.empty()) parent = ".";
  const std::string prefix = "." + out.filename().string() + ".kbgen-staging";
  std::vector<std::string> found;
  std::error_code ec;
  for (auto it = fs::directory_iterator(parent, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) == 0 || contains(name, ".kbgen-staging")) found.push_back(name);
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::string describe_difference(const Tree& before, const Tree& after) {
  std::string out;
  for (const auto& [path, content] : before) {
    auto it = after.find(path);
    if (it == after.end())
      out += "removed: " + path + "\n";
    else if (it->second != content)
      out += "changed: " + path + "\n";
  }
  for (const auto& [path, content] : after)
    if (!before.count(path)) out += "added: " + path + "\n";
  return out;
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::vector<Tag> html_tags(const std::string& html) {
  std::vector<Tag> tags;
  std::size_t i = 0;
  const std::size_t n = html.size();
  while (i < n) {
    const std::size_t lt = html.find('<', i);
    if (lt == std::string::npos) break;
    if (html.compare(lt, 4, "<!--") == 0) {
      const std::size_t end = html.find("-->", lt + 4);
      i = end == std::string::npos ? n : end + 3;
      continue;
    }
    if (lt + 1 < n && html[lt + 1] == '!') {
      const std::size_t end = html.find('>', lt);
      i = end == std::string::npos ? n : end + 1;
      continue;
    }
    bool closing = false;
    std::size_t p = lt + 1;
    if (p < n && html[p] == '/') {
      closing = true;
      ++p;
    }
    if (p >= n || !is_alpha(html[p])) {
      i = lt + 1;  // text
      continue;
    }
    Tag tag;
    tag.closing = closing;
    const std::size_t name_start = p;
    while (p < n && !is_space(html[p]) && html[p] != '>' && html[p] != '/') ++p;
    tag.name = lower(html.substr(name_start, p - name_start));
    // Attributes.
    while (p < n) {
      while (p < n && (is_space(html[p]) || html[p] == '/')) ++p;
      if (p >= n || html[p] == '>') break;
      Attribute a;
      const std::size_t an = p;
      ++p;  // the first character may be '='
      while (p < n && !is_space(html[p]) && html[p] != '>' && html[p] != '/' && html[p] != '=') ++p;
      a.name = lower(html.substr(an, p - an));
      std::size_t q = p;
      while (q < n && is_space(html[q])) ++q;
      if (q < n && html[q] == '=') {
        ++q;
        while (q < n && is_space(html[q])) ++q;
        a.has_value = true;
        if (q < n && (html[q] == '"' || html[q] == '\'')) {
          const char quote = html[q];
          const std::size_t end = html.find(quote, q + 1);
          const std::size_t stop = end == std::string::npos ? n : end;
          a.value = html.substr(q + 1, stop - q - 1);
          p = stop == n ? n : stop + 1;
        } else {
          const std::size_t vs = q;
          while (q < n && !is_space(html[q]) && html[q] != '>') ++q;
          a.value = html.substr(vs, q - vs);
          p = q;
        }
      }
      tag.attributes.push_back(std::move(a));
    }
    const std::size_t tag_end = p < n ? p + 1 : n;
    tag.raw = html.substr(lt, tag_end - lt);
    i = tag_end;
    if (!closing && (tag.name == "script" || tag.name == "style")) {
      const std::string lowered = lower(html.substr(i));
      const std::size_t end = lowered.find("</" + tag.name);
      const std::size_t stop = end == std::string::npos ? n : i + end;
      tag.body = html.substr(i, stop - i);
      i = stop;
    }
    tags.push_back(std::move(tag));
  }
  return tags;
}

std::string html_unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string::npos || semi - i > 10) {
      out += s[i++];
      continue;
    }
    const std::string name = s.substr(i + 1, semi - i - 1);
    long code = -1;
    if (name == "amp") code = '&';
    else if (name == "lt") code = '<';
    else if (name == "gt") code = '>';
    else if (name == "quot") code = '"';
    else if (name == "apos") code = '\'';
    else if (name.size() > 1 && name[0] == '#' && (name[1] == 'x' || name[1] == 'X'))
      code = std::strtol(name.c_str() + 2, nullptr, 16);
    else if (name.size() > 1 && name[0] == '#')
      code = std::strtol(name.c_str() + 1, nullptr, 10);
    if (code < 0) {
      out += s[i++];
      continue;
    }
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else {
      out += '?';  // non-ASCII is never a scheme character
    }
    i = semi + 1;
  }
  return out;
}

std::set<std::string> html_ids(const std::string& html) {
  std::set<std::string> ids;
  for (const Tag& t : html_tags(html))
    for (const Attribute& a : t.attributes)
      if (a.name == "id" && a.has_value) ids.insert(html_unescape(a.value));
  return ids;
}

std::vector<std::string> attribute_values(const std::string& html, const std::string& attribute) {
  std::vector<std::string> out;
  for (const Tag& t : html_tags(html))
    if (!t.closing)
      for (const Attribute& a : t.attributes)
        if (a.name == attribute && a.has_value) out.push_back(html_unescape(a.value));
  return out;
}

std::string permissive_markdown_to_html(const std::string& markdown) {
  char* raw = cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_UNSAFE);
  std::string html(raw);
  std::free(raw);
  return html;
}

std::set<std::string> raw_tags(const std::string& html) {
  std::set<std::string> out;
  for (const Tag& t : html_tags(html)) out.insert(t.raw);
  return out;
}

std::vector<std::string> unsafe_html_findings(const std::string& html, const std::set<std::string>& site_own) {
  static const std::set<std::string> kUrlAttributes = {"href",   "src",        "action", "formaction", "cite",
                                                       "poster", "background", "data",   "srcset",     "xlink:href"};
  static const std::set<std::string> kForbiddenTags = {"img",  "iframe", "object", "embed", "svg",
                                                       "math", "base",   "form",   "frame", "frameset"};
  std::vector<std::string> findings;
  for (const Tag& t : html_tags(html)) {
    if (t.closing || site_own.count(t.raw)) continue;
    if (kForbiddenTags.count(t.name)) findings.push_back("forbidden tag: " + t.raw);
    for (const Attribute& a : t.attributes) {
      if (a.name.rfind("on", 0) == 0) findings.push_back("event handler attribute: " + t.raw);
      if (!a.name.empty() && (a.name[0] == '"' || a.name[0] == '\''))
        findings.push_back("attribute name with a quote (broken out of a value?): " + t.raw);
      if (kUrlAttributes.count(a.name)) {
        std::string url;
        for (char c : html_unescape(a.value))
          if (!is_space(c) && static_cast<unsigned char>(c) >= 0x20) url += c;
        url = lower(url);
        for (const char* scheme : {"javascript:", "vbscript:", "data:", "file:"})
          if (url.rfind(scheme, 0) == 0) findings.push_back(std::string("dangerous ") + scheme + " URL: " + t.raw);
      }
    }
    if (t.name == "script") {
      std::string src;
      bool has_src = false;
      for (const Attribute& a : t.attributes)
        if (a.name == "src") {
          has_src = true;
          src = html_unescape(a.value);
        }
      if (!has_src) findings.push_back("inline script: " + t.raw + t.body);
      else if (!contains(src, "assets/")) findings.push_back("script from outside assets/: " + t.raw);
      bool blank = true;
      for (char c : t.body) blank = blank && is_space(c);
      if (!blank) findings.push_back("script with a body: " + t.raw + t.body);
    }
  }
  if (contains(html, "<script>alert")) findings.push_back("raw <script>alert");
  if (icontains(html, "<img")) findings.push_back("raw <img");
  return findings;
}

}  // namespace kbgen::site_testing
