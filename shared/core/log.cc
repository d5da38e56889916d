#include "shared/core/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace gatehouse::log {

void init(std::string_view level) {
  static auto logger = [] {
    auto l = spdlog::stderr_color_mt("gatehouse");
    l->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%-5l%$ %v", spdlog::pattern_time_type::utc);
    return l;
  }();
  spdlog::set_default_logger(logger);
  auto parsed = spdlog::level::from_str(std::string(level));
  // from_str answers "off" for names it does not know.
  if (parsed == spdlog::level::off && level != "off") parsed = spdlog::level::info;
  spdlog::set_level(parsed);
}

std::string redact_token(std::string_view token) {
  constexpr std::size_t kShown = 8;
  if (token.size() <= kShown) return "…";
  return std::string(token.substr(0, kShown)) + "…";
}

}  // namespace gatehouse::log
