// The manifest's entry records (what an incremental build reuses of each
// entry, render/reuse.h): they survive a round trip whatever their text
// holds, and a damaged record makes the build trust none of them.
#include <catch2/catch.hpp>

#include "output/manifest.h"

using namespace kbgen;

namespace {

Manifest with_records() {
  Manifest m;
  m.build_key = "exe=1:2";
  m.entries = 2;
  EntryRecord a;
  a.code = "A-1";
  a.key = {0x0123456789abcdefULL, 0xfedcba9876543210ULL};
  a.summary_html = "Use <a href=\"kbgen:B 2\">B 2</a>\twith a\\b\nand more";
  a.summary_md = "";
  a.pieces[kSearchIndexPiece] = piece_at(17, HashedPiece::of("{\"code\":\"A-1\"}"));
  a.pieces[kRunbookMdPiece] = {true, 1ULL << 40, 5, 0};
  EntryRecord b;
  b.code = "B 2";
  m.entry_records = {a, b};
  m.outputs["index.html"] = {hash_content("x"), 1, 3};
  return m;
}

}  // namespace

TEST_CASE("manifest: entry records round-trip, read only when asked", "[output][manifest]") {
  const Manifest m = with_records();
  Manifest read;
  REQUIRE(parse_manifest(manifest_text(m), read));
  CHECK(read.entry_records.empty());
  CHECK(read.outputs.count("index.html") == 1);
  std::vector<EntryRecord> records;
  REQUIRE(parse_entry_records(read, records));
  REQUIRE(records.size() == 2);
  const EntryRecord& a = records[0];
  CHECK(a.code == "A-1");
  CHECK(a.key == m.entry_records[0].key);
  CHECK(a.summary_html == m.entry_records[0].summary_html);
  CHECK(a.summary_md.empty());
  for (std::size_t p = 0; p < kPieceFiles; ++p) {
    const EntryPiece &x = a.pieces[p], &y = m.entry_records[0].pieces[p];
    CHECK(x.present == y.present);
    CHECK(x.offset == y.offset);
    CHECK(x.size == y.size);
    CHECK(x.hash == y.hash);
  }
  CHECK(records[1].code == "B 2");
  CHECK_FALSE(records[1].pieces[kApiIndexPiece].present);
}

TEST_CASE("manifest: a damaged entry record loses them all", "[output][manifest]") {
  const std::string text = manifest_text(with_records());
  const std::size_t summary = text.find("Use");
  REQUIRE(summary != std::string::npos);
  for (const std::string& damaged :
       {text.substr(0, summary) + "use" + text.substr(summary + 3),  // a fact changed, checksum not
        text.substr(0, text.size() - 3) + "\n"}) {                   // a checksum cut
    Manifest read;
    std::vector<EntryRecord> records;
    CHECK_FALSE((parse_manifest(damaged, read) && parse_entry_records(read, records)));
    CHECK(records.empty());
  }
}

TEST_CASE("manifest: a big manifest is written in whole lines of about a megabyte", "[output][manifest]") {
  Manifest m = with_records();
  for (int i = 0; i < 20000; ++i) {
    EntryRecord r = m.entry_records[0];
    r.code = "GEN-" + std::to_string(i);
    r.summary_html.append(static_cast<std::size_t>(i % 97), 'x');
    m.entry_records.push_back(std::move(r));
    m.outputs["codes/GEN-" + std::to_string(i) + "/index.html"] = {hash_content(std::to_string(i)), 10, 3};
  }
  const std::string whole = manifest_text(m);
  REQUIRE(whole.size() > 3 * (1u << 20));
  std::vector<std::string> chunks;
  REQUIRE(write_manifest_text(m, [&](std::string_view chunk) {
    chunks.emplace_back(chunk);
    return true;
  }));
  CHECK(chunks.size() >= 3);
  std::string joined;
  for (const std::string& chunk : chunks) {
    CHECK(chunk.back() == '\n');
    CHECK(chunk.size() < (1u << 20) + 4096);
    joined += chunk;
  }
  CHECK(joined == whole);
  Manifest read;
  REQUIRE(parse_manifest(joined, read));
  std::vector<EntryRecord> records;
  REQUIRE(parse_entry_records(read, records));
  CHECK(records.size() == m.entry_records.size());

  // A write that fails stops the rest.
  int calls = 0;
  CHECK_FALSE(write_manifest_text(m, [&](std::string_view) { return ++calls < 2; }));
  CHECK(calls == 2);
}
