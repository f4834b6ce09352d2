// The machine-readable files of the HTML site: the search index (JSON, and
// the same as a script so search works from file://, where pages cannot
// fetch) and the sitemap.
#pragma once

#include <string>

#include "render/context.h"

namespace kbgen {

// The words of an entry the search box matches (capped; see site_files.cc).
std::string search_words(const Entry& e, const LinkedEntry& l);
std::string search_index_json(const RenderContext& ctx);
// `window.KBGEN_SEARCH_INDEX = <search_index_json>;`
std::string search_index_script(const std::string& json);
std::string sitemap_xml(const RenderContext& ctx);

}  // namespace kbgen
