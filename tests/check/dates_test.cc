// check/dates: YYYY-MM-DD <-> days since 1970-01-01.
#include <catch2/catch.hpp>

#include "check/dates.h"

using namespace kbgen;

TEST_CASE("parse_iso_date: valid dates", "[check][dates]") {
  CHECK(parse_iso_date("1970-01-01") == 0L);
  CHECK(parse_iso_date("1970-01-02") == 1L);
  CHECK(parse_iso_date("1969-12-31") == -1L);
  CHECK(parse_iso_date("2000-03-01") == 11017L);
  CHECK(parse_iso_date("2026-11-24") == 20781L);
  CHECK(parse_iso_date("2024-02-29").has_value());  // leap year
  CHECK(parse_iso_date("2000-02-29").has_value());  // divisible by 400
  CHECK(parse_iso_date("2026-12-31").has_value());
}

TEST_CASE("parse_iso_date: not dates", "[check][dates]") {
  for (const char* text : {"2026-02-30", "2023-02-29", "1900-02-29", "2026-04-31", "2026-13-01",
                           "2026-00-10", "2026-01-00", "yesterday", "2026-1-01", "2026-01-1",
                           "2026/01/01", "2026-01-01T00:00", " 2026-01-01", "", "202a-01-01",
                           "-026-01-01", "+2026-01-0"}) {
    INFO(text);
    CHECK_FALSE(parse_iso_date(text).has_value());
  }
}

TEST_CASE("format_iso_date and days_from_civil", "[check][dates]") {
  CHECK(format_iso_date(0) == "1970-01-01");
  CHECK(format_iso_date(-1) == "1969-12-31");
  CHECK(format_iso_date(20781) == "2026-11-24");
  CHECK(days_from_civil(2026, 11, 24) == 20781);
  CHECK(days_from_civil(1970, 1, 1) == 0);
  for (long day = -800; day < 800000; day += 97) {
    INFO(day);
    REQUIRE(parse_iso_date(format_iso_date(day)) == day);
  }
}
