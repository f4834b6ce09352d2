// Calendar dates as day numbers, without the C library's locale and time
// zone: "YYYY-MM-DD" <-> days since 1970-01-01.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kbgen {

// Days since 1970-01-01 of a valid "YYYY-MM-DD" date, or nothing.
std::optional<long> parse_iso_date(std::string_view text);

std::string format_iso_date(long days);

long days_from_civil(long year, unsigned month, unsigned day);

}  // namespace kbgen
