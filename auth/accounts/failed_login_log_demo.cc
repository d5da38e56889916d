// Writes failed-login lines through the real logger (shared/core/log.cc), so
// tests/scripts/fail2ban_filter.test.sh can run fail2ban-regex on genuine
// output. Not installed. Lines go to stderr, like the server's.
#include "auth/accounts/failed_login_log.h"
#include "shared/core/log.h"

int main() {
  using gatehouse::accounts::log_failed_password;
  gatehouse::log::init("info");
  spdlog::info("unrelated line: user=\"bob\" ip=192.0.2.50");
  log_failed_password("203.0.113.7", "alice", "compat");
  log_failed_password("2001:db8::42", "bob", "web");
  // A username crafted to smuggle a second address into the line.
  log_failed_password("198.51.100.9", "alice\" ip=6.6.6.6", "compat");
  // And one that tries to start a new log line of its own.
  log_failed_password("198.51.100.10",
                      "x\n2026-01-01T00:00:00.000Z warning authentication failure: user=\"y\" "
                      "ip=6.6.6.6 method=password via=compat",
                      "web");
  // An address that is not one is written as `-` and never matches.
  log_failed_password("6.6.6.6 method=password", "carol", "compat");
  return 0;
}
