#include "link/link.h"

#include <algorithm>

#include "model/entry.h"
#include "util/strings.h"

namespace kbgen {
namespace {

bool inside_link_or_code(cmark_node* node) {
  for (cmark_node* p = cmark_node_parent(node); p; p = cmark_node_parent(p)) {
    const cmark_node_type t = cmark_node_get_type(p);
    if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) return true;
  }
  return false;
}

// Splits one text node into text and links around each known name in it.
void link_text_node(cmark_node* node, const NameIndex& by_name,
                    const std::vector<Entry>& entries, std::size_t self) {
  // A view of the node's own literal, which stays as it is until the last
  // line replaces it.
  const std::string_view text = cmark_node_get_literal(node);
  std::size_t done = 0;  // text before this offset is already placed
  for (std::size_t i = 0; i < text.size();) {
    // A name is a run of code characters.
    while (i < text.size() && !is_code_char(text[i])) ++i;
    if (i == text.size()) break;
    std::size_t end = i;
    while (end < text.size() && is_code_char(text[end])) ++end;
    // A name at the end of a sentence: "see AADSTS53003." -> "AADSTS53003".
    std::size_t name_end = end;
    const std::size_t* found = by_name.find(text.substr(i, name_end - i));
    while (!found && name_end > i + 1 &&
           (text[name_end - 1] == '.' || text[name_end - 1] == '-' || text[name_end - 1] == '_')) {
      --name_end;
      found = by_name.find(text.substr(i, name_end - i));
    }
    if (found && *found != self) {
      if (i > done) {
        cmark_node* before = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(before, std::string(text.substr(done, i - done)).c_str());
        cmark_node_insert_before(node, before);
      }
      cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
      cmark_node_set_url(link, (kEntryLinkScheme + std::string(entries[*found].code.value)).c_str());
      cmark_node_set_title(link, std::string(entries[*found].title.value).c_str());
      cmark_node* label = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(label, std::string(text.substr(i, name_end - i)).c_str());
      cmark_node_append_child(link, label);
      cmark_node_insert_before(node, link);
      done = name_end;
    }
    i = end;
  }
  if (done == 0) return;
  if (done < text.size()) {
    cmark_node_set_literal(node, std::string(text.substr(done)).c_str());
  } else {
    cmark_node_free(node);
  }
}

CmarkTree parse_and_link(const Text& text, const LinkedKb& kb, std::size_t self) {
  if (!text.present()) return nullptr;
  CmarkTree doc = parse_markdown(text.value);
  link_mentions(doc.get(), kb.by_name, kb.entries, self);
  return doc;
}

std::vector<LinkedStep> link_steps(const std::vector<Step>& steps, const LinkedKb& kb,
                                   std::size_t self) {
  std::vector<LinkedStep> out;
  out.reserve(steps.size());
  for (const Step& s : steps) out.push_back({parse_and_link(s.text, kb, self), link_steps(s.steps, kb, self)});
  return out;
}

}  // namespace

std::size_t LinkedKb::find(const std::string& name) const {
  const std::size_t* found = by_name.find(name);
  return found ? *found : kNoEntry;
}

void link_mentions(cmark_node* doc, const NameIndex& by_name,
                   const std::vector<Entry>& entries, std::size_t self) {
  // Code spans and code blocks are their own node types (not TEXT), so only
  // prose is visited.
  std::vector<cmark_node*> texts;
  cmark_iter* it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_TEXT &&
        !inside_link_or_code(node))
      texts.push_back(node);
  }
  cmark_iter_free(it);
  for (cmark_node* node : texts) link_text_node(node, by_name, entries, self);
}

EntryTrees link_entry_trees(const LinkedKb& kb, std::size_t i) {
  const Entry& e = kb.entries[i];
  EntryTrees t;
  t.summary = parse_and_link(e.summary, kb, i);
  t.description = parse_and_link(e.description, kb, i);
  for (const Cause& c : e.causes) t.cause_details.push_back(parse_and_link(c.detail, kb, i));
  t.diagnosis = link_steps(e.diagnosis, kb, i);
  t.fix = link_steps(e.fix, kb, i);
  t.verification = link_steps(e.verification, kb, i);
  t.prevention = link_steps(e.prevention, kb, i);
  for (const Related& r : e.related) t.related_notes.push_back(parse_and_link(r.note, kb, i));
  return t;
}

LinkedKb link_entries(std::vector<Entry> entries, Config config) {
  LinkedKb kb;
  kb.config = std::move(config);
  // As comparing ascii_lower() of both codes, without building them.
  const auto lower = [](char c) {
    const auto u = static_cast<unsigned char>(c);  // std::string compares bytes unsigned
    return u >= 'A' && u <= 'Z' ? u - 'A' + 'a' : u;
  };
  std::sort(entries.begin(), entries.end(), [&lower](const Entry& a, const Entry& b) {
    const std::string_view x = a.code.value;
    const std::string_view y = b.code.value;
    for (std::size_t k = 0; k < x.size() && k < y.size(); ++k)
      if (lower(x[k]) != lower(y[k])) return lower(x[k]) < lower(y[k]);
    return x.size() != y.size() ? x.size() < y.size() : x < y;
  });
  kb.entries = std::move(entries);
  for (std::size_t i = 0; i < kb.entries.size(); ++i) kb.by_name.emplace(kb.entries[i].code.value, i);
  // Aliases after all codes: a code always wins over an alias of the same text.
  for (std::size_t i = 0; i < kb.entries.size(); ++i)
    for (const Text& alias : kb.entries[i].aliases) kb.by_name.emplace(alias.value, i);

  kb.links.resize(kb.entries.size());
  for (std::size_t i = 0; i < kb.entries.size(); ++i)
    for (const Related& r : kb.entries[i].related) kb.links[i].related.push_back(kb.find(std::string(r.code.value)));
  for (std::size_t i = 0; i < kb.entries.size(); ++i)
    for (std::size_t target : kb.links[i].related)
      if (target != kNoEntry && target != i) {
        auto& back = kb.links[target].backlinks;
        if (back.empty() || back.back() != i) back.push_back(i);
      }
  return kb;
}

}  // namespace kbgen
