// Stage 4, link: mentions of known codes and aliases in Markdown become
// kbgen:CODE links in the cmark tree (never in code, existing links or to the
// entry itself), related codes resolve through aliases, and backlinks are
// computed in entry order.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "link/link.h"
#include "link/markdown.h"
#include "support/texts.h"

using namespace kbgen;

namespace {

Text text(const std::string& value) { return testing::make_text(value); }

Step step(const std::string& value, std::vector<Step> steps = {}) {
  Step s;
  s.text = text(value);
  s.steps = std::move(steps);
  return s;
}

Entry entry(const std::string& code, const std::vector<std::string>& aliases = {},
            const std::string& summary = "Summary.") {
  Entry e;
  e.code = text(code);
  e.title = text("Title of " + code);
  e.summary = text(summary);
  for (const std::string& a : aliases) e.aliases.push_back(text(a));
  e.fix.push_back(step("Restart the agent."));
  return e;
}

Related related(const std::string& code, const std::string& note = "") {
  Related r;
  r.code = text(code);
  if (!note.empty()) r.note = text(note);
  return r;
}

struct Link {
  std::string url;
  std::string label;
  bool operator==(const Link& o) const { return url == o.url && label == o.label; }
};

std::ostream& operator<<(std::ostream& os, const Link& l) { return os << "[" << l.label << "](" << l.url << ")"; }

std::string literal_text(cmark_node* node) {
  std::string out;
  cmark_iter* it = cmark_iter_new(node);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER &&
        (cmark_node_get_type(n) == CMARK_NODE_TEXT || cmark_node_get_type(n) == CMARK_NODE_CODE))
      out += cmark_node_get_literal(n);
  }
  cmark_iter_free(it);
  return out;
}

// The links of a tree, in document order.
std::vector<Link> links_in(cmark_node* doc) {
  std::vector<Link> out;
  if (!doc) return out;
  cmark_iter* it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_LINK)
      out.push_back({cmark_node_get_url(n), literal_text(n)});
  }
  cmark_iter_free(it);
  return out;
}

// The document's text content, links included, code included.
std::string all_text(cmark_node* doc) { return doc ? literal_text(doc) : std::string(); }

// A small KB: the three entries and their names, as link_entries would index them.
struct Names {
  std::vector<Entry> entries;
  NameIndex by_name;
  Names() {
    entries.push_back(entry("AADSTS50076", {"50076"}));
    entries.push_back(entry("AADSTS53003", {"53003", "BlockedByCA"}));
    entries.push_back(entry("E.1-x_y"));
    for (std::size_t i = 0; i < entries.size(); ++i) {
      by_name.emplace(entries[i].code.value, i);
      for (const Text& a : entries[i].aliases) by_name.emplace(a.value, i);
    }
  }
  // Links in `markdown` as seen from entry `self` (kNoEntry: from nowhere).
  std::vector<Link> link(const std::string& markdown, std::size_t self = kNoEntry, std::string* text = nullptr) {
    CmarkTree doc = parse_markdown(markdown);
    link_mentions(doc.get(), by_name, entries, self);
    if (text) *text = all_text(doc.get());
    return links_in(doc.get());
  }
};

const Link k50076{"kbgen:AADSTS50076", "AADSTS50076"};
const Link k53003{"kbgen:AADSTS53003", "AADSTS53003"};

}  // namespace

TEST_CASE("link: codes mentioned in prose become kbgen:CODE links", "[link]") {
  Names names;
  std::string text;
  CHECK(names.link("See AADSTS50076 and AADSTS53003 for details", kNoEntry, &text) ==
        std::vector<Link>{k50076, k53003});
  // The text is unchanged; only the mentions became links.
  CHECK(text == "See AADSTS50076 and AADSTS53003 for details");
}

TEST_CASE("link: aliases link to their entry, labelled as written", "[link]") {
  Names names;
  CHECK(names.link("Error 53003 or BlockedByCA, and 50076") ==
        std::vector<Link>{{"kbgen:AADSTS53003", "53003"},
                          {"kbgen:AADSTS53003", "BlockedByCA"},
                          {"kbgen:AADSTS50076", "50076"}});
}

TEST_CASE("link: a code at the end of a sentence keeps its full stop outside the link", "[link]") {
  Names names;
  std::string text;
  CHECK(names.link("This is not AADSTS50076. It is 53003.", kNoEntry, &text) ==
        std::vector<Link>{k50076, {"kbgen:AADSTS53003", "53003"}});
  CHECK(text == "This is not AADSTS50076. It is 53003.");
  // Several trailing name characters, and other punctuation.
  CHECK(names.link("Really AADSTS50076...") == std::vector<Link>{k50076});
  CHECK(names.link("(AADSTS50076), AADSTS53003; 50076: and 'AADSTS53003'") ==
        std::vector<Link>{k50076, k53003, {"kbgen:AADSTS50076", "50076"}, k53003});
  // A code whose own name holds '.', '-' and '_' is found whole, and at a sentence end.
  CHECK(names.link("Then E.1-x_y. Done") == std::vector<Link>{{"kbgen:E.1-x_y", "E.1-x_y"}});
}

TEST_CASE("link: only whole names are linked", "[link]") {
  Names names;
  CHECK(names.link("AADSTS500761 XAADSTS50076 AADSTS50076x AADSTS50076-extra 500760 E.1").empty());
}

TEST_CASE("link: mentions inside emphasis and lists are linked", "[link]") {
  Names names;
  CHECK(names.link("- **AADSTS50076** first\n- *53003* second\n\n# AADSTS53003 heading") ==
        std::vector<Link>{k50076, {"kbgen:AADSTS53003", "53003"}, k53003});
}

TEST_CASE("link: no links inside code spans or code blocks", "[link]") {
  Names names;
  CHECK(names.link("Run `AADSTS50076` and ``53003``").empty());
  CHECK(names.link("```\nAADSTS50076 53003\n```").empty());
  CHECK(names.link("    AADSTS50076 indented code\n").empty());
  CHECK(names.link("~~~text\nAADSTS53003\n~~~\n\nthen AADSTS50076") == std::vector<Link>{k50076});
}

TEST_CASE("link: no links inside existing links", "[link]") {
  Names names;
  CHECK(names.link("[AADSTS50076](https://example.com/a) and [see 53003 docs](https://example.com/b)") ==
        std::vector<Link>{{"https://example.com/a", "AADSTS50076"}, {"https://example.com/b", "see 53003 docs"}});
  CHECK(names.link("<https://example.com/AADSTS50076>") ==
        std::vector<Link>{{"https://example.com/AADSTS50076", "https://example.com/AADSTS50076"}});
  // An image whose URL is kept becomes a link: its alt text is not linked again.
  CHECK(names.link("![AADSTS50076](https://example.com/i.png)") ==
        std::vector<Link>{{"https://example.com/i.png", "AADSTS50076"}});
}

TEST_CASE("link: an entry never links to itself, by code or alias", "[link]") {
  Names names;
  const std::size_t self = 1;  // AADSTS53003
  CHECK(names.link("AADSTS53003 is 53003, also BlockedByCA; see AADSTS50076.", self) ==
        std::vector<Link>{k50076});
}

TEST_CASE("link: link_entry_trees links every Markdown field; link_entries resolves related through aliases", "[link]") {
  std::vector<Entry> entries;
  Entry a = entry("AADSTS53003", {"53003"}, "Blocked; compare AADSTS50076.");
  a.description = text("Unlike 50076, this is final. AADSTS53003 is this entry.");
  Cause cause;
  cause.title = text("Location");
  cause.detail = text("Like E-9.");
  a.causes.push_back(cause);
  a.diagnosis.push_back(step("Check 50076 first.", {step("Then E-9.")}));
  a.fix.clear();
  a.fix.push_back(step("Fix like AADSTS50076.", {step("Sub-step names E-9.")}));
  a.verification.push_back(step("No AADSTS50076 any more."));
  a.prevention.push_back(step("Watch for 53003 and E-9."));
  a.related.push_back(related("50076", "Differs from AADSTS50076 and AADSTS53003."));
  a.related.push_back(related("E-9"));
  a.related.push_back(related("NOPE"));
  entries.push_back(a);
  entries.push_back(entry("AADSTS50076", {"50076"}));
  entries.push_back(entry("E-9"));

  const LinkedKb kb = link_entries(std::move(entries), Config{});
  const std::size_t ia = kb.find("AADSTS53003"), ib = kb.find("AADSTS50076"), ic = kb.find("E-9");
  REQUIRE(ia != kNoEntry);
  REQUIRE(ib != kNoEntry);
  REQUIRE(ic != kNoEntry);
  CHECK(kb.find("53003") == ia);
  CHECK(kb.find("50076") == ib);
  CHECK(kb.find("nope") == kNoEntry);

  const EntryTrees l = link_entry_trees(kb, ia);
  CHECK(links_in(l.summary.get()) == std::vector<Link>{k50076});
  CHECK(links_in(l.description.get()) == std::vector<Link>{{"kbgen:AADSTS50076", "50076"}});
  REQUIRE(l.cause_details.size() == 1);
  CHECK(links_in(l.cause_details[0].get()) == std::vector<Link>{{"kbgen:E-9", "E-9"}});
  REQUIRE(l.diagnosis.size() == 1);
  CHECK(links_in(l.diagnosis[0].text.get()) == std::vector<Link>{{"kbgen:AADSTS50076", "50076"}});
  REQUIRE(l.diagnosis[0].steps.size() == 1);
  CHECK(links_in(l.diagnosis[0].steps[0].text.get()) == std::vector<Link>{{"kbgen:E-9", "E-9"}});
  REQUIRE(l.fix.size() == 1);
  CHECK(links_in(l.fix[0].text.get()) == std::vector<Link>{k50076});
  REQUIRE(l.fix[0].steps.size() == 1);
  CHECK(links_in(l.fix[0].steps[0].text.get()) == std::vector<Link>{{"kbgen:E-9", "E-9"}});
  REQUIRE(l.verification.size() == 1);
  CHECK(links_in(l.verification[0].text.get()) == std::vector<Link>{k50076});
  REQUIRE(l.prevention.size() == 1);
  CHECK(links_in(l.prevention[0].text.get()) == std::vector<Link>{{"kbgen:E-9", "E-9"}});

  // related: parallel to Entry::related, through aliases; unknown codes kNoEntry.
  const std::vector<std::size_t>& related = kb.links[ia].related;
  REQUIRE(related.size() == 3);
  CHECK(related[0] == ib);
  CHECK(related[1] == ic);
  CHECK(related[2] == kNoEntry);
  REQUIRE(l.related_notes.size() == 3);
  CHECK(links_in(l.related_notes[0].get()) == std::vector<Link>{k50076});  // not to itself
  CHECK(l.related_notes[1] == nullptr);
  CHECK(l.related_notes[2] == nullptr);
}

TEST_CASE("link: entries are sorted by code, case-insensitively, then byte-wise", "[link]") {
  std::vector<Entry> entries;
  for (const char* code : {"b2", "A1", "a1", "B1", "10", "a10"}) entries.push_back(entry(code));
  const LinkedKb kb = link_entries(std::move(entries), Config{});
  std::vector<std::string> codes;
  for (const Entry& e : kb.entries) codes.emplace_back(e.code.value);
  CHECK(codes == std::vector<std::string>{"10", "A1", "a1", "a10", "B1", "b2"});
  REQUIRE(kb.links.size() == kb.entries.size());
}

TEST_CASE("link: backlinks list each referring entry once, in entry order", "[link]") {
  std::vector<Entry> entries;
  // Given out of order on purpose: backlinks follow the sorted entry order.
  Entry z = entry("Z9");
  z.related.push_back(related("T1"));
  Entry m = entry("M5");
  m.related.push_back(related("T1"));
  m.related.push_back(related("t-alias"));  // the same target again, through its alias
  m.related.push_back(related("M5"));       // itself: no backlink
  Entry a = entry("A0");
  a.related.push_back(related("t-alias"));
  a.related.push_back(related("M5"));
  Entry t = entry("T1", {"t-alias"});
  t.related.push_back(related("A0"));
  entries.push_back(z);
  entries.push_back(m);
  entries.push_back(t);
  entries.push_back(a);

  const LinkedKb kb = link_entries(std::move(entries), Config{});
  const std::size_t ia = kb.find("A0"), im = kb.find("M5"), it = kb.find("T1"), iz = kb.find("Z9");
  CHECK(ia == 0);
  CHECK(im == 1);
  CHECK(it == 2);
  CHECK(iz == 3);
  CHECK(kb.links[it].backlinks == std::vector<std::size_t>{ia, im, iz});
  CHECK(kb.links[im].backlinks == std::vector<std::size_t>{ia});
  CHECK(kb.links[ia].backlinks == std::vector<std::size_t>{it});
  CHECK(kb.links[iz].backlinks.empty());
  // M5 relates to itself: resolved, but no backlink to itself.
  CHECK(kb.links[im].related == std::vector<std::size_t>{it, it, im});
}

TEST_CASE("link: a code wins over another entry's alias of the same text", "[link]") {
  // check reports alias-conflict; linking must still be deterministic.
  std::vector<Entry> entries;
  entries.push_back(entry("A1", {"B2"}, "See B2."));
  entries.push_back(entry("B2"));
  const LinkedKb kb = link_entries(std::move(entries), Config{});
  CHECK(kb.find("B2") == 1);
  CHECK(links_in(link_entry_trees(kb, 0).summary.get()) == std::vector<Link>{{"kbgen:B2", "B2"}});
}

TEST_CASE("link: the name index finds every name it holds, whatever its length or bytes", "[link]") {
  NameIndex index;
  std::vector<std::string> names = {"A", "AADSTS53003", "53003", "Ünïcödé-alias", std::string(300, 'x'),
                                    std::string(300, 'x') + "y", "a b", "-"};
  for (int i = 0; i < 5000; ++i) names.push_back("GEN-" + std::to_string(100000 + i));
  for (std::size_t i = 0; i < names.size(); ++i) index.emplace(names[i], i);
  index.emplace("A", 99);  // the first entry given a name keeps it
  CHECK(index.size() == names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    INFO(names[i]);
    const std::size_t* found = index.find(names[i]);
    REQUIRE(found);
    CHECK(*found == i);
  }
  for (const std::string& word : std::vector<std::string>{"", "B", "AADSTS53004", "GEN-099999", "the", std::string(301, 'x'), "Ünïcödé"})
    CHECK(index.find(word) == nullptr);
}
