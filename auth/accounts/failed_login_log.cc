#include "auth/accounts/failed_login_log.h"

#include <arpa/inet.h>

#include <algorithm>

#include <spdlog/spdlog.h>

#include "auth/accounts/untrusted_text.h"

namespace gatehouse::accounts {
namespace {

// The longest textual IPv6 address with an embedded IPv4 one is 45 bytes.
constexpr std::size_t kMaxIpText = INET6_ADDRSTRLEN;

std::string_view printable_ip(std::string_view ip) {
  if (ip.empty() || ip.size() >= kMaxIpText) return "-";
  char text[kMaxIpText];
  std::copy(ip.begin(), ip.end(), text);
  text[ip.size()] = '\0';
  unsigned char addr[sizeof(in6_addr)];
  if (inet_pton(AF_INET, text, addr) == 1 || inet_pton(AF_INET6, text, addr) == 1) return ip;
  return "-";
}

std::string_view printable_via(std::string_view via) {
  bool plain = !via.empty() && via.size() <= 32 && std::all_of(via.begin(), via.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
  return plain ? via : "other";
}

}  // namespace

std::string format_failed_password_line(std::string_view ip, std::string_view username,
                                        std::string_view via) {
  return "authentication failure: user=\"" + escape_untrusted(username) + "\" ip=" +
         std::string(printable_ip(ip)) + " method=password via=" + std::string(printable_via(via));
}

void log_failed_password(std::string_view ip, std::string_view username, std::string_view via) {
  spdlog::warn("{}", format_failed_password_line(ip, username, via));
}

}  // namespace gatehouse::accounts
