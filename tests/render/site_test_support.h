// Helpers for the tests that build whole sites with the kbgen binary and
// inspect what it wrote: running the binary, snapshots of folder trees, and a
// small HTML tag scanner (enough to find tags and attributes in kbgen's own
// output; not a general HTML parser).
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "support/run_binary.h"

namespace kbgen::site_testing {

using testing::Run;
using testing::read_file;
using testing::shell_quote;

// Runs `kbgen ARGS` (ARGS already shell-quoted where needed) with `env`
// ("NAME=value ...", may be empty) added to the environment, from folder
// `cwd` when given. Standard input is /dev/null.
inline Run run_kbgen(const std::string& args, const std::string& env = "", const std::string& cwd = "") {
  return testing::run_kbgen(args, testing::RunOptions{.env = env, .cwd = cwd});
}

bool contains(const std::string& haystack, const std::string& needle);
bool icontains(const std::string& haystack, const std::string& needle);  // ASCII case-insensitive
std::string lower(std::string s);

// The sample knowledge base in the source tree.
std::string sample_kb();

// A folder tree: relative path -> content for files, "path/" -> "" for
// folders (so empty folders count), symlinks as "path@" -> target.
using Tree = std::map<std::string, std::string>;
Tree snapshot(const std::string& dir);  // without .kbgen-manifest
// Only the files of a tree (no folder entries).
std::vector<std::string> file_paths(const Tree& tree);
// Names in `out_dir`'s parent folder that look like kbgen staging folders
// for it (".<name>.kbgen-staging-*").
std::vector<std::string> staging_leftovers(const std::string& out_dir);

// What differs between two trees, for failure messages ("" when equal).
std::string describe_difference(const Tree& before, const Tree& after);

struct Attribute {
  std::string name;   // lower case
  std::string value;  // as written (entities not decoded)
  bool has_value = false;
};

struct Tag {
  std::string name;  // lower case
  bool closing = false;
  std::vector<Attribute> attributes;
  std::string raw;   // the tag's text, for messages
  std::string body;  // <script> and <style> only: the raw text up to the end tag
};

// The tags of an HTML document, skipping comments, doctype and the raw text
// of <script>/<style>. A '<' not followed by a letter, '/' or '!' is text.
std::vector<Tag> html_tags(const std::string& html);
// Decodes &amp; &lt; &gt; &quot; &apos; &#39; &#NN; &#xHH; (enough for attribute values).
std::string html_unescape(const std::string& s);
// Every id="..." value in the document.
std::set<std::string> html_ids(const std::string& html);
// Attribute values of the named attribute over all tags.
std::vector<std::string> attribute_values(const std::string& html, const std::string& attribute);

// Renders Markdown to HTML as a permissive wiki would: raw HTML passed
// through and every link kept (cmark with CMARK_OPT_UNSAFE).
std::string permissive_markdown_to_html(const std::string& markdown);

// Problems an HTML document has that could run script or load something from
// entry text: event-handler attributes, javascript:/vbscript:/data: URLs,
// <img>, <iframe>, <object>, <embed>, <svg>, <base>, <form> tags, inline
// <script> bodies, and <script src> not pointing at the site's assets/.
// One line per problem; empty when clean. Tags whose exact text is in
// `site_own` (collected from a build of a harmless KB: they come from the
// templates, such as a search <form> or a blank data: favicon) are not
// examined further.
std::vector<std::string> unsafe_html_findings(const std::string& html,
                                              const std::set<std::string>& site_own = {});
// The text of every tag in the document, for `site_own` above.
std::set<std::string> raw_tags(const std::string& html);

}  // namespace kbgen::site_testing
