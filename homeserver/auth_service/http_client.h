// HTTP calls from the homeserver to the auth service
// (matrix_authentication_service.endpoint): introspection, discovery, and
// the forwarded /login family. Keep-alive connections are pooled and
// reused, so a cache miss costs one request on an open connection.
//
// Thread safety: send() from any thread; each call checks a client out of
// the pool (or opens one) and returns it afterwards.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <httplib.h>

#include "shared/core/error.h"

namespace gatehouse::homeserver::auth_service {

struct Request {
  std::string method = "GET";
  // Relative to the endpoint's path ("oauth2/introspect" or
  // "/_matrix/client/v3/login"); a leading '/' is allowed.
  std::string path;
  httplib::Headers headers;
  std::string body;
  std::string content_type;  // empty: no body
};

class HttpClient {
 public:
  // `endpoint`: "http://host:port/prefix/" (trailing slash as in config).
  // A larger answer than `max_response_bytes` is a kUnavailable error.
  explicit HttpClient(const std::string& endpoint, std::size_t max_response_bytes = 1 << 20);
  ~HttpClient();

  // kUnavailable when the auth service cannot be reached, the connection
  // breaks, or the answer is too large. Any HTTP status is a success here.
  Result<httplib::Response> send(const Request& request);

 private:
  std::unique_ptr<httplib::Client> acquire();
  void release(std::unique_ptr<httplib::Client> client);

  std::string origin_;       // scheme://host:port
  std::string path_prefix_;  // "/prefix" or ""
  std::size_t max_response_bytes_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<httplib::Client>> idle_;
};

}  // namespace gatehouse::homeserver::auth_service
