#include "link/markdown.h"

#include <cstring>
#include <vector>

namespace kbgen {
namespace {

bool starts_with(const char* s, const char* prefix) {
  return s && std::strncmp(s, prefix, std::strlen(prefix)) == 0;
}

// Entry links ("kbgen:CODE") are not accepted from the text: the link stage
// makes them, for entries that exist; a hand-written one could name any path.
bool is_publishable_url(const char* url) {
  return starts_with(url, "https://") || starts_with(url, "http://") || starts_with(url, "mailto:");
}

// Moves `node`'s children to just before it, then frees it.
void unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) {
    cmark_node_unlink(child);
    cmark_node_insert_before(node, child);
  }
  cmark_node_free(node);
}

}  // namespace

CmarkTree parse_markdown(std::string_view text) {
  CmarkTree doc(cmark_parse_document(text.data(), text.size(), CMARK_OPT_DEFAULT));
  // Collect first: the tree must not change under the iterator.
  std::vector<cmark_node*> drop, unwrap_links, images;
  cmark_iter* it = cmark_iter_new(doc.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(it);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE: drop.push_back(node); break;
      case CMARK_NODE_LINK:
        if (!is_publishable_url(cmark_node_get_url(node))) unwrap_links.push_back(node);
        break;
      case CMARK_NODE_IMAGE: images.push_back(node); break;
      default: break;
    }
  }
  cmark_iter_free(it);
  for (cmark_node* node : drop) cmark_node_free(node);
  for (cmark_node* node : unwrap_links) unwrap(node);
  for (cmark_node* image : images) {
    const char* url = cmark_node_get_url(image);
    if (starts_with(url, "https://") || starts_with(url, "http://")) {
      cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
      cmark_node_set_url(link, url);
      while (cmark_node* child = cmark_node_first_child(image)) {
        cmark_node_unlink(child);
        cmark_node_append_child(link, child);
      }
      cmark_node_insert_before(image, link);
      cmark_node_free(image);
    } else {
      unwrap(image);
    }
  }
  return doc;
}

}  // namespace kbgen
