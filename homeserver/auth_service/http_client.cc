#include "homeserver/auth_service/http_client.h"

namespace gatehouse::homeserver::auth_service {
namespace {

// Idle connections kept; more concurrent calls open extra ones that are
// closed afterwards.
constexpr std::size_t kMaxIdle = 32;

}  // namespace

HttpClient::HttpClient(const std::string& endpoint, std::size_t max_response_bytes)
    : max_response_bytes_(max_response_bytes) {
  const std::size_t scheme_end = endpoint.find("://");
  const std::size_t path_start =
      endpoint.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  origin_ = endpoint.substr(0, path_start);
  if (path_start != std::string::npos) path_prefix_ = endpoint.substr(path_start);
  while (!path_prefix_.empty() && path_prefix_.back() == '/') path_prefix_.pop_back();
}

HttpClient::~HttpClient() = default;

std::unique_ptr<httplib::Client> HttpClient::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto client = std::move(idle_.back());
      idle_.pop_back();
      return client;
    }
  }
  auto client = std::make_unique<httplib::Client>(origin_);
  client->set_keep_alive(true);
  // The request goes out in two writes (headers, then the form body):
  // without TCP_NODELAY the second waits for the delayed ACK, 40 ms per
  // cache miss (tools/bench/homeserver, cache off).
  client->set_tcp_nodelay(true);
  client->set_connection_timeout(5, 0);
  client->set_read_timeout(30, 0);
  client->set_write_timeout(10, 0);
  client->set_follow_location(false);
  return client;
}

void HttpClient::release(std::unique_ptr<httplib::Client> client) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(client));
}

Result<httplib::Response> HttpClient::send(const Request& request) {
  httplib::Request req;
  req.method = request.method;
  req.path = path_prefix_ + (request.path.starts_with('/') ? "" : "/") + request.path;
  req.headers = request.headers;
  if (!request.content_type.empty()) {
    req.headers.emplace("Content-Type", request.content_type);
    req.body = request.body;
  }
  std::string body;
  bool too_large = false;
  req.content_receiver = [&](const char* data, std::size_t length, std::uint64_t,
                             std::uint64_t) {
    if (body.size() + length > max_response_bytes_) {
      too_large = true;
      return false;
    }
    body.append(data, length);
    return true;
  };

  auto client = acquire();
  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  const bool sent = client->send(req, res, error);
  if (too_large) return fail(ErrorCode::kUnavailable, "the auth service's answer is too large");
  if (!sent) {
    // A broken keep-alive connection is dropped, not returned to the pool.
    return fail(ErrorCode::kUnavailable, "cannot reach the auth service", httplib::to_string(error));
  }
  release(std::move(client));
  res.body = std::move(body);
  return res;
}

}  // namespace gatehouse::homeserver::auth_service
