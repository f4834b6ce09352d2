#include "render/page_skeleton.h"

namespace kbgen {
namespace {

// '&' is escaped by HTML escaping, so the escaped marker can be told from
// the plain one; the control characters keep page text from matching.
const std::string kMarkerStart = "\x02kbgen-value-";
std::string marker(std::size_t k) { return kMarkerStart + std::to_string(k) + "&\x03"; }

bool blank(std::string_view value) { return value.find_first_not_of(" \t") == std::string_view::npos; }

}  // namespace

bool PageSkeleton::make(const TemplateSet& templates, const std::string& name, MData& view,
                        const std::vector<std::string>& keys) {
  pieces_.clear();
  values_ = keys.size();
  for (std::size_t k = 0; k < keys.size(); ++k) put_text(view, keys[k], marker(k));
  const std::string rendered = templates.render(name, view);
  std::size_t literal = 0;  // where the text since the last marker starts
  for (std::size_t at = rendered.find(kMarkerStart); at != std::string::npos;
       at = rendered.find(kMarkerStart, literal)) {
    Piece value;
    for (std::size_t k = 0; k < keys.size() && value.value < 0; ++k)
      for (const bool escaped : {false, true}) {
        const std::string form = escaped ? html_escape(marker(k)) : marker(k);
        if (rendered.compare(at, form.size(), form) != 0) continue;
        value.value = static_cast<int>(k);
        value.escaped = escaped;
        if (at > literal) pieces_.push_back({rendered.substr(literal, at - literal)});
        literal = at + form.size();
        break;
      }
    if (value.value < 0) return false;
    pieces_.push_back(std::move(value));
  }
  if (literal < rendered.size()) pieces_.push_back({rendered.substr(literal)});
  return true;
}

bool PageSkeleton::fill(const std::vector<std::string_view>& values, std::string& page) const {
  if (values.size() != values_) return false;
  for (std::string_view value : values)
    if (blank(value)) return false;
  page.clear();
  for (const Piece& piece : pieces_) {
    if (piece.value < 0) page += piece.text;
    else if (piece.escaped) page += html_escape(std::string(values[static_cast<std::size_t>(piece.value)]));
    else page += values[static_cast<std::size_t>(piece.value)];
  }
  return true;
}

}  // namespace kbgen
