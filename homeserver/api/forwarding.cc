// The login family, relayed to the auth service, so that old clients work
// without reverse-proxy rules (MAS needs a proxy to route these to it):
// /_matrix/client/{r0,v3,unstable}/login (GET, POST), /logout,
// /logout/all, /refresh, /login/sso/redirect and /login/sso/redirect/{idp}.
// Method, path, query, body and the relevant headers go out; status, body
// and the headers a client acts on (Location for SSO, Cache-Control) come
// back. X-Forwarded-For carries the client's address, so the auth
// service's rate limits and audit see the user, not the homeserver.
#include "homeserver/api/client_api.h"
#include "shared/http/client_ip.h"
#include "shared/http/response.h"

namespace gatehouse::homeserver::api {
namespace {

constexpr const char* kForwardedRequestHeaders[] = {"Authorization", "Accept", "Accept-Language",
                                                    "User-Agent", "Cookie"};
constexpr const char* kRelayedResponseHeaders[] = {"Location", "Cache-Control", "Set-Cookie",
                                                   "Retry-After"};

void forward(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  http::ClientRequest out;
  out.method = req.method;
  out.path = std::string(req.target);  // raw path and query, as sent
  for (const char* name : kForwardedRequestHeaders) {
    auto [begin, end] = req.headers.equal_range(name);
    for (auto it = begin; it != end; ++it) out.headers.emplace(name, it->second);
  }
  std::string forwarded_for = req.remote_addr;
  if (auto it = req.headers.find("X-Forwarded-For"); it != req.headers.end()) {
    forwarded_for = it->second + ", " + req.remote_addr;
  }
  out.headers.emplace("X-Forwarded-For", forwarded_for);
  if (req.method != "GET" && req.method != "HEAD") {
    out.body = req.body;
    out.content_type = req.has_header("Content-Type") ? req.get_header_value("Content-Type")
                                                      : std::string(http::kJsonContentType);
  }
  auto answer = ctx.auth_service.send(out);
  if (!answer) {
    return write_error(res, {502, "M_UNKNOWN", "The authentication service cannot be reached"});
  }
  res.status = answer->status;
  for (const char* name : kRelayedResponseHeaders) {
    auto [begin, end] = answer->headers.equal_range(name);
    for (auto it = begin; it != end; ++it) res.headers.emplace(name, it->second);
  }
  const std::string content_type = answer->has_header("Content-Type")
                                       ? answer->get_header_value("Content-Type")
                                       : std::string(http::kJsonContentType);
  res.set_content(std::move(answer->body), content_type);
}

}  // namespace

void register_forwarding(http::Routes& routes, Context& ctx) {
  struct Target {
    http::Method method;
    const char* suffix;
  };
  constexpr Target kTargets[] = {
      {http::Method::kGet, "/login"},
      {http::Method::kPost, "/login"},
      {http::Method::kPost, "/logout"},
      {http::Method::kPost, "/logout/all"},
      {http::Method::kPost, "/refresh"},
      {http::Method::kGet, "/login/sso/redirect"},
      {http::Method::kGet, "/login/sso/redirect/{idp_id}"},
  };
  for (const char* version : {"r0", "v3", "unstable"}) {
    for (const auto& target : kTargets) {
      routes.add("client", target.method,
                 std::string("/_matrix/client/") + version + target.suffix,
                 [&ctx](const httplib::Request& req, httplib::Response& res) { forward(ctx, req, res); });
    }
  }
}

}  // namespace gatehouse::homeserver::api
