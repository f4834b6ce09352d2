// Markdown parsed once into a cmark tree, owned; the renderers walk or
// render the same tree.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <cmark.h>

namespace kbgen {

struct CmarkNodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using CmarkTree = std::unique_ptr<cmark_node, CmarkNodeFree>;

// Links to other entries are written into the tree with this URL scheme
// ("kbgen:CODE"); each renderer turns them into its own relative links.
inline constexpr const char* kEntryLinkScheme = "kbgen:";

// Parses Markdown and makes it safe to publish: raw HTML is dropped, links
// whose URL is not http(s):// or mailto: lose their link (the text stays;
// entry links are added afterwards, by the link stage), and images become
// links to the image (or just their text), since a published page must not
// load anything from elsewhere.
CmarkTree parse_markdown(std::string_view text);

}  // namespace kbgen
