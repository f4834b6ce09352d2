// diagnostics/format: text, json and github output of a small case.
#include <catch2/catch.hpp>

#include "diagnostics/format.h"

using namespace kbgen;

namespace {

struct Case {
  Sources sources;
  std::vector<Diagnostic> items;
};

// One error at 2:10 of kb/a.json (after a multi-byte character), one warning
// in a file whose name needs GitHub escaping, one finding about no file.
Case small_case() {
  Case c;
  const FileId a = c.sources.add({"kb/a.json", "a.json", "{\n  \"\xC3\xBCrl\": \"ftp://x\"\n}\n"});
  const FileId odd = c.sources.add({"kb/we,ird:50%.json", "we,ird:50%.json", "{}\n"});
  Diagnostic e;
  e.severity = Severity::Error;
  e.rule = "bad-url";
  e.message = "URL \"ftp://x\" must be http(s)";
  e.pos = {a, 12};
  c.items.push_back(e);
  Diagnostic w;
  w.severity = Severity::Warning;
  w.rule = "vague-step";
  w.message = "100% vague: see a,b\nnext line\r";
  w.pos = {odd, 0};
  w.other = SourcePos{a, 0};
  c.items.push_back(w);
  Diagnostic none;
  none.severity = Severity::Error;
  none.rule = "bad-config";
  none.message = "no file";
  c.items.push_back(none);
  return c;
}

std::string format(const Case& c, DiagnosticFormat format, bool color = false) {
  FormatOptions options;
  options.format = format;
  options.color = color;
  return format_diagnostics(c.items, c.sources, options);
}

}  // namespace

TEST_CASE("format: text", "[diagnostics][format]") {
  const Case c = small_case();
  CHECK(format(c, DiagnosticFormat::Text) ==
        "kb/a.json:2:10: error[bad-url]: URL \"ftp://x\" must be http(s)\n"
        "kb/we,ird:50%.json:1:1: warning[vague-step]: 100% vague: see a,b\nnext line\r"
        " (other place: kb/a.json:1:1)\n"
        "kbgen: error[bad-config]: no file\n");
  CHECK(describe_position({0, 12}, c.sources) == "kb/a.json:2:10");
  CHECK(describe_position({}, c.sources) == "kbgen");
}

TEST_CASE("format: text with colour", "[diagnostics][format]") {
  Case c = small_case();
  c.items.resize(1);
  CHECK(format(c, DiagnosticFormat::Text, true) ==
        "\x1b[1mkb/a.json:2:10:\x1b[0m \x1b[1;31merror\x1b[0m[bad-url]: URL \"ftp://x\" must be http(s)\n");
}

TEST_CASE("format: json", "[diagnostics][format]") {
  const Case c = small_case();
  CHECK(format(c, DiagnosticFormat::Json) ==
        R"j([
  {
    "file": "kb/a.json",
    "line": 2,
    "column": 10,
    "severity": "error",
    "rule": "bad-url",
    "message": "URL \"ftp://x\" must be http(s)"
  },
  {
    "file": "kb/we,ird:50%.json",
    "line": 1,
    "column": 1,
    "severity": "warning",
    "rule": "vague-step",
    "message": "100% vague: see a,b\nnext line\r (other place: kb/a.json:1:1)"
  },
  {
    "file": "kbgen",
    "line": 0,
    "column": 0,
    "severity": "error",
    "rule": "bad-config",
    "message": "no file"
  }
]
)j");
  CHECK(format_diagnostics({}, c.sources, FormatOptions{DiagnosticFormat::Json, false}) == "[]\n");
}

TEST_CASE("format: github workflow commands", "[diagnostics][format]") {
  const Case c = small_case();
  CHECK(format(c, DiagnosticFormat::Github) ==
        "::error file=kb/a.json,line=2,col=10,title=bad-url::URL \"ftp://x\" must be http(s)\n"
        "::warning file=kb/we%2Cird%3A50%25.json,line=1,col=1,title=vague-step::"
        "100%25 vague: see a,b%0Anext line%0D (other place: kb/a.json:1:1)\n"
        "::error file=kbgen,line=0,col=0,title=bad-config::no file\n");
  CHECK(format_diagnostics({}, c.sources, FormatOptions{DiagnosticFormat::Github, false}).empty());
}
