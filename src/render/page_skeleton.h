// A page template rendered once for many pages. Rendered with markers
// standing for the values that differ from page to page, the result is cut
// at the markers; a page is then the pieces joined with its own values,
// escaped where the template escapes them. Every entry page's layout is the
// same but for the page's title, canonical URL and content, and rendering
// the layout around each entry was a twentieth of a whole build's work.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "render/mustache_data.h"
#include "render/templates.h"

namespace kbgen {

class PageSkeleton {
 public:
  // Renders HTML template `name` with `view`, its `keys` set to markers
  // (string values). The caller makes sure the template reads nothing else
  // that differs between the pages (TemplateSet::looks_up). False when the
  // result cannot be filled in exactly: a marker came out neither as it
  // was nor HTML-escaped.
  bool make(const TemplateSet& templates, const std::string& name, MData& view, const std::vector<std::string>& keys);

  // The page for `values` (one per key, in order): what rendering the
  // template with them would give. False, leaving `page` unspecified, when
  // a value is blank to kainjow (empty, or only spaces and tabs): on a line
  // with a section tag that could drop the line, which the marker did not.
  bool fill(const std::vector<std::string_view>& values, std::string& page) const;

 private:
  struct Piece {
    std::string text;    // literal bytes, or
    int value = -1;      // the value of key `value`,
    bool escaped = false;  // HTML-escaped
  };
  std::vector<Piece> pieces_;
  std::size_t values_ = 0;
};

}  // namespace kbgen
