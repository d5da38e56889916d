// Process-wide logging on spdlog. Lines go to stderr as
//   2026-11-23T20:07:35.123Z INFO  message
// so that operators' log shippers and fail2ban filters can parse them.
// Never pass a secret, password or full token to a log call; use
// redact_token() for tokens.
#pragma once

#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

namespace gatehouse::log {

// Sets the format and level ("trace", "debug", "info", "warn", "error").
// An unknown level name falls back to "info". Safe to call more than once.
// On a terminal every line is written at once; otherwise lines are buffered
// and flushed every second, at once from warn level up, and at exit.
void init(std::string_view level = "info");

// "mat_abc…" : the first 8 characters and an ellipsis, enough to correlate
// log lines without revealing a usable token.
std::string redact_token(std::string_view token);

}  // namespace gatehouse::log
