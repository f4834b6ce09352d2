// The template set: the built-in templates (templates/ in the source tree,
// compiled in), any one of which a folder of overrides may replace. Every
// template is parsed when the set is loaded, before anything renders,
// because kainjow renders an invalid template as an empty string.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

namespace kbgen {

struct BuiltinTemplate {
  const char* name;     // path under templates/, e.g. "entry.mustache", "assets/style.css"
  const char* content;
};

// Generated at build time by cmake/embed_templates.cmake.
const std::vector<BuiltinTemplate>& builtin_templates();

// How plain {{values}} are escaped: in HTML templates as kainjow escapes
// them (& < > " ' as entities); in Markdown templates ("markdown/..."), the
// characters that could start markup are backslash-escaped and line breaks
// become spaces.
std::string html_escape(const std::string& text);
std::string markdown_escape(const std::string& text);

class TemplateSet {
 public:
  // Loads the built-in files, replacing those found in `override_dir`
  // (none when empty). Fails on an override whose name is not a template,
  // a template that does not parse, or a partial that names no template.
  bool load(const std::string& override_dir, std::string& error);

  // The text of a file ("assets/style.css"); throws for an unknown name.
  const std::string& text(const std::string& name) const;
  // Renders page template `name` ("entry" for entry.mustache) with `data`,
  // partials ({{> steps}}) resolved to the set's other .mustache files.
  std::string render(const std::string& name, const kainjow::mustache::data& data) const;
  // The same output handed to `sink` as it is made (a template line at a
  // time), for pages too big to hold whole.
  void render_to(const std::string& name, const kainjow::mustache::data& data,
                 const std::function<void(const std::string&)>& sink) const;

  // Whether page template `name` ("markdown/entry"), or a partial it
  // includes, has `word` in its text as a word (not inside a longer name
  // of letters, digits and '_'). A view need not build data under a name
  // its template never mentions: no tag could reach it.
  bool mentions(const std::string& name, std::string_view word) const;
  // Whether page template `name`, or a partial it includes, has a variable
  // or section tag whose name starts with `root` ("entry" for
  // {{entry.code}} and {{#entry}}): the only way its data can be reached,
  // as a lookup falls back to outer data by a name's first part. True, to
  // be safe, for a template that changes its delimiters.
  bool looks_up(const std::string& name, const std::string& root) const;

  // Names of the files taken from the override folder.
  const std::vector<std::string>& overridden() const { return overridden_; }

 private:
  std::map<std::string, std::string> files_;
  std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>> compiled_;
  std::vector<std::string> overridden_;
  std::map<std::string, kainjow::mustache::data> partials_;  // stem -> template text
};

}  // namespace kbgen
