// dedupe/normalize: the one normalisation behind "repeated" (SPEC §3 step 3:
// equal after normalising case, white space, punctuation and Markdown).
#include <catch2/catch.hpp>

#include <string>

#include "dedupe/normalize.h"

using kbgen::append_normal_form;
using kbgen::normalize_text;

namespace {

// Both texts must count as the same item.
void same(const std::string& a, const std::string& b) {
  INFO("a = \"" << a << "\" -> \"" << normalize_text(a) << "\"");
  INFO("b = \"" << b << "\" -> \"" << normalize_text(b) << "\"");
  CHECK(normalize_text(a) == normalize_text(b));
  CHECK_FALSE(normalize_text(a).empty());
}

// The texts must stay different items.
void different(const std::string& a, const std::string& b) {
  INFO("a = \"" << a << "\" -> \"" << normalize_text(a) << "\"");
  INFO("b = \"" << b << "\" -> \"" << normalize_text(b) << "\"");
  CHECK(normalize_text(a) != normalize_text(b));
}

}  // namespace

TEST_CASE("dedupe normalize_text: case does not matter", "[dedupe][normalize]") {
  same("Restart the Agent", "restart the agent");
  same("RESTART THE AGENT", "restart the agent");
  same("Use SSH, not Telnet", "use ssh not telnet");
  CHECK(normalize_text("Restart the Agent") == "restart the agent");
}

TEST_CASE("dedupe normalize_text: white space of any kind and amount is one space", "[dedupe][normalize]") {
  same("restart the agent", "restart  the   agent");
  same("restart the agent", "restart\nthe\tagent");
  same("restart the agent", "restart\r\n\r\nthe \t agent");
  same("restart the agent", "  restart the agent  \n");
  same("restart the agent", "restart\xC2\xA0the\xC2\xA0" "agent");        // U+00A0 no-break space
  same("restart the agent", "restart\xE2\x80\xAFthe\xE2\x80\x83" "agent");  // U+202F, U+2003
  CHECK(normalize_text("\n\t restart\xC2\xA0\xC2\xA0the\n\n  agent \t") == "restart the agent");
  CHECK(normalize_text("") == "");
  CHECK(normalize_text(" \t\n\xC2\xA0 ") == "");
}

TEST_CASE("dedupe normalize_text: punctuation does not matter", "[dedupe][normalize]") {
  same("Restart the agent.", "restart the agent");
  same("Restart the agent!", "Restart the agent?!");
  same("Restart the agent; then retry.", "Restart the agent, then retry");
  same("Open \"Settings\" (the gear icon)", "open settings the gear icon");
  // Curly quotes, em dash, en dash, ellipsis, guillemets.
  same("Open \xE2\x80\x9CSettings\xE2\x80\x9D \xE2\x80\x94 the gear icon",
       "Open \"Settings\" - the gear icon");
  same("Open \xE2\x80\x98Settings\xE2\x80\x99 \xE2\x80\x93 the gear icon\xE2\x80\xA6",
       "open settings the gear icon");
  same("\xC2\xAB" "Settings" "\xC2\xBB", "settings");
  CHECK(normalize_text("Open \xE2\x80\x9CSettings\xE2\x80\x9D \xE2\x80\x94 the gear icon.") ==
        "open settings the gear icon");
}

TEST_CASE("dedupe normalize_text: Markdown markup does not matter", "[dedupe][normalize]") {
  SECTION("emphasis") {
    same("Restart **the agent**", "restart the agent");
    same("Restart *the agent*", "restart the agent");
    same("Restart _the agent_", "restart the agent");
    same("Restart __the agent__", "restart the agent");
    same("Restart ***the*** agent", "restart the agent");
    same("~~Restart~~ the agent", "restart the agent");
  }
  SECTION("code spans") {
    same("Run `systemctl restart agent`", "run systemctl restart agent");
    same("Run ``systemctl restart agent``", "Run systemctl restart agent");
  }
  SECTION("links keep their text and lose their destination") {
    same("See [the docs](https://a/b)", "see the docs");
    same("See [the docs](https://a/b(c))", "see the docs");
    same("See [the docs](https://a/b(c)) first", "see the docs first");
    same("See [the docs](https://example.com/x \"Title\")", "see the docs");
    same("See **[the docs](https://x)**!", "see the docs");
    same("See [the docs](https://a) and [the FAQ](https://b).", "see the docs and the faq");
    CHECK(normalize_text("See **[the docs](https://x)**!") == "see the docs");
    CHECK(normalize_text("See [the docs](https://a/b(c))") == "see the docs");
  }
  SECTION("brackets and parentheses that are not a link stay text") {
    CHECK(normalize_text("Set [x] (y) to 1") == "set x y to 1");
    CHECK(normalize_text("Set (y) to 1") == "set y to 1");
  }
  SECTION("headings, lists and quotes") {
    same("# Restart the agent", "restart the agent");
    same("> Restart the agent", "restart the agent");
    same("- Restart the agent", "restart the agent");
  }
}

TEST_CASE("dedupe normalize_text: case beyond ASCII", "[dedupe][normalize]") {
  same("\xC3\x89" "CHEC", "\xC3\xA9" "chec");                                    // ÉCHEC / échec
  CHECK(normalize_text("\xC3\x89" "CHEC") == "\xC3\xA9" "chec");
  same("\xC3\x9C" "BER \xC3\x87" "A", "\xC3\xBC" "ber \xC3\xA7" "a");            // ÜBER ÇA
  same("\xC5\x81\xC3\x93" "D\xC5\xB9", "\xC5\x82\xC3\xB3" "d\xC5\xBA");          // ŁÓDŹ / łódź
  same("\xC5\x92UVRE", "\xC5\x93uvre");                                          // ŒUVRE / œuvre
  // Cyrillic: ПРИВЕТ / привет, ЁЖ / ёж.
  same("\xD0\x9F\xD0\xA0\xD0\x98\xD0\x92\xD0\x95\xD0\xA2",
       "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
  CHECK(normalize_text("\xD0\x9F\xD0\xA0\xD0\x98\xD0\x92\xD0\x95\xD0\xA2") ==
        "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
  same("\xD0\x81\xD0\x96", "\xD1\x91\xD0\xB6");
  // Greek: ΣΟΦΙΑ / σοφια, and the final sigma: ΛΟΓΟΣ / λογος.
  same("\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x99\xCE\x91", "\xCF\x83\xCE\xBF\xCF\x86\xCE\xB9\xCE\xB1");
  same("\xCE\x9B\xCE\x9F\xCE\x93\xCE\x9F\xCE\xA3", "\xCE\xBB\xCE\xBF\xCE\xB3\xCE\xBF\xCF\x82");
  // Greek capitals with tonos: ΣΟΦΊΑ / σοφία (Ί U+038A, ί U+03AF),
  // ΆΈΉΌΎΏ / άέήόύώ.
  same("\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x8A\xCE\x91", "\xCF\x83\xCE\xBF\xCF\x86\xCE\xAF\xCE\xB1");
  same("\xCE\xAA\xCE\xAB", "\xCF\x8A\xCF\x8B");  // ΪΫ / ϊϋ
  same("\xCE\x86\xCE\x88\xCE\x89\xCE\x8C\xCE\x8E\xCE\x8F",
       "\xCE\xAC\xCE\xAD\xCE\xAE\xCF\x8C\xCF\x8D\xCF\x8E");
  CHECK(normalize_text("\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x8A\xCE\x91") ==
        "\xCF\x83\xCE\xBF\xCF\x86\xCE\xAF\xCE\xB1");
}

TEST_CASE("dedupe normalize_text: letters and digits outside ASCII are kept", "[dedupe][normalize]") {
  different("r\xC3\xA9sum\xC3\xA9", "resume");  // accents are not stripped
  different("\xE6\x8E\xA5\xE7\xB6\x9A", "\xE6\x8E\xA5");
  CHECK(normalize_text("\xE6\x8E\xA5\xE7\xB6\x9A\xE3\x80\x82") == "\xE6\x8E\xA5\xE7\xB6\x9A");  // 接続。
  // Ordinal indicators and the micro sign are letters, not punctuation.
  CHECK(normalize_text("1\xC2\xBA") == "1\xC2\xBA");
}

TEST_CASE("dedupe normalize_text: words, numbers and contractions still tell items apart",
          "[dedupe][normalize]") {
  different("restart the agent", "restart the agents");
  different("use port 80", "use port 8080");
  different("use port 80", "use port 8 0");
  different("don't", "do not");
  different("Restart the agent", "Restart the agent twice");
  different("restart the agent", "restarttheagent");
  different("version 1.2", "version 12");
}

TEST_CASE("dedupe normalize_text: broken UTF-8 is neither lost nor read past the end",
          "[dedupe][normalize]") {
  // A lone continuation byte and truncated sequences at the end of the text
  // still count: they keep texts apart instead of vanishing.
  for (const std::string bad : {"abc\x80", "abc\xC3", "abc\xE2\x80", "abc\xF0\x9F\x98"}) {
    INFO("\"" << bad << "\" -> \"" << normalize_text(bad) << "\"");
    CHECK(normalize_text(bad).rfind("abc", 0) == 0);
    CHECK(normalize_text(bad).size() > 3);
    different(bad, "abc");
  }
  CHECK(normalize_text("abc\xC3") == normalize_text("ABC\xC3"));
}

TEST_CASE("dedupe normalize_text: long texts, read 16 bytes at a time where they can be",
          "[dedupe][normalize]") {
  // Separators, links and non-ASCII letters at every offset around a block.
  for (std::size_t pad = 0; pad < 40; ++pad) {
    const std::string words(pad, 'a');
    const std::string expected = pad ? words + " " : "";
    INFO("pad " << pad);
    CHECK(normalize_text(words + " Restart the Sync-Agent, then RETRY it now") ==
          expected + "restart the sync agent then retry it now");
    CHECK(normalize_text(words + "  ..  See [the docs](https://example.com/a(b)) again, OK?") ==
          expected + "see the docs again ok");
    CHECK(normalize_text(words + "]" + "(https://example.com/x) and more words here") ==
          expected + "and more words here");
    CHECK(normalize_text(words + " \xC3\x89" "CHEC du d\xC3\xA9" "marrage: l'agent \xE2\x80\x94 RED\xC3\x89" "MARRER") ==
          expected + "\xC3\xA9" "chec du d\xC3\xA9" "marrage l agent red\xC3\xA9" "marrer");
    CHECK(normalize_text("... " + words + " trailing separators here !!!") ==
          (pad ? words + " " : "") + "trailing separators here");
  }
}

TEST_CASE("dedupe append_normal_form: joins normal forms with one space", "[dedupe][normalize]") {
  std::string out;
  append_normal_form(out, "  **Restart**  ");
  CHECK(out == "restart");
  append_normal_form(out, "!!!");
  CHECK(out == "restart");
  append_normal_form(out, "the Agent.");
  CHECK(out == "restart the agent");
  CHECK(out == normalize_text("**Restart**\n\n!!!\n\nthe Agent."));
}
