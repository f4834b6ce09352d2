#include "render/site_files.h"

#include <array>
#include <cstdint>
#include <functional>
#include <string_view>

#include "dedupe/normalize.h"
#include "render/json_writer.h"
#include "render/templates.h"  // html_escape: XML's five entities too

namespace kbgen {
namespace {

constexpr std::size_t kMaxSearchWords = 100;

// The first kMaxSearchWords distinct words of texts given in reading order,
// as normalize_text() splits the texts joined by spaces. Each text is
// normalized alone, so the texts after the cap is reached are never
// converted or read; that equals normalizing the whole join as long as no
// text holds "](", the one place where normalization reads past a space (a
// link destination is skipped to its closing parenthesis). From the first
// text that does, the rest is joined and normalized at once.
class SearchWords {
 public:
  // False once the cap is reached: later texts cannot add a word.
  bool add(std::string_view text) {
    if (full()) return false;
    if (!joined_ && text.find("](") == std::string_view::npos) {
      take(normalize_text(text));
      return !full();
    }
    joined_ = true;
    rest_ += text;
    rest_ += ' ';
    return true;
  }
  bool add_steps(const std::vector<LinkedStep>& steps) {
    for (const LinkedStep& s : steps)
      if (!add(markdown_to_text(s.text.get())) || !add_steps(s.steps)) return false;
    return true;
  }
  std::string finish() {
    if (joined_) take(normalize_text(rest_));
    return std::move(words_);
  }

 private:
  bool full() const { return taken_ == kMaxSearchWords; }
  void take(std::string_view normal) {
    for (std::size_t start = 0; start < normal.size() && !full();) {
      std::size_t end = normal.find(' ', start);
      if (end == std::string_view::npos) end = normal.size();
      const std::string_view word = normal.substr(start, end - start);
      if (word.size() > 2) add_word(word);
      start = end + 1;
    }
  }
  // Appends `word` unless it is there already. The words taken are found by
  // an open-addressed table of their places in words_, at most half full,
  // so a word costs a hash and no allocation (a set of strings cost an
  // allocation or two for every word of every entry).
  void add_word(std::string_view word) {
    for (std::size_t i = std::hash<std::string_view>{}(word) % kSlots;; i = (i + 1) % kSlots) {
      Place& place = places_[i];
      if (place.size == 0) {
        if (!words_.empty()) words_ += ' ';
        place = {static_cast<std::uint32_t>(words_.size()), static_cast<std::uint32_t>(word.size())};
        words_ += word;
        ++taken_;
        return;
      }
      if (std::string_view(words_).substr(place.offset, place.size) == word) return;
    }
  }
  struct Place {
    std::uint32_t offset = 0, size = 0;  // size 0: a free slot (words are 3 bytes or more)
  };
  static constexpr std::size_t kSlots = 2 * kMaxSearchWords + 56;
  std::array<Place, kSlots> places_{};
  std::size_t taken_ = 0;
  std::string words_;
  std::string rest_;  // the joined texts, from the first that holds "]("
  bool joined_ = false;
};

}  // namespace

// The distinct words of an entry (three letters or more, the first
// kMaxSearchWords in reading order): what the search box matches "words of
// the text" against. Capped so that the index of a large KB stays small
// enough for a browser to load (title, code and aliases are always whole).
std::string search_words(const Entry& e, const EntryTrees& l) {
  SearchWords words;
  if (words.add(e.title.value) && words.add(markdown_to_text(l.summary.get())) &&
      words.add(markdown_to_text(l.description.get()))) {
    bool more = true;
    for (std::size_t c = 0; more && c < e.causes.size(); ++c)
      more = words.add(e.causes[c].title.value) && words.add(markdown_to_text(l.cause_details[c].get()));
    more = more && words.add_steps(l.diagnosis) && words.add_steps(l.fix) && words.add_steps(l.verification) &&
           words.add_steps(l.prevention);
  }
  return words.finish();
}

std::string search_index_item(const Entry& e, const std::string& summary_text, const std::string& words) {
  JsonWriter w(-1);
  const auto text = [&](const Text& t) { w.value(t.value); };
  w.begin_object();
  w.field("code", e.code.value);
  w.field("title", e.title.value);
  w.array("aliases", e.aliases, text);
  w.field("summary", summary_text);
  w.field("product", e.product.value);
  w.field("category", e.category.value);
  w.array("tags", e.tags, text);
  w.field("url", entry_path(std::string(e.code.value)));
  w.field("text", words);
  w.end_object();
  return w.take();
}

// The bytes are those of dumping the whole index at once (compact, as
// nlohmann writes it); the script escapes "<" so that "</" in a string
// cannot end the script early.
bool SearchIndexFiles::open(StagedOutput& out, std::string& error) {
  json_ = out.open(kPieceFilePaths[kSearchIndexPiece], error);
  if (json_) script_ = out.open("assets/search-index.js", error);
  return json_ && script_ && script_->append("window.KBGEN_SEARCH_INDEX = ", error) &&
         append("{\"root_relative\":true,\"entries\":[", error);
}

bool SearchIndexFiles::append(std::string_view json, std::string& error) {
  if (!json_->append(json, error)) return false;
  std::string safe;
  safe.reserve(json.size());
  for (char c : json) {
    if (c == '<') safe += "\\u003c";
    else safe += c;
  }
  return script_->append(safe, error);
}

bool SearchIndexFiles::add(const std::string& item, std::uint64_t& offset, std::string& error) {
  const bool first = first_;
  first_ = false;
  if (!first && !append(",", error)) return false;
  offset = json_->size();
  return append(item, error);
}

bool SearchIndexFiles::close(StagedOutput& out, std::string& error) {
  return append("]}", error) && json_->append("\n", error) && script_->append(";\n", error) &&
         out.close(std::move(json_), error) && out.close(std::move(script_), error);
}

std::string sitemap_head(const std::string& base_url) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n" +
         sitemap_url(base_url, "");
}

std::string sitemap_url(const std::string& base_url, const std::string& path) {
  return "  <url><loc>" + html_escape(base_url + path) + "</loc></url>\n";
}

}  // namespace kbgen
