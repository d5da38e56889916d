#include "auth/homeserver_client/http_call.h"

#include <memory>

#include <httplib.h>

namespace gatehouse::auth::homeserver_client {
namespace {

// A client for `origin` ("scheme://host:port") with `timeout` for
// connecting, reading and writing, TCP_NODELAY, redirects not followed.
std::unique_ptr<httplib::Client> make_client(const std::string& origin,
                                             std::chrono::seconds timeout,
                                             bool keep_alive) {
  auto client = std::make_unique<httplib::Client>(origin);
  client->set_connection_timeout(timeout.count(), 0);
  client->set_read_timeout(timeout.count(), 0);
  client->set_write_timeout(timeout.count(), 0);
  client->set_follow_location(false);
  // cpp-httplib writes the headers and the body in two send()s: without
  // this the body can wait for the peer's delayed ACK (40 ms).
  client->set_tcp_nodelay(true);
  client->set_keep_alive(keep_alive);
  return client;
}

Result<HttpAnswer> http_call_on(httplib::Client& client, const std::string& origin,
                                const std::string& method, const std::string& path,
                                const std::string& bearer, const std::string& json_body) {
  httplib::Headers headers;
  if (!bearer.empty()) headers.emplace("Authorization", "Bearer " + bearer);
  httplib::Result res = method == "POST"
                            ? client.Post(path, headers, json_body.empty() ? "{}" : json_body,
                                          "application/json")
                            : client.Get(path, headers);
  if (!res) {
    return fail(ErrorCode::kUnavailable, "cannot reach " + origin + path.substr(0, path.find('?')),
                httplib::to_string(res.error()));
  }
  return HttpAnswer{res->status, res->body};
}

}  // namespace

std::optional<SplitUrl> split_url(const std::string& url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return std::nullopt;
  const std::size_t path_start = url.find('/', scheme_end + 3);
  return SplitUrl{url.substr(0, path_start),
                  path_start == std::string::npos ? "/" : url.substr(path_start)};
}

Result<HttpAnswer> http_call(const std::string& method, const std::string& url,
                             const std::string& bearer, const std::string& json_body,
                             std::chrono::seconds timeout) {
  auto split = split_url(url);
  if (!split) return fail(ErrorCode::kConfig, "'" + url + "' is not an http(s) URL");
  auto client = make_client(split->origin, timeout, /*keep_alive=*/false);
  return http_call_on(*client, split->origin, method, split->path, bearer, json_body);
}

std::string summarize(const HttpAnswer& answer) {
  constexpr std::size_t kMax = 200;
  std::string body = answer.body.substr(0, kMax);
  for (char& c : body) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  if (answer.body.size() > kMax) body += "…";
  return "HTTP " + std::to_string(answer.status) + (body.empty() ? "" : ": " + body);
}

Status expect_success(const std::string& what, const HttpAnswer& answer) {
  if (answer.status >= 200 && answer.status < 300) return ok();
  const std::string message = what + " answered " + summarize(answer);
  if (answer.status == 403) {
    return fail(ErrorCode::kForbidden,
                message + " (matrix.secret differs from the homeserver's "
                          "matrix_authentication_service.secret)");
  }
  if (answer.status == 404) return fail(ErrorCode::kNotFound, message);
  if (answer.status >= 400 && answer.status < 500) return fail(ErrorCode::kInvalidInput, message);
  return fail(ErrorCode::kUnavailable, message);
}

}  // namespace gatehouse::auth::homeserver_client
