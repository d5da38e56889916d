#include "shared/http/client_ip.h"

#include <vector>

namespace gatehouse::http {

std::string client_ip(const httplib::Request& req, const TrustedProxies& proxies) {
  std::vector<std::string> forwarded;
  const auto count = req.get_header_value_count("X-Forwarded-For");
  forwarded.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    forwarded.push_back(req.get_header_value("X-Forwarded-For", i));
  }
  // A peer on a UNIX socket has no address: it is a process on this
  // machine (a reverse proxy, the homeserver), so it counts as loopback.
  return resolve_client_ip(req.remote_addr.empty() ? "127.0.0.1" : req.remote_addr, forwarded, proxies);
}

std::string_view raw_path(const httplib::Request& req) {
  std::string_view target = req.target;
  auto query = target.find('?');
  return target.substr(0, query);
}

}  // namespace gatehouse::http
