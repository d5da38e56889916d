// The one log line written for every failed password check, in a fixed
// format that fail2ban (docs/fail2ban/filter.d/gatehouse.conf) matches:
//
//   <timestamp> warning authentication failure: user="<username>" ip=<ip> method=password via=<via>
//
// e.g. `2026-11-23T20:07:35.123Z warning authentication failure:
// user="alice" ip=203.0.113.7 method=password via=compat` (one line).
// - user: the username as typed, escaped by escape_untrusted() (quotes,
//   backslashes, controls and line separators escaped; cut at 128 bytes), so
//   it can neither end the line nor fake the ip= field.
// - ip: the client address as text if it parses as IPv4 or IPv6, else `-`
//   (which the filter does not match, so nobody can get a chosen address
//   banned through an unparsable value).
// - via: which entry point failed: `compat` (/_matrix/client/*/login),
//   `web` (the login form), `password_change`, ...; anything outside
//   [a-z0-9_-] is written as `other`.
// The password is never part of the line.
//
// Thread safety: both functions may be called from any thread.
#pragma once

#include <string>
#include <string_view>

namespace gatehouse::accounts {

// The message part of the line (everything after the log level).
std::string format_failed_password_line(std::string_view ip, std::string_view username,
                                        std::string_view via);

// Writes that line through the process logger at warn level.
void log_failed_password(std::string_view ip, std::string_view username, std::string_view via);

}  // namespace gatehouse::accounts
