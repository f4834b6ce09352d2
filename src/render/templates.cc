#include "render/templates.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "render/mustache_data.h"
#include "render/template_inline.h"

namespace kbgen {
namespace fs = std::filesystem;
namespace {

const std::string kSuffix = ".mustache";

// How deep partials are written into their templates: a recursive partial
// (the steps of steps) is expanded this far, and parsed when used below.
constexpr int kInlineDepth = 4;

bool is_template(const std::string& name) {
  return name.size() > kSuffix.size() &&
         name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

// Byte -> what it becomes when escaped; null: kept as it is.
struct EscapeTable {
  const char* with[256] = {};
};

// Copies runs of kept bytes whole (kainjow's own escape appends byte by byte).
std::string escape_by(const std::string& text, const EscapeTable& table) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t done = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char* replacement = table.with[static_cast<unsigned char>(text[i])];
    if (!replacement) continue;
    out.append(text, done, i - done);
    out += replacement;
    done = i + 1;
  }
  out.append(text, done, std::string::npos);
  return out;
}

const EscapeTable kHtmlEscapes = [] {
  EscapeTable t;
  t.with['&'] = "&amp;";
  t.with['<'] = "&lt;";
  t.with['>'] = "&gt;";
  t.with['"'] = "&quot;";
  t.with['\''] = "&apos;";
  return t;
}();

const EscapeTable kMarkdownEscapes = [] {
  EscapeTable t;
  static const char* const kSpecial[] = {"\\\\", "\\`", "\\*", "\\_", "\\[", "\\]", "\\<",
                                         "\\>", "\\|", "\\&", "\\~", "\\!", "\\#"};
  for (const char* escaped : kSpecial) t.with[static_cast<unsigned char>(escaped[1])] = escaped;
  t.with['\n'] = t.with['\r'] = " ";
  return t;
}();

}  // namespace

std::string html_escape(const std::string& text) { return escape_by(text, kHtmlEscapes); }
std::string markdown_escape(const std::string& text) { return escape_by(text, kMarkdownEscapes); }

namespace {

// Plain values in Markdown templates are Markdown-escaped, elsewhere HTML-escaped.
void set_escape(const std::string& template_name, kainjow::mustache::mustache& compiled) {
  if (template_name.rfind("markdown/", 0) == 0) compiled.set_custom_escape(markdown_escape);
  else compiled.set_custom_escape(html_escape);
}

std::string stem(const std::string& name) { return name.substr(0, name.size() - kSuffix.size()); }

// What kbgen needs to know of a template's tags, read as kainjow reads
// them: "{{" (or "{{{"), the contents up to "}}" with white space trimmed,
// a leading '>' for a partial ("{{> name}}", "{{ >name }}"), a leading '='
// for a change of delimiters, after which tags are no longer "{{...}}".
struct TemplateTags {
  std::set<std::string> partials;
  // The first part of each name a variable or section tag looks up
  // ("entry" for {{entry.code}}, "." for {{.}}).
  std::set<std::string> roots;
  bool changes_delimiters = false;
};

std::string trimmed(std::string_view s) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

TemplateTags scan_tags(const std::string& text) {
  TemplateTags tags;
  for (std::size_t at = text.find("{{"); at != std::string::npos;) {
    std::size_t start = at + 2;
    if (start < text.size() && text[start] == '{') ++start;
    const std::size_t end = text.find("}}", start);
    if (end == std::string::npos) break;
    const std::string contents = trimmed(std::string_view(text).substr(start, end - start));
    if (!contents.empty() && contents[0] == '=') {
      tags.changes_delimiters = true;
      break;
    }
    if (!contents.empty() && contents[0] == '>') {
      tags.partials.insert(trimmed(std::string_view(contents).substr(1)));
    } else if (!contents.empty() && contents[0] != '!') {
      const std::string name =
          std::string("#^/&{").find(contents[0]) != std::string::npos ? trimmed(std::string_view(contents).substr(1))
                                                                       : contents;
      tags.roots.insert(name == "." ? name : name.substr(0, name.find('.')));
    }
    at = text.find("{{", end + 2);
  }
  return tags;
}

// kainjow's context, but for two things. Partials ({{> name}}) resolve to
// the set's templates only: kainjow's own looks them up in the data, where
// an entry's "steps" list would shadow the "steps" partial. And a lazy list
// item (mustache_data.h) is filled in when a section enters it; when the
// section leaves, its data is kept to fill the next item of its list in.
class TemplateScope : public kainjow::mustache::basic_context<std::string> {
 public:
  TemplateScope(const MData* data, const std::map<std::string, MData>& partials) : partials_(partials) {
    push(data);
  }

  void push(const MData* data) override {
    Frame frame{data, nullptr, nullptr};
    if (const std::optional<LazyItem> lazy = lazy_item(*data)) {
      frame.items = lazy->items;
      frame.made = spare_for(lazy->items);
      lazy->items->fill(lazy->index, *frame.made);
      frame.data = frame.made.get();
    }
    frames_.push_back(std::move(frame));
  }
  void pop() override {
    Frame& frame = frames_.back();
    if (frame.made) spares_.push_back({frame.items, std::move(frame.made)});
    frames_.pop_back();
  }

  // Innermost frame first, a dotted name ("entry.code") followed from the
  // first frame that has its first part all the way through: as kainjow's.
  const MData* get(const std::string& name) const override {
    if (name == ".") return frames_.back().data;
    if (name.find('.') == std::string::npos) {
      for (auto frame = frames_.rbegin(); frame != frames_.rend(); ++frame)
        if (const MData* found = frame->data->get(name)) return found;
      return nullptr;
    }
    // kainjow's split() builds a stringstream for every lookup.
    thread_local std::string part;
    for (auto frame = frames_.rbegin(); frame != frames_.rend(); ++frame) {
      const MData* found = frame->data;
      for (std::size_t start = 0; found && start < name.size();) {
        std::size_t end = name.find('.', start);
        if (end == std::string::npos) end = name.size();
        part.assign(name, start, end - start);
        found = found->get(part);
        start = end + 1;
      }
      if (found) return found;
    }
    return nullptr;
  }

  const MData* get_partial(const std::string& name) const override {
    auto it = partials_.find(name);
    return it == partials_.end() ? nullptr : &it->second;
  }

 private:
  struct Frame {
    const MData* data;
    std::unique_ptr<MData> made;  // a lazy item's data, while it is in scope
    const LazyItems* items;       // whose item it is
  };
  struct Spare {
    const LazyItems* items;
    std::unique_ptr<MData> data;
  };

  // Data a lazy item of `items` left, or new data.
  std::unique_ptr<MData> spare_for(const LazyItems* items) {
    for (auto it = spares_.rbegin(); it != spares_.rend(); ++it)
      if (it->items == items) {
        std::unique_ptr<MData> data = std::move(it->data);
        spares_.erase(std::next(it).base());
        return data;
      }
    return std::make_unique<MData>();
  }

  std::vector<Frame> frames_;
  std::vector<Spare> spares_;
  const std::map<std::string, MData>& partials_;
};

}  // namespace

bool TemplateSet::load(const std::string& override_dir, std::string& error) {
  files_.clear();
  compiled_.clear();
  overridden_.clear();
  for (const BuiltinTemplate& t : builtin_templates()) files_[t.name] = t.content;

  if (!override_dir.empty()) {
    std::error_code ec;
    if (!fs::is_directory(override_dir, ec)) {
      error = "templates folder not found: " + override_dir;
      return false;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(override_dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
      if (it->is_regular_file()) found.push_back(fs::relative(it->path(), override_dir).generic_string());
    if (ec) {
      error = "cannot read templates folder " + override_dir + ": " + ec.message();
      return false;
    }
    std::sort(found.begin(), found.end());
    for (const std::string& name : found) {
      if (!files_.count(name)) {
        std::string known;
        for (const auto& [file, text] : files_) known += (known.empty() ? "" : ", ") + file;
        error = override_dir + "/" + name + " is not a kbgen template (known: " + known + ")";
        return false;
      }
      std::ifstream in(fs::path(override_dir) / name, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (!in) {
        error = "cannot read " + override_dir + "/" + name;
        return false;
      }
      files_[name] = text.str();
      overridden_.push_back(name);
    }
  }

  partials_.clear();
  for (const auto& [name, text] : files_) {
    if (!is_template(name)) continue;
    auto compiled = std::make_unique<kainjow::mustache::mustache>(text);
    set_escape(name, *compiled);
    const std::string where = (std::find(overridden_.begin(), overridden_.end(), name) != overridden_.end()
                                   ? override_dir + "/"
                                   : std::string("built-in template ")) + name;
    if (!compiled->is_valid()) {
      error = where + ": " + compiled->error_message();
      return false;
    }
    for (const std::string& partial : scan_tags(text).partials)
      if (!files_.count(partial + kSuffix)) {
        error = where + ": partial {{> " + partial + "}} names no template (" + partial + kSuffix + ")";
        return false;
      }
    partials_.emplace(stem(name), kainjow::mustache::data(text));
    compiled_[stem(name)] = std::move(compiled);
  }

  // Every template is valid now; compile each again with its partials
  // written in (render/template_inline.h), keeping the plain one should the
  // expanded text not parse.
  std::map<std::string, std::string> partial_texts;
  for (const auto& [name, text] : files_)
    if (is_template(name)) partial_texts.emplace(stem(name), text);
  for (const auto& [name, text] : files_) {
    if (!is_template(name)) continue;
    const std::string expanded = inline_partials(text, partial_texts, kInlineDepth);
    if (expanded == text) continue;
    auto compiled = std::make_unique<kainjow::mustache::mustache>(expanded);
    set_escape(name, *compiled);
    if (compiled->is_valid()) compiled_[stem(name)] = std::move(compiled);
  }
  return true;
}

const std::string& TemplateSet::text(const std::string& name) const { return files_.at(name); }

namespace {

// Whether `found` holds for page template `name` or a partial it includes
// (each file's text and tags), or the partials cannot be told: under other
// delimiters, assume the worst.
bool any_included(const std::map<std::string, std::string>& files, const std::string& name,
                  const std::function<bool(const std::string& text, const TemplateTags& tags)>& found) {
  std::set<std::string> seen;
  std::vector<std::string> to_read = {name};
  while (!to_read.empty()) {
    const std::string stem_name = std::move(to_read.back());
    to_read.pop_back();
    if (!seen.insert(stem_name).second) continue;
    const auto file = files.find(stem_name + kSuffix);
    if (file == files.end()) continue;
    const TemplateTags tags = scan_tags(file->second);
    if (found(file->second, tags) || tags.changes_delimiters) return true;
    for (const std::string& partial : tags.partials) to_read.push_back(partial);
  }
  return false;
}

}  // namespace

bool TemplateSet::mentions(const std::string& name, std::string_view word) const {
  // As a word: "has_steps" does not mention "steps"; "{{entry.steps}}"
  // and "{{> runbook-steps}}" do (the latter needlessly, but safely).
  return any_included(files_, name, [word](const std::string& text, const TemplateTags&) {
    const auto in_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1))
      if ((at == 0 || !in_word(text[at - 1])) && (at + word.size() == text.size() || !in_word(text[at + word.size()])))
        return true;
    return false;
  });
}

bool TemplateSet::looks_up(const std::string& name, const std::string& root) const {
  return any_included(files_, name,
                      [&root](const std::string&, const TemplateTags& tags) { return tags.roots.count(root) > 0; });
}

namespace {

// kainjow renders into any stream with operator<<; appending to a string
// skips std::ostringstream's overhead and the copy out of it.
struct StringSink {
  std::string text;
  StringSink& operator<<(const std::string& piece) {
    text += piece;
    return *this;
  }
};

}  // namespace

void TemplateSet::render_to(const std::string& name, const kainjow::mustache::data& data,
                            const std::function<void(const std::string&)>& sink) const {
  struct CallingSink {
    const std::function<void(const std::string&)>& call;
    CallingSink& operator<<(const std::string& piece) {
      call(piece);
      return *this;
    }
  } calling{sink};
  TemplateScope context(&data, partials_);
  compiled_.at(name)->render(context, calling);
}

std::string TemplateSet::render(const std::string& name, const kainjow::mustache::data& data) const {
  TemplateScope context(&data, partials_);
  StringSink sink;
  compiled_.at(name)->render(context, sink);
  return std::move(sink.text);
}

}  // namespace kbgen
