#include "render/html_views.h"

#include <set>

namespace kbgen {
namespace {

MData steps_view(const std::vector<LinkedStep>& steps, const std::string& root) {
  MData list = mlist();
  for (const LinkedStep& s : steps) {
    MData item;
    item.set("html", resolve_entry_links(markdown_to_html(s.text.get(), false), root));
    item.set("has_steps", mbool(!s.steps.empty()));
    item.set("steps", steps_view(s.steps, root));
    list.push_back(std::move(item));
  }
  return list;
}

// false when empty, else {steps: [...]}, so templates write
// {{#entry.fix}}{{> steps}}{{/entry.fix}}.
MData step_section(const std::vector<LinkedStep>& steps, const std::string& root) {
  if (steps.empty()) return mbool(false);
  MData section;
  section.set("steps", steps_view(steps, root));
  return section;
}

MData names_view(const std::vector<Text>& texts) {
  MData list = mlist();
  for (const Text& t : texts) {
    MData item;
    item.set("name", t.value);
    list.push_back(std::move(item));
  }
  return list;
}

// URLs in views are relative to the site root; templates prefix {{root}}.
MData tags_view(const std::vector<Text>& tags) {
  MData list = mlist();
  for (const Text& t : tags) {
    MData item;
    item.set("name", t.value);
    item.set("url", tag_path(t.value));
    list.push_back(std::move(item));
  }
  return list;
}

MData entry_link_view(const RenderContext& ctx, std::size_t i) {
  MData item;
  item.set("code", ctx.entry(i).code.value);
  item.set("title", ctx.entry(i).title.value);
  item.set("url", entry_path(ctx.entry(i).code.value));
  return item;
}

void set_text(MData& view, const char* key, const Text& text) {
  view.set(key, text.value);
  view.set(std::string("has_") + key, mbool(text.present && !text.value.empty()));
}

}  // namespace

MData entry_summary_view(const RenderContext& ctx, std::size_t i, const std::string& root) {
  const Entry& e = ctx.entry(i);
  MData view = entry_link_view(ctx, i);
  view.set("summary_html", resolve_entry_links(ctx.summary_html[i], root));
  view.set("aliases", names_view(e.aliases));
  view.set("tags", tags_view(e.tags));
  return view;
}

MData entry_view(const RenderContext& ctx, std::size_t i, const std::string& root) {
  const Entry& e = ctx.entry(i);
  const LinkedEntry& l = ctx.links(i);
  MData view = entry_summary_view(ctx, i, root);
  view.set("has_aliases", mbool(!e.aliases.empty()));
  view.set("has_tags", mbool(!e.tags.empty()));
  const auto [product, category] = ctx.group_of[i];
  view.set("product_anchor", ctx.products[product].anchor);
  view.set("category_anchor", ctx.products[product].categories[category].anchor);
  const std::string description = resolve_entry_links(markdown_to_html(l.description.get(), false), root);
  view.set("description_html", description);
  view.set("has_description", mbool(!description.empty()));
  set_text(view, "product", e.product);
  set_text(view, "category", e.category);
  set_text(view, "owner", e.owner);
  set_text(view, "reviewed", e.reviewed);
  view.set("review_overdue", mbool(ctx.review_overdue[i]));
  view.set("stale_after_days", std::to_string(ctx.kb->config.stale_after_days));

  MData causes = mlist();
  for (std::size_t c = 0; c < e.causes.size(); ++c) {
    MData item;
    item.set("title", e.causes[c].title.value);
    item.set("has_title", mbool(e.causes[c].title.present));
    item.set("detail_html", resolve_entry_links(markdown_to_html(l.cause_details[c].get(), false), root));
    causes.push_back(std::move(item));
  }
  view.set("causes", std::move(causes));
  view.set("has_causes", mbool(!e.causes.empty()));
  view.set("diagnosis", step_section(l.diagnosis, root));
  view.set("fix", step_section(l.fix, root));
  view.set("verification", step_section(l.verification, root));
  view.set("prevention", step_section(l.prevention, root));

  MData examples = mlist();
  for (const Example& x : e.examples) {
    MData item;
    item.set("title", x.title.value);
    item.set("language", x.language.value.empty() ? std::string("text") : slugify(x.language.value));
    item.set("code", x.code.value);
    examples.push_back(std::move(item));
  }
  view.set("examples", std::move(examples));
  view.set("has_examples", mbool(!e.examples.empty()));

  MData related = mlist();
  for (std::size_t r = 0; r < e.related.size(); ++r) {
    const std::size_t target = l.related[r];
    if (target == kNoEntry) continue;  // reported by check; nothing to link to
    MData item = entry_link_view(ctx, target);
    const std::string note = resolve_entry_links(markdown_to_html(l.related_notes[r].get(), true), root);
    item.set("note_html", note);
    item.set("has_note", mbool(!note.empty()));
    related.push_back(std::move(item));
  }
  view.set("has_related", mbool(!related.list_value().empty()));
  view.set("related", std::move(related));

  MData backlinks = mlist();
  for (std::size_t b : l.backlinks) backlinks.push_back(entry_link_view(ctx, b));
  view.set("has_backlinks", mbool(!l.backlinks.empty()));
  view.set("backlinks", std::move(backlinks));

  MData references = mlist();
  for (const Reference& r : e.references) {
    MData item;
    item.set("title", r.title.value);
    item.set("url", r.url.value);
    references.push_back(std::move(item));
  }
  view.set("references", std::move(references));
  view.set("has_references", mbool(!e.references.empty()));

  MData sources = mlist();
  std::set<std::string> seen;
  for (const SourcePos& pos : e.sources) {
    const std::string& path = ctx.kb->source_paths[pos.file];
    if (!seen.insert(path).second) continue;
    MData item;
    item.set("path", path);
    sources.push_back(std::move(item));
  }
  view.set("sources", std::move(sources));

  for (const Extension& x : e.extensions) view.set(x.key, json_to_mustache(x.value));
  return view;
}

MData home_view(const RenderContext& ctx) {
  MData products = mlist();
  for (const ProductGroup& p : ctx.products) {
    MData product;
    product.set("name", p.name);
    product.set("anchor", p.anchor);
    product.set("count", std::to_string(p.count));
    MData categories = mlist();
    for (const CategoryGroup& c : p.categories) {
      MData category;
      category.set("name", c.name);
      category.set("anchor", c.anchor);
      category.set("count", std::to_string(c.entries.size()));
      MData entries = mlist();
      for (std::size_t i : c.entries) entries.push_back(entry_summary_view(ctx, i, ""));
      category.set("entries", std::move(entries));
      categories.push_back(std::move(category));
    }
    product.set("categories", std::move(categories));
    products.push_back(std::move(product));
  }
  MData tags = mlist();
  for (const auto& [tag, entries] : ctx.tags) {
    MData item;
    item.set("name", tag);
    item.set("url", tag_path(tag));
    item.set("count", std::to_string(entries.size()));
    tags.push_back(std::move(item));
  }
  MData view;
  view.set("products", std::move(products));
  view.set("has_tags", mbool(!ctx.tags.empty()));
  view.set("tags", std::move(tags));
  return view;
}

MData tag_view(const RenderContext& ctx, const std::string& tag, const std::string& root) {
  const auto& members = ctx.tags.at(tag);
  MData info;
  info.set("name", tag);
  info.set("count", std::to_string(members.size()));
  MData entries = mlist();
  for (std::size_t i : members) entries.push_back(entry_summary_view(ctx, i, root));
  MData view;
  view.set("tag", std::move(info));
  view.set("entries", std::move(entries));
  return view;
}

}  // namespace kbgen
