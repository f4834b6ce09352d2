// The HTML scanner the site safety tests rely on must itself find what it
// looks for; otherwise a clean result proves nothing.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "render/site_test_support.h"

using namespace kbgen::site_testing;

TEST_CASE("render: the test HTML scanner finds injected markup and passes escaped text", "[render]") {
  using V = std::vector<std::string>;
  CHECK(unsafe_html_findings("<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>") == V{});
  CHECK(unsafe_html_findings("<a href=\"https://e.example/\" title=\"&quot; onmouseover=&quot;x\">t</a>") == V{});
  CHECK(unsafe_html_findings("<script src=\"../../assets/search.js\" data-root=\"../../\"></script>") == V{});

  CHECK_FALSE(unsafe_html_findings("<p><script>alert(1)</script></p>").empty());
  CHECK_FALSE(unsafe_html_findings("<p><img src=x onerror=alert(1)></p>").empty());
  CHECK_FALSE(unsafe_html_findings("<IMG SRC=x>").empty());
  CHECK_FALSE(unsafe_html_findings("<a href=\"x\" onmouseover=\"alert(1)\">t</a>").empty());
  CHECK_FALSE(unsafe_html_findings("<h1 title=\"\" onmouseover=\"alert(1)\">t</h1>").empty());
  CHECK_FALSE(unsafe_html_findings("<a href=\"javascript:alert(1)\">t</a>").empty());
  CHECK_FALSE(unsafe_html_findings("<a href=\" JaVaScRiPt:alert(1)\">t</a>").empty());
  CHECK_FALSE(unsafe_html_findings("<a href=\"&#106;avascript:alert(1)\">t</a>").empty());
  CHECK_FALSE(unsafe_html_findings("<a href=javascript:alert(1)>t</a>").empty());
  CHECK_FALSE(unsafe_html_findings("<iframe src=\"data:text/html,x\"></iframe>").empty());
  CHECK_FALSE(unsafe_html_findings("<svg onload=alert(1)>").empty());
  CHECK_FALSE(unsafe_html_findings("<script src=\"https://evil.example/x.js\"></script>").empty());
  CHECK_FALSE(unsafe_html_findings("<script src=\"assets/search.js\">alert(1)</script>").empty());
  // A site-own tag is not examined, any other is.
  const std::string icon = "<link rel=\"icon\" href=\"data:,\">";
  CHECK(unsafe_html_findings(icon, {icon}) == V{});
  CHECK_FALSE(unsafe_html_findings(icon).empty());
}

TEST_CASE("render: the test HTML scanner reads ids and attribute values", "[render]") {
  const std::string html =
      "<!DOCTYPE html><!-- <a href=\"hidden\"> --><section id=\"a&amp;b\"><a href='x.html#y' class=c>t</a>"
      "<script>var s = '<a href=\"in-script\">';</script><p>1 < 2</p></section>";
  CHECK(html_ids(html) == std::set<std::string>{"a&b"});
  CHECK(attribute_values(html, "href") == std::vector<std::string>{"x.html#y"});
  CHECK(attribute_values(html, "class") == std::vector<std::string>{"c"});
  CHECK(html_unescape("&lt;&#60;&#x3C;&quot;&amp;amp;") == "<<<\"&amp;");
}
