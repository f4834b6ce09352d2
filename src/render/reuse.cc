#include "render/reuse.h"

#include <cstdlib>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output/file_ops.h"
#include "render/renderer.h"
#include "util/parallel.h"

namespace kbgen {
namespace {

// Feeds values to XXH3-128, each text with its length so that no two
// sequences of fields hash alike by running into each other.
class KeyHasher {
 public:
  void number(std::uint64_t n) { hasher_.update({reinterpret_cast<const char*>(&n), sizeof n}); }
  void text(std::string_view s) {
    number(s.size());
    hasher_.update(s);
  }
  void text(const Text& t) {
    number(t.present());
    text(std::string_view(t.value));
  }
  void hash(const ContentHash& h) {
    number(h.high);
    number(h.low);
  }
  template <typename Item, typename Each>
  void list(const std::vector<Item>& items, Each each) {
    number(items.size());
    for (const Item& item : items) each(item);
  }
  void texts(const std::vector<Text>& items) {
    list(items, [this](const Text& t) { text(t); });
  }
  void steps(const std::vector<Step>& list) {
    number(list.size());
    for (const Step& s : list) {
      text(s.text);
      steps(s.steps);
    }
  }
  ContentHash digest() const { return hasher_.digest(); }

 private:
  ContentHasher hasher_;
};

// Every field of the merged entry, and where it was read from (the JSON
// API shows each source's path, line and column).
void add_entry(KeyHasher& h, const RenderContext& ctx, const Entry& e) {
  for (const Text* t : {&e.code, &e.title, &e.summary, &e.description, &e.product, &e.category, &e.reviewed,
                        &e.owner})
    h.text(*t);
  h.texts(e.tags);
  h.texts(e.aliases);
  h.list(e.causes, [&](const Cause& c) { h.text(c.title); h.text(c.detail); });
  h.steps(e.diagnosis);
  h.steps(e.fix);
  h.steps(e.verification);
  h.steps(e.prevention);
  h.list(e.examples, [&](const Example& x) { h.text(x.title); h.text(x.language); h.text(x.code); });
  h.list(e.related, [&](const Related& r) { h.text(r.code); h.text(r.note); });
  h.list(e.references, [&](const Reference& r) { h.text(r.title); h.text(r.url); });
  h.list(e.extensions, [&](const Extension& x) { h.text(x.key); h.text(x.value.dump()); });
  h.list(e.lists_present, [&](const auto& named) { h.text(named.first); });
  const LinkedKb& kb = *ctx.kb;
  h.number(e.sources.size());
  for (const SourcePos& pos : e.sources) {
    h.text(pos.file < kb.source_paths.size() ? kb.source_paths[pos.file] : std::string());
    const LineColumn lc = kb.sources ? kb.sources->line_column(pos) : LineColumn{};
    h.number(lc.line);
    h.number(lc.column);
  }
}

// An entry another one links to (related, backlink) shows with its code and
// title.
void add_link(KeyHasher& h, const RenderContext& ctx, std::size_t target) {
  if (target == kNoEntry) {
    h.number(0);
    return;
  }
  h.number(1);
  h.text(ctx.entry(target).code.value);
  h.text(ctx.entry(target).title.value);
}

}  // namespace

ContentHash render_globals(const RenderContext& ctx, const TemplateSet& templates, const std::string& identity) {
  KeyHasher h;
  h.text(identity);
  for (const BuiltinTemplate& t : builtin_templates()) {
    h.text(t.name);
    h.text(templates.text(t.name));
  }
  h.number(ctx.outputs.size());
  for (const std::string& o : ctx.outputs) h.text(o);
  const Config& config = ctx.kb->config;
  h.text(config.title);
  h.text(config.base_url);
  h.number(static_cast<std::uint64_t>(config.stale_after_days));
  h.number(ctx.kb->entries.size());
  // A filtered runbook links only to the entries it holds.
  h.number(ctx.runbook_filter.size());
  for (const std::string& term : ctx.runbook_filter) h.text(term);
  if (!ctx.runbook_filter.empty())
    for (std::size_t i = 0; i < ctx.kb->entries.size(); ++i)
      if (in_runbook(ctx, i)) h.number(i);
  // Mentions link any name of the index to its entry, titled with the
  // entry's title: any change of a name or a title renders every entry.
  // Summed per name, as the index has no order.
  ContentHash names;
  std::string name_fact;
  for (const auto& [name, target] : ctx.kb->by_name) {
    const Entry& t = ctx.entry(target);
    name_fact.clear();
    name_fact.append(name).append(1, '\0').append(t.code.value).append(1, '\0').append(t.title.value);
    const ContentHash one = hash_content(name_fact);
    names.high += one.high;
    names.low += one.low;
  }
  h.number(ctx.kb->by_name.size());
  h.hash(names);
  return h.digest();
}

ContentHash render_key(const RenderContext& ctx, std::size_t i, const ContentHash& globals) {
  KeyHasher h;
  h.hash(globals);
  add_entry(h, ctx, ctx.entry(i));
  const LinkedEntry& l = ctx.links(i);
  h.number(l.related.size());
  for (std::size_t target : l.related) add_link(h, ctx, target);
  h.number(l.backlinks.size());
  for (std::size_t b : l.backlinks) add_link(h, ctx, b);
  const auto [product, category] = ctx.group_of[i];
  h.text(ctx.products[product].anchor);
  h.text(ctx.products[product].categories[category].anchor);
  h.number(ctx.review_overdue[i]);
  h.number(ctx.building("runbook") && in_runbook(ctx, i));
  return h.digest();
}

std::vector<std::string> entry_files(const RenderContext& ctx, std::size_t i) {
  const std::string code(ctx.entry(i).code.value);
  std::vector<std::string> files;
  if (ctx.building("html")) files.push_back(entry_path(code));
  if (ctx.building("markdown")) files.push_back(markdown_page_path(code));
  if (ctx.building("json")) files.push_back(api_entry_path(code));
  return files;
}

std::vector<PieceFile> entry_pieces(const RenderContext& ctx, std::size_t i) {
  std::vector<PieceFile> pieces;
  if (ctx.building("html")) pieces.push_back(kSearchIndexPiece);
  if (ctx.building("json")) pieces.push_back(kApiIndexPiece);
  if (ctx.building("runbook") && in_runbook(ctx, i)) {
    pieces.push_back(kRunbookHtmlPiece);
    pieces.push_back(kRunbookMdPiece);
  }
  return pieces;
}

EntryReuse::~EntryReuse() {
  for (int fd : piece_fds_)
    if (fd >= 0) ::close(fd);
}

void EntryReuse::begin(const RenderContext& ctx, const TemplateSet& templates, const std::string& identity,
                       const Manifest* previous, StagedOutput& out) {
  const std::size_t entries = ctx.kb->entries.size();
  globals_ = render_globals(ctx, templates, identity);
  records.assign(entries, EntryRecord());
  std::string ignored;
  parallel_for(entries, ctx.jobs, [&](std::size_t i, std::string&) {
    records[i].code = ctx.entry(i).code.value;
    records[i].key = render_key(ctx, i, globals_);
    return true;
  }, ignored);
  reused_.assign(entries, 0);
  const char* verify = std::getenv("KBGEN_VERIFY_SKIP");
  verifying_ = verify && *verify && std::string_view(verify) != "0";
  if (previous) previous_page_keys_ = previous->list_page_keys;
  if (!previous || !parse_entry_records(*previous, previous_)) return;
  for (std::size_t r = 0; r < previous_.size(); ++r) previous_by_code_.emplace(previous_[r].code, r);
  // A piece is copied only from a file the manifest shows intact.
  for (std::size_t p = 0; p < kPieceFiles; ++p) {
    const OutputRecord* record = out.previous_intact(kPieceFilePaths[p]);
    if (!record) continue;
    const int fd = ::open((out.out_dir() + "/" + kPieceFilePaths[p]).c_str(), O_RDONLY | O_CLOEXEC);
    struct ::stat st;
    if (fd >= 0 && ::fstat(fd, &st) == 0 && static_cast<std::uint64_t>(st.st_size) == record->size &&
        file_ops::mtime_ns(st) == record->mtime_ns) {
      piece_fds_[p] = fd;
    } else if (fd >= 0) {
      ::close(fd);
    }
  }
}

const EntryRecord* EntryReuse::previous_of(std::size_t i) const {
  const auto found = previous_by_code_.find(records[i].code);
  if (found == previous_by_code_.end() || !(previous_[found->second].key == records[i].key)) return nullptr;
  return &previous_[found->second];
}

bool EntryReuse::read_piece(int fd, const EntryPiece& piece, std::string& bytes) const {
  if (fd < 0 || !piece.present) return false;
  bytes.resize(piece.size);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::pread(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(piece.offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return HashedPiece::hash_of(bytes) == piece.hash;
}

std::optional<ReusedEntry> EntryReuse::find(const RenderContext& ctx, std::size_t i, StagedOutput& out) {
  const EntryRecord* previous = previous_of(i);
  if (!previous) return std::nullopt;
  ReusedEntry reused;
  for (PieceFile p : entry_pieces(ctx, i)) {
    if (!read_piece(piece_fds_[p], previous->pieces[p], reused.pieces[p].bytes)) return std::nullopt;
    reused.pieces[p].hash = previous->pieces[p].hash;  // read_piece checked the bytes have it
  }
  const std::vector<std::string> files = entry_files(ctx, i);
  if (verifying_) {
    for (const std::string& file : files)
      if (!out.previous_intact(file)) return std::nullopt;
    reused_[i] = 1;
    return std::nullopt;
  }
  if (!out.keep_previous_all(files)) return std::nullopt;  // one is gone or changed: render it
  reused_[i] = 1;
  reused.summary_html = previous->summary_html;
  reused.summary_md = previous->summary_md;
  return reused;
}

namespace {

void add_listed(KeyHasher& h, const std::vector<std::size_t>& entries, const std::vector<ContentHash>& digests) {
  h.number(entries.size());
  for (std::size_t i : entries) h.hash(digests[i]);
}

}  // namespace

std::vector<ContentHash> EntryReuse::listed_digests(const RenderContext& ctx, const SummaryOf& summary) {
  std::vector<ContentHash> digests(ctx.kb->entries.size());
  std::string unused;
  parallel_for(digests.size(), ctx.jobs, [&](std::size_t i, std::string&) {
    const Entry& e = ctx.entry(i);
    KeyHasher h;
    h.text(e.code.value);
    h.text(e.title.value);
    h.text(summary(i));
    h.texts(e.aliases);
    h.texts(e.tags);
    digests[i] = h.digest();
    return true;
  }, unused);
  return digests;
}

ContentHash EntryReuse::list_page_key(std::string_view page, const std::vector<std::size_t>& entries,
                                      const std::vector<ContentHash>& digests) const {
  KeyHasher h;
  h.hash(globals_);
  h.text(page);
  add_listed(h, entries, digests);
  return h.digest();
}

ContentHash EntryReuse::home_page_key(const RenderContext& ctx, std::string_view page,
                                      const std::vector<ContentHash>& digests) const {
  KeyHasher h;
  h.hash(globals_);
  h.text(page);
  h.number(ctx.products.size());
  for (const ProductGroup& p : ctx.products) {
    h.text(p.name);
    h.text(p.anchor);
    h.number(p.count);
    h.number(p.categories.size());
    for (const CategoryGroup& c : p.categories) {
      h.text(c.name);
      h.text(c.anchor);
      add_listed(h, c.entries, digests);
    }
  }
  h.number(ctx.tags.size());
  for (const auto& [tag, entries] : ctx.tags) {
    h.text(tag);
    h.number(entries.size());
  }
  return h.digest();
}

bool EntryReuse::keep_list_page(const std::string& path, const ContentHash& key, StagedOutput& out) {
  {
    std::lock_guard<std::mutex> lock(pages_mutex_);
    list_page_keys[path] = key;
  }
  const auto previous = previous_page_keys_.find(path);
  if (previous == previous_page_keys_.end() || !(previous->second == key)) return false;
  if (!verifying_) return out.keep_previous(path);
  if (out.previous_intact(path)) {
    std::lock_guard<std::mutex> lock(pages_mutex_);
    pages_to_verify_.push_back(path);
  }
  return false;
}

std::size_t EntryReuse::reused() const {
  std::size_t n = 0;
  for (char r : reused_) n += r != 0;
  return n;
}

bool EntryReuse::verify(const RenderContext& ctx, StagedOutput& out, std::string& error) const {
  if (!verifying_) return true;
  for (const std::string& page : pages_to_verify_)
    if (out.is_staged(page)) {
      error = "KBGEN_VERIFY_SKIP: " + page + " would have been kept, but renders differently now";
      return false;
    }
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!reused_[i]) continue;
    const EntryRecord& now = records[i];
    const EntryRecord& then = *previous_of(i);
    std::string what;
    if (ctx.building("html") && now.summary_html != then.summary_html) what = "its summary (HTML)";
    if (ctx.building("markdown") && now.summary_md != then.summary_md) what = "its summary (Markdown)";
    for (PieceFile p : entry_pieces(ctx, i)) {
      const EntryPiece &a = now.pieces[p], &b = then.pieces[p];
      // A runbook rendered whole after the pass records no pieces.
      if (a.present && (a.size != b.size || a.hash != b.hash)) what = std::string("its part of ") + kPieceFilePaths[p];
    }
    for (const std::string& file : entry_files(ctx, i))
      if (out.is_staged(file)) what = file;
    if (!what.empty()) {
      error = "KBGEN_VERIFY_SKIP: entry " + now.code + " would have been reused, but " + what +
              " renders differently now";
      return false;
    }
  }
  return true;
}

}  // namespace kbgen
