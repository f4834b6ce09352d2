// Walking every text of an entry, for rules that look at all of them alike.
#pragma once

#include <string_view>

#include "model/entry.h"

namespace kbgen {

enum class TextKind {
  Plain,     // code, title, product, category, owner, tag, alias, URL, ...
  Markdown,  // summary, description, cause, note
  Step,      // a step of diagnosis, fix, verification or prevention
  Code,      // an example's code
};

template <typename Fn>
void for_each_step_text(const std::vector<Step>& steps, std::string_view field, Fn&& fn) {
  for (const Step& s : steps) {
    if (s.text.present()) fn(field, TextKind::Step, s.text);
    for_each_step_text(s.steps, field, fn);
  }
}

// Calls fn(field, kind, text) for every text the entry holds, in field order.
template <typename Fn>
void for_each_text(const Entry& e, Fn&& fn) {
  auto one = [&](std::string_view field, TextKind kind, const Text& t) {
    if (t.present()) fn(field, kind, t);
  };
  one("code", TextKind::Plain, e.code);
  one("title", TextKind::Plain, e.title);
  one("summary", TextKind::Markdown, e.summary);
  one("description", TextKind::Markdown, e.description);
  one("product", TextKind::Plain, e.product);
  one("category", TextKind::Plain, e.category);
  for (const Text& t : e.tags) one("tags", TextKind::Plain, t);
  for (const Text& t : e.aliases) one("aliases", TextKind::Plain, t);
  for (const Cause& c : e.causes) {
    one("causes", TextKind::Plain, c.title);
    one("causes", TextKind::Markdown, c.detail);
  }
  for_each_step_text(e.diagnosis, "diagnosis", fn);
  for_each_step_text(e.fix, "fix", fn);
  for_each_step_text(e.verification, "verification", fn);
  for_each_step_text(e.prevention, "prevention", fn);
  for (const Example& x : e.examples) {
    one("examples", TextKind::Plain, x.title);
    one("examples", TextKind::Code, x.code);
  }
  for (const Related& r : e.related) {
    one("related", TextKind::Plain, r.code);
    one("related", TextKind::Markdown, r.note);
  }
  for (const Reference& r : e.references) {
    one("references", TextKind::Plain, r.title);
    one("references", TextKind::Plain, r.url);
  }
  one("reviewed", TextKind::Plain, e.reviewed);
  one("owner", TextKind::Plain, e.owner);
}

}  // namespace kbgen
