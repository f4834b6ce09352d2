// parse_markdown + markdown_to_html: what an entry's Markdown may publish.
// Raw HTML is dropped; only http(s): and mailto: links survive (their text
// stays either way); images never load: they become links or text.
#include <catch2/catch.hpp>

#include <string>

#include "link/markdown.h"
#include "render/context.h"

using namespace kbgen;

namespace {

std::string html_of(const std::string& markdown, bool inline_only = false) {
  CmarkTree doc = parse_markdown(markdown);
  return markdown_to_html(doc.get(), inline_only);
}

bool has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("link: markdown drops raw HTML blocks", "[link][render]") {
  CHECK(html_of("<script>alert(1)</script>\n\nafter") == "<p>after</p>");
  CHECK(html_of("<div onmouseover=\"alert(1)\">\n*inside*\n</div>\n\nafter") == "<p>after</p>");
  CHECK(html_of("before\n\n<img src=x onerror=alert(1)>\n\nafter") == "<p>before</p>\n<p>after</p>");
  CHECK(html_of("<!-- comment -->\n\ntext") == "<p>text</p>");
  CHECK(html_of("<style>body{display:none}</style>\n\ntext") == "<p>text</p>");
  // Nothing of cmark's own "raw HTML omitted" placeholder either.
  CHECK_FALSE(has(html_of("<iframe src=\"https://evil.example\"></iframe>\n\nx"), "<!--"));
}

TEST_CASE("link: markdown drops inline HTML and keeps the text around it", "[link][render]") {
  CHECK(html_of("a <b onclick=\"alert(1)\">bold</b> c") == "<p>a bold c</p>");
  CHECK(html_of("x <img src=x onerror=alert(1)> y") == "<p>x  y</p>");
  CHECK(html_of("x <script>alert(1)</script> y") == "<p>x alert(1) y</p>");
  CHECK(html_of("x <a href=\"javascript:alert(1)\">a</a> y") == "<p>x a y</p>");
  // Text that only looks like HTML is escaped, never passed through.
  CHECK(html_of("1 < 2 and a<b") == "<p>1 &lt; 2 and a&lt;b</p>");
  CHECK(html_of("&lt;script&gt;") == "<p>&lt;script&gt;</p>");
}

TEST_CASE("link: markdown unwraps links with unsafe schemes and keeps their text", "[link][render]") {
  CHECK(html_of("[x](javascript:alert(1))") == "<p>x</p>");
  CHECK(html_of("[x](JavaScript:alert(1))") == "<p>x</p>");
  CHECK(html_of("[x](<javascript:alert(1)>)") == "<p>x</p>");
  CHECK(html_of("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)") == "<p>x</p>");
  CHECK(html_of("[x](file:///etc/passwd)") == "<p>x</p>");
  CHECK(html_of("[x](vbscript:msgbox(1))") == "<p>x</p>");
  CHECK(html_of("<javascript:alert(1)>") == "<p>javascript:alert(1)</p>");
  CHECK(html_of("[x][r]\n\n[r]: javascript:alert(1)") == "<p>x</p>");
  CHECK(html_of("see [**bold** text](javascript:alert(1)) now") == "<p>see <strong>bold</strong> text now</p>");
  // Relative and protocol-relative links are not published either.
  CHECK(html_of("[x](../../etc/passwd)") == "<p>x</p>");
  CHECK(html_of("[x](//evil.example.com/a)") == "<p>x</p>");
  // Nor a hand-written link in kbgen's internal entry scheme: entry links are
  // made by the link stage, which checks that the entry exists.
  CHECK(html_of("[x](kbgen:NOPE)") == "<p>x</p>");
  CHECK(html_of("[x](kbgen:../../../etc)") == "<p>x</p>");
}

TEST_CASE("link: markdown keeps http, https and mailto links", "[link][render]") {
  CHECK(html_of("[x](https://example.com/a?b=1&c=2)") == "<p><a href=\"https://example.com/a?b=1&amp;c=2\">x</a></p>");
  CHECK(html_of("[x](http://example.com/)") == "<p><a href=\"http://example.com/\">x</a></p>");
  CHECK(html_of("[mail us](mailto:help@example.com)") == "<p><a href=\"mailto:help@example.com\">mail us</a></p>");
  CHECK(html_of("<https://example.com/>") == "<p><a href=\"https://example.com/\">https://example.com/</a></p>");
  // A title is kept and escaped.
  CHECK(html_of("[x](https://example.com/ \"a \\\" onmouseover=\\\"b\")") ==
        "<p><a href=\"https://example.com/\" title=\"a &quot; onmouseover=&quot;b\">x</a></p>");
  // A quote in the URL cannot end the attribute.
  const std::string quoted = html_of("[x](https://example.com/\"onmouseover=\"alert(1))");
  CHECK_FALSE(has(quoted, "\"onmouseover"));
  CHECK(has(quoted, "href=\"https://example.com/%22onmouseover=%22alert(1)\""));
}

TEST_CASE("link: markdown turns images into links (http) or their text", "[link][render]") {
  CHECK(html_of("![diagram](https://example.com/d.png)") == "<p><a href=\"https://example.com/d.png\">diagram</a></p>");
  CHECK(html_of("![diagram](http://example.com/d.png)") == "<p><a href=\"http://example.com/d.png\">diagram</a></p>");
  CHECK(html_of("![alt text](javascript:alert(1))") == "<p>alt text</p>");
  CHECK(html_of("![alt](data:image/png;base64,AAAA)") == "<p>alt</p>");
  CHECK(html_of("![alt](local.png)") == "<p>alt</p>");
  CHECK(html_of("![](https://example.com/empty.png)") == "<p><a href=\"https://example.com/empty.png\"></a></p>");
  CHECK_FALSE(has(html_of("a ![i](https://example.com/i.png) [![nested](https://example.com/n.png)](https://example.com/)"),
                  "<img"));
}

TEST_CASE("link: markdown_to_html inline mode drops the paragraph only when there is one", "[link][render]") {
  CHECK(html_of("Just *one* line.", true) == "Just <em>one</em> line.");
  CHECK(html_of("One.\n\nTwo.", true) == "<p>One.</p>\n<p>Two.</p>");
  CHECK(html_of("", true).empty());
  CHECK(markdown_to_html(nullptr, true).empty());
}
