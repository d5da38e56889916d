#include "auth/accounts/failed_login_log.h"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include <doctest/doctest.h>

#include "auth/accounts/untrusted_text.h"

namespace gatehouse::accounts {
namespace {

TEST_CASE("the failed-login line has the documented shape") {
  CHECK(format_failed_password_line("203.0.113.7", "alice", "compat") ==
        "authentication failure: user=\"alice\" ip=203.0.113.7 method=password via=compat");
  CHECK(format_failed_password_line("2001:db8::1", "bob", "web") ==
        "authentication failure: user=\"bob\" ip=2001:db8::1 method=password via=web");
}

TEST_CASE("a crafted username cannot fake a field or a line") {
  CHECK(format_failed_password_line("198.51.100.9", "alice\" ip=6.6.6.6", "compat") ==
        "authentication failure: user=\"alice\\\" ip=6.6.6.6\" ip=198.51.100.9 method=password "
        "via=compat");
  std::string line = format_failed_password_line("198.51.100.9", "x\ny\rz\\", "compat");
  CHECK(line.find('\n') == std::string::npos);
  CHECK(line.find('\r') == std::string::npos);
  CHECK(line.find("user=\"x\\x0Ay\\x0Dz\\\\\"") != std::string::npos);
}

TEST_CASE("unusable ip and via values are neutralised") {
  CHECK(format_failed_password_line("6.6.6.6 method=password", "a", "compat").find("ip=- ") !=
        std::string::npos);
  CHECK(format_failed_password_line("", "a", "compat").find("ip=- ") != std::string::npos);
  CHECK(format_failed_password_line("example.org", "a", "compat").find("ip=- ") != std::string::npos);
  CHECK(format_failed_password_line("192.0.2.1", "a", "compat x=1").ends_with("via=other"));
}

TEST_CASE("escape_untrusted") {
  CHECK(escape_untrusted("plain") == "plain");
  CHECK(escape_untrusted("jos\xC3\xA9") == "jos\xC3\xA9");
  CHECK(escape_untrusted("a\"b\\c") == "a\\\"b\\\\c");
  CHECK(escape_untrusted(std::string_view("\0\x1B\x7F", 3)) == "\\x00\\x1B\\x7F");
  CHECK(escape_untrusted("bad\xC3") == "bad\\xC3");                  // truncated sequence
  CHECK(escape_untrusted("\xC0\xAF") == "\\xC0\\xAF");               // overlong '/'
  CHECK(escape_untrusted("a\xE2\x80\xA8z") == "a\\u{2028}z");        // line separator
  CHECK(escape_untrusted("\xE2\x80\xAEtxt") == "\\u{202E}txt");      // bidi override
  CHECK(escape_untrusted("\xC2\x85") == "\\u{0085}");                // NEL
  CHECK(escape_untrusted(std::string(200, 'a')) == std::string(128, 'a') + "…");
  // A cut never splits a character.
  CHECK(escape_untrusted("ab\xC3\xA9", 3) == "ab…");
}

TEST_CASE("log_failed_password writes exactly one warn line, without the password") {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  auto logger = std::make_shared<spdlog::logger>("test", sink);
  logger->set_pattern("%l %v");
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(logger);
  log_failed_password("203.0.113.7", "alice\nfake", "web");
  spdlog::set_default_logger(previous);
  CHECK(out.str() ==
        "warning authentication failure: user=\"alice\\x0Afake\" ip=203.0.113.7 method=password "
        "via=web\n");
}

}  // namespace
}  // namespace gatehouse::accounts
