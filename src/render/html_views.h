// The template data of the HTML pages (documented in docs/templates.md).
#pragma once

#include <string>

#include "render/context.h"
#include "render/mustache_data.h"

namespace kbgen {

// {code, title, summary_html, url, aliases, tags}: an entry in a list.
MData entry_summary_view(const RenderContext& ctx, std::size_t i, const std::string& root);
// Everything an entry page shows, under "entry".
MData entry_view(const RenderContext& ctx, std::size_t i, const std::string& root);
// The home page: products -> categories -> entries, and tags.
MData home_view(const RenderContext& ctx);
MData tag_view(const RenderContext& ctx, const std::string& tag, const std::string& root);

}  // namespace kbgen
