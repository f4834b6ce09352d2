// The machine-readable files of the HTML site: the search index (JSON, and
// the same as a script so search works from file://, where pages cannot
// fetch) and the sitemap, each written a piece at a time.
#pragma once

#include <string>

#include "output/output.h"
#include "render/context.h"

namespace kbgen {

// The words of an entry the search box matches (capped; see site_files.cc).
std::string search_words(const Entry& e, const EntryTrees& t);
// One entry of the search index, as compact JSON.
std::string search_index_item(const Entry& e, const std::string& summary_text, const std::string& words);

// search-index.json ({"root_relative":true,"entries":[...]}) and the same
// as a script, assets/search-index.js (`window.KBGEN_SEARCH_INDEX = ...;`),
// written item by item in entry order: the index of a large KB is the
// largest file of the site.
class SearchIndexFiles {
 public:
  bool open(StagedOutput& out, std::string& error);
  // `offset`: where the item starts in search-index.json.
  bool add(const std::string& item, std::uint64_t& offset, std::string& error);
  bool close(StagedOutput& out, std::string& error);

 private:
  bool append(std::string_view json, std::string& error);  // to both files
  std::unique_ptr<StagedFile> json_, script_;
  bool first_ = true;
};

// sitemap.xml: the home page, then each entry (in entry order), then each tag.
std::string sitemap_head(const std::string& base_url);
std::string sitemap_url(const std::string& base_url, const std::string& path);
inline constexpr const char* kSitemapTail = "</urlset>\n";

}  // namespace kbgen
