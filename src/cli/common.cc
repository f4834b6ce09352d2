// Helpers shared by subcommands.
#include <cstdlib>
#include <ctime>
#include <iomanip>
#include <iostream>

#include <unistd.h>

#include "check/dates.h"
#include "cli/commands.h"

namespace kbgen::cli {

bool use_color(const std::string& choice, int fd) {
  if (choice == "always") return true;
  if (choice == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return ::isatty(fd) == 1;
}

bool resolve_today(const std::string& arg, long& days, std::string& error) {
  if (!arg.empty()) {
    const auto parsed = parse_iso_date(arg);
    if (!parsed) {
      error = "--today takes a date as YYYY-MM-DD, not \"" + arg + "\"";
      return false;
    }
    days = *parsed;
    return true;
  }
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (*end != '\0' || seconds < 0) {
      error = "SOURCE_DATE_EPOCH must be a whole number of seconds, not \"" + std::string(epoch) + "\"";
      return false;
    }
    days = static_cast<long>(seconds / 86400);
    return true;
  }
  days = static_cast<long>(std::time(nullptr) / 86400);
  return true;
}

void print_stage_times(const StageTimes& times) {
  const double total = stage_total(times);
  for (const auto& [stage, seconds] : times)
    std::cerr << "kbgen: " << stage << std::string(stage.size() < 16 ? 16 - stage.size() : 1, ' ')
              << std::fixed << std::setprecision(3) << seconds << " s\n";
  std::cerr << "kbgen: total           " << std::fixed << std::setprecision(3) << total << " s\n";
}

}  // namespace kbgen::cli
