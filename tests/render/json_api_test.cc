// The JSON API (SPEC §6, docs/outputs.md): OUT/api/index.json and
// OUT/api/codes/<CODE>.json, built in-process from the sample KB and from
// small knowledge bases written to temporary folders.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/dates.h"
#include "load/disk.h"
#include "pipeline.h"
#include "support/temp_dir.h"

using namespace kbgen;
using namespace kbgen::testing;
using Json = nlohmann::json;

namespace {

const std::string kSampleKb = std::string(KBGEN_SOURCE_DIR) + "/kb";
const std::string kBase = "https://kb.example.com/entra/";  // kb/kbgen.json's base_url

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Builds `kb_dir` with --only json into `out`; fails the test when it does not build.
void build_json(const std::string& kb_dir, const std::string& out) {
  RealDisk disk;
  CheckOptions options;
  options.today = *parse_iso_date("2026-11-24");
  BuildOptions build;
  build.out_dir = out;
  build.only = {"json"};
  const BuildResult result = run_build(kb_dir, disk, options, std::nullopt, build);
  INFO("fatal: " << result.checked.fatal << "; error: " << result.error
                 << "; errors: " << result.checked.diagnostics.count(Severity::Error));
  REQUIRE(result.built);
}

Json read_json(const std::filesystem::path& path) {
  REQUIRE(std::filesystem::is_regular_file(path));
  return Json::parse(slurp(path));
}

std::vector<std::string> codes_of(const Json& list) {
  std::vector<std::string> out;
  for (const Json& item : list) out.push_back(item.at("code").get<std::string>());
  return out;
}

bool contains(const Json& array, const std::string& value) {
  for (const Json& item : array)
    if (item.is_string() && item.get<std::string>() == value) return true;
  return false;
}

// Every file under `dir`, relative path -> bytes.
std::map<std::string, std::string> tree(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& f : std::filesystem::recursive_directory_iterator(dir))
    if (f.is_regular_file()) files[std::filesystem::relative(f.path(), dir).generic_string()] = slurp(f.path());
  return files;
}

const std::vector<std::string> kSampleCodes = {"AADSTS50076", "AADSTS53000", "AADSTS53001", "AADSTS53002",
                                               "AADSTS53003", "AADSTS53004", "AADSTS53009"};

}  // namespace

TEST_CASE("json api: index.json lists every code of the sample KB in order, with its page URL",
          "[render][json]") {
  TempDir tmp("json-api");
  build_json(kSampleKb, tmp.str() + "/out");
  const Json index = read_json(tmp.path() / "out/api/index.json");

  CHECK(index.at("title") == "Microsoft Entra Conditional Access sign-in errors");
  CHECK(index.at("count") == kSampleCodes.size());
  CHECK(codes_of(index.at("entries")) == kSampleCodes);
  for (const Json& e : index.at("entries")) {
    const std::string code = e.at("code");
    INFO(code);
    CHECK(e.at("url") == kBase + "codes/" + code + "/");
    CHECK(e.at("title").is_string());
    CHECK(e.at("summary").is_string());
    CHECK(e.at("product") == "Microsoft Entra ID");
    CHECK(std::filesystem::is_regular_file(tmp.path() / ("out/api/codes/" + code + ".json")));
  }
  // The summary is the Markdown source, not HTML or plain text.
  const Json& first = index.at("entries").at(0);
  CHECK(first.at("code") == "AADSTS50076");
  CHECK(first.at("aliases") == Json::array({"50076"}));
  const Json& blocked = index.at("entries").at(4);
  CHECK(blocked.at("summary").get<std::string>().find("**Block access**") != std::string::npos);
  // Only the API: --only json writes no HTML.
  CHECK_FALSE(std::filesystem::exists(tmp.path() / "out/index.html"));
  std::size_t code_files = 0;
  for (const auto& f : std::filesystem::directory_iterator(tmp.path() / "out/api/codes")) {
    (void)f;
    ++code_files;
  }
  CHECK(code_files == kSampleCodes.size());
}

TEST_CASE("json api: an entry spread over two files has both sources, merged lists and links",
          "[render][json]") {
  TempDir tmp("json-api");
  build_json(kSampleKb, tmp.str() + "/out");
  const Json e = read_json(tmp.path() / "out/api/codes/AADSTS53003.json");

  CHECK(e.at("code") == "AADSTS53003");
  CHECK(e.at("title") == "BlockedByConditionalAccess");
  CHECK(e.at("url") == kBase + "codes/AADSTS53003/");

  const Json sources = e.at("sources");
  REQUIRE(sources.size() == 2);
  CHECK(sources[0] == Json{{"path", "conditional-access/AADSTS53003.json"}, {"line", 1}, {"column", 1}});
  CHECK(sources[1] ==
        Json{{"path", "conditional-access/AADSTS53003.prevention.json"}, {"line", 1}, {"column", 1}});

  // prevention: the main file's items first, then the second file's.
  const Json prevention = e.at("prevention");
  REQUIRE(prevention.size() == 7);
  CHECK(prevention[0].get<std::string>().rfind("Create every block policy in **Report-only** mode", 0) == 0);
  CHECK(prevention[3].get<std::string>().rfind("Publish a short access-requirements page", 0) == 0);
  CHECK(prevention[6].get<std::string>().rfind("Export Conditional Access policies with Microsoft Graph", 0) == 0);
  // references from both files too
  bool report_only = false;
  for (const Json& r : e.at("references")) report_only |= r.at("title") == "Conditional Access report-only mode";
  CHECK(report_only);

  // related: resolved, with the target's title, the note and the page URL.
  const Json related = e.at("related");
  CHECK(codes_of(related) == std::vector<std::string>{"AADSTS50076", "AADSTS53000", "AADSTS53004"});
  CHECK(related[0].at("title") == "UserStrongAuthRequired");
  CHECK(related[1].at("title") == "DeviceNotCompliant");
  CHECK(related[0].at("url") == kBase + "codes/AADSTS50076/");
  CHECK(related[0].at("note").get<std::string>().rfind("AADSTS50076 ", 0) == 0);

  // backlinks: every entry whose related names AADSTS53003, in entry order.
  const Json backlinks = e.at("backlinks");
  CHECK(codes_of(backlinks) ==
        std::vector<std::string>{"AADSTS50076", "AADSTS53000", "AADSTS53001", "AADSTS53002", "AADSTS53004"});
  CHECK(backlinks[3].at("title") == "ApplicationUsedIsNotAnApprovedApp");
  CHECK(backlinks[3].at("url") == kBase + "codes/AADSTS53002/");

  // Markdown stays source; steps keep their structure; causes keep their form.
  CHECK(e.at("diagnosis")[1].at("text").get<std::string>().find("**Entra ID > Monitoring") != std::string::npos);
  CHECK(e.at("diagnosis")[1].at("steps").size() == 3);
  CHECK(e.at("diagnosis")[0].is_string());
  CHECK(e.at("causes")[0].at("title") == "Location block");
  CHECK(e.at("causes")[5].is_string());
  CHECK(e.at("examples")[0].at("language") == "javascript");
  CHECK(e.at("reviewed").is_string());
  CHECK(e.at("review_overdue").is_boolean());
}

TEST_CASE("json api: related written as an alias resolves to the real code, and absent fields are left out",
          "[render][json]") {
  TempDir tmp("json-api");
  // No base_url: URLs are relative to OUT.
  tmp.write("kb/kbgen.json", R"({"title": "Alias test"})");
  tmp.write("kb/a.json", R"({
  "code": "E1",
  "title": "First",
  "summary": "The *first* error.",
  "fix": ["Restart the widget service.", {"text": "Clear the cache:", "steps": ["Stop the agent.", "Delete the cache folder."]}],
  "related": ["legacy-two", {"code": "E3", "note": "E3 is the *other* one."}],
  "x-team": {"b": 1, "a": [true, null, "s"]}
})");
  tmp.write("kb/b.json", R"([
  {"code": "E2", "title": "Second", "summary": "The second error.", "aliases": ["legacy-two"],
   "product": "Widgets", "fix": ["Replace the widget battery."]},
  {"code": "E3", "title": "Third", "summary": "The third error.", "fix": ["Reinstall the widget driver."],
   "causes": ["A *loose* cable.", {"title": "Old driver", "detail": "Driver 1.x is installed."}]}
])");
  build_json(tmp.str() + "/kb", tmp.str() + "/out");

  const Json e1 = read_json(tmp.path() / "out/api/codes/E1.json");
  REQUIRE(e1.at("related").size() == 2);
  CHECK(e1.at("related")[0] == Json{{"code", "E2"}, {"title", "Second"}, {"url", "codes/E2/index.html"}});
  CHECK(e1.at("related")[1] == Json{{"code", "E3"},
                                     {"title", "Third"},
                                     {"note", "E3 is the *other* one."},
                                     {"url", "codes/E3/index.html"}});
  CHECK(e1.at("url") == "codes/E1/index.html");
  CHECK(e1.at("summary") == "The *first* error.");
  CHECK(e1.at("fix")[0] == "Restart the widget service.");
  CHECK(e1.at("fix")[1] ==
        Json{{"text", "Clear the cache:"}, {"steps", {"Stop the agent.", "Delete the cache folder."}}});
  CHECK(e1.at("x-team") == Json{{"a", {true, nullptr, "s"}}, {"b", 1}});
  CHECK(e1.at("backlinks") == Json::array());
  CHECK(e1.at("review_overdue") == false);
  CHECK(e1.at("sources") == Json::array({Json{{"path", "a.json"}, {"line", 1}, {"column", 1}}}));
  for (const char* absent : {"description", "product", "category", "tags", "aliases", "causes", "diagnosis",
                             "verification", "prevention", "examples", "references", "reviewed", "owner"})
    CHECK_FALSE(e1.contains(absent));

  const Json e2 = read_json(tmp.path() / "out/api/codes/E2.json");
  CHECK(e2.at("backlinks") == Json::array({Json{{"code", "E1"}, {"title", "First"}, {"url", "codes/E1/index.html"}}}));
  CHECK(e2.at("related") == Json::array());
  // The second object of b.json starts on line 4, column 3.
  const Json e3 = read_json(tmp.path() / "out/api/codes/E3.json");
  CHECK(e3.at("sources") == Json::array({Json{{"path", "b.json"}, {"line", 4}, {"column", 3}}}));
  CHECK(e3.at("causes") ==
        Json::array({"A *loose* cable.", Json{{"title", "Old driver"}, {"detail", "Driver 1.x is installed."}}}));

  const Json index = read_json(tmp.path() / "out/api/index.json");
  CHECK(index.at("title") == "Alias test");
  CHECK(index.at("count") == 3);
  REQUIRE(index.at("entries").size() == 3);
  const Json& i1 = index.at("entries")[0];
  CHECK(i1 == Json{{"code", "E1"}, {"title", "First"}, {"summary", "The *first* error."}, {"url", "codes/E1/index.html"}});
  const Json& i2 = index.at("entries")[1];
  CHECK(i2.at("product") == "Widgets");
  CHECK(contains(i2.at("aliases"), "legacy-two"));
  CHECK_FALSE(i2.contains("category"));
  CHECK_FALSE(i2.contains("tags"));
}

TEST_CASE("json api: a fixed key order, two-space indent and a final newline", "[render][json]") {
  TempDir tmp("json-api");
  build_json(kSampleKb, tmp.str() + "/out");
  const std::string index = slurp(tmp.path() / "out/api/index.json");
  CHECK(index.rfind("{\n  \"title\": ", 0) == 0);
  CHECK(index.find("\n  \"count\": 7,\n  \"entries\": [\n") != std::string::npos);
  CHECK(index.back() == '\n');
  const std::string entry = slurp(tmp.path() / "out/api/codes/AADSTS53003.json");
  const std::vector<std::string> order = {"\"code\"",     "\"title\"",      "\"summary\"",  "\"description\"",
                                          "\"product\"",  "\"category\"",   "\"tags\"",     "\"aliases\"",
                                          "\"causes\"",   "\"diagnosis\"",  "\"fix\"",      "\"verification\"",
                                          "\"prevention\"", "\"examples\"", "\"references\"", "\"reviewed\"",
                                          "\"owner\"",    "\"url\"",        "\"related\"",  "\"backlinks\"",
                                          "\"sources\"",  "\"review_overdue\""};
  std::size_t at = 0;
  for (const std::string& key : order) {
    INFO(key);
    const std::size_t found = entry.find("\n  " + key + ": ", at);
    REQUIRE(found != std::string::npos);
    at = found;
  }
  CHECK(entry.size() > 2);
  CHECK(entry.compare(entry.size() - 2, 2, "}\n") == 0);

  // Every file, the index (written item by item) too, is byte for byte the
  // two-space dump of its own content, keys in the order written.
  for (const auto& file : std::filesystem::recursive_directory_iterator(tmp.path() / "out/api")) {
    if (!file.is_regular_file()) continue;
    const std::string text = slurp(file.path());
    INFO(file.path());
    CHECK(text == nlohmann::ordered_json::parse(text).dump(2) + "\n");
  }
}

TEST_CASE("json api: output is byte-identical across two builds", "[render][json]") {
  TempDir tmp("json-api");
  build_json(kSampleKb, tmp.str() + "/one");
  build_json(kSampleKb, tmp.str() + "/two");
  const auto one = tree(tmp.path() / "one/api");
  const auto two = tree(tmp.path() / "two/api");
  CHECK(one.size() == kSampleCodes.size() + 1);
  REQUIRE(one.size() == two.size());
  for (const auto& [path, bytes] : one) {
    INFO(path);
    REQUIRE(two.count(path) == 1);
    CHECK(bytes == two.at(path));
  }
}
