#include "load/decode_entry.h"

#include "load/fields.h"

namespace kbgen {
namespace {

// The list fields of an entry (tags, aliases, causes, four step lists,
// examples, related, references).
constexpr std::size_t kListFields = 10;

class EntryDecoder {
 public:
  EntryDecoder(FileId file, Diagnostics& diagnostics, TextSpan& texts)
      : reader_(file, diagnostics, &texts) {}

  void decode(JsonNode& node, std::vector<Entry>& out) {
    if (!reader_.object(node, "an entry", entry_field_names(), /*extensions=*/true).ok) return;
    Entry e;
    e.lists_present.reserve(kListFields);
    e.pos = reader_.at(node.offset);
    e.sources.push_back(e.pos);
    e.code = reader_.take_optional_string(node, "code");
    e.title = reader_.take_optional_string(node, "title");
    e.summary = reader_.take_optional_string(node, "summary");
    e.description = reader_.take_optional_string(node, "description");
    e.product = reader_.take_optional_string(node, "product");
    e.category = reader_.take_optional_string(node, "category");
    e.reviewed = reader_.take_optional_string(node, "reviewed");
    e.owner = reader_.take_optional_string(node, "owner");
    strings(node, "tags", e, e.tags);
    strings(node, "aliases", e, e.aliases);
    list(node, "causes", e, e.causes, [&](JsonNode& item) { e.causes.push_back(cause(item)); });
    steps(node, "diagnosis", e, e.diagnosis);
    steps(node, "fix", e, e.fix);
    steps(node, "verification", e, e.verification);
    steps(node, "prevention", e, e.prevention);
    list(node, "examples", e, e.examples, [&](JsonNode& item) { example(item, e.examples); });
    list(node, "related", e, e.related, [&](JsonNode& item) { related(item, e.related); });
    list(node, "references", e, e.references, [&](JsonNode& item) { reference(item, e.references); });
    for (const JsonMember& m : node.members)
      if (!m.duplicate && m.key.rfind("x-", 0) == 0)
        e.extensions.push_back({m.key, m.value.to_json(), reader_.at(m.value.offset)});
    out.push_back(std::move(e));
  }

 private:
  // Each item is decoded into `out` (or dropped); `out` is sized for them
  // first, as every entry of a KB is kept until the end.
  template <typename T, typename Fn>
  void list(JsonNode& object, const char* key, Entry& e, std::vector<T>& out, Fn&& each) {
    JsonNode* array = reader_.optional_array(object, key);
    if (!array) return;
    e.lists_present.emplace_back(key, reader_.at(array->offset));
    out.reserve(array->items.size());
    for (JsonNode& item : array->items) each(item);
  }

  void strings(JsonNode& object, const char* key, Entry& e, std::vector<Text>& out) {
    list(object, key, e, out, [&](JsonNode& item) {
      Text t = reader_.take_string_value(item, std::string(key) + "[]");
      if (t.present()) out.push_back(std::move(t));
    });
  }

  void steps(JsonNode& object, const char* key, Entry& e, std::vector<Step>& out) {
    list(object, key, e, out, [&](JsonNode& item) { step(item, key, out); });
  }

  void step(JsonNode& node, const std::string& what, std::vector<Step>& out) {
    if (node.kind == JsonNode::Kind::String) {
      out.push_back(Step{reader_.take_string_value(node, what), {}});
      return;
    }
    if (node.kind != JsonNode::Kind::Object) {
      reader_.wrong_type(node, what + "[]", "a Markdown string or {\"text\", \"steps\"}");
      return;
    }
    if (!reader_.object(node, "a step", {"text", "steps"}).ok) return;
    Step s;
    s.text = reader_.take_required_string(node, "text");
    if (JsonNode* sub = reader_.optional_array(node, "steps")) {
      s.steps.reserve(sub->items.size());
      for (JsonNode& item : sub->items) step(item, "steps", s.steps);
    }
    out.push_back(std::move(s));
  }

  Cause cause(JsonNode& node) {
    Cause c;
    if (node.kind == JsonNode::Kind::String) {
      c.detail = reader_.take_string_value(node, "causes[]");
      return c;
    }
    if (node.kind != JsonNode::Kind::Object) {
      reader_.wrong_type(node, "causes[]", "a Markdown string or {\"title\", \"detail\"}");
      return c;
    }
    if (!reader_.object(node, "a cause", {"title", "detail"}).ok) return c;
    c.title = reader_.take_required_string(node, "title");
    c.detail = reader_.take_required_string(node, "detail");
    return c;
  }

  void example(JsonNode& node, std::vector<Example>& out) {
    if (!reader_.object(node, "an example", {"title", "language", "code"}).ok) return;
    Example x;
    x.pos = reader_.at(node.offset);
    x.title = reader_.take_required_string(node, "title");
    x.language = reader_.take_required_string(node, "language");
    x.code = reader_.take_required_string(node, "code");
    out.push_back(std::move(x));
  }

  void related(JsonNode& node, std::vector<Related>& out) {
    if (node.kind == JsonNode::Kind::String) {
      out.push_back(Related{reader_.take_string_value(node, "related[]"), {}});
      return;
    }
    if (node.kind != JsonNode::Kind::Object) {
      reader_.wrong_type(node, "related[]", "a code string or {\"code\", \"note\"}");
      return;
    }
    if (!reader_.object(node, "a related link", {"code", "note"}).ok) return;
    Related r;
    r.code = reader_.take_required_string(node, "code");
    r.note = reader_.take_optional_string(node, "note");
    if (r.code.present()) out.push_back(std::move(r));
  }

  void reference(JsonNode& node, std::vector<Reference>& out) {
    if (!reader_.object(node, "a reference", {"title", "url"}).ok) return;
    Reference r;
    r.pos = reader_.at(node.offset);
    r.title = reader_.take_required_string(node, "title");
    r.url = reader_.take_required_string(node, "url");
    out.push_back(std::move(r));
  }

  FieldReader reader_;
};

// Bytes of all the strings in the tree: enough room for every text an entry
// keeps (member names are not kept).
std::size_t string_bytes(const JsonNode& node) {
  std::size_t n = node.string.size();
  for (const JsonNode& item : node.items) n += string_bytes(item);
  for (const JsonMember& m : node.members) n += string_bytes(m.value);
  return n;
}

}  // namespace

const std::vector<std::string>& entry_field_names() {
  static const std::vector<std::string> names = {
      "code",      "title",        "summary",    "description", "product",  "category",
      "tags",      "aliases",      "causes",     "diagnosis",   "fix",      "verification",
      "prevention", "examples",    "related",    "references",  "reviewed", "owner"};
  return names;
}

void decode_entries(JsonNode& root, FileId file, Diagnostics& diagnostics, TextArena& texts,
                    std::vector<Entry>& out) {
  TextSpan span(texts, string_bytes(root));
  EntryDecoder decoder(file, diagnostics, span);
  if (root.kind == JsonNode::Kind::Array) {
    for (JsonNode& item : root.items) decoder.decode(item, out);
    return;
  }
  if (root.kind != JsonNode::Kind::Object) {
    FieldReader(file, diagnostics)
        .wrong_type(root, "an entry file", "an entry object or an array of entry objects");
    return;
  }
  decoder.decode(root, out);
}

}  // namespace kbgen
