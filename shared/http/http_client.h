// HTTP calls between our two servers, over pooled keep-alive connections:
// from the homeserver to the auth service
// (matrix_authentication_service.endpoint: introspection, discovery, the
// forwarded /login family; a token-cache miss costs one request on an open
// connection), and from the auth service to the homeserver (matrix.endpoint:
// the provisioning API, auth/homeserver_client/synapse_client.cc).
//
// An http:// endpoint (the usual loopback or internal deployment) is
// spoken to by Http1Connection: the request in one send(), the answer
// usually in one recv(), no poll() before either. cpp-httplib's client
// wrote headers and body in two send()s and polled before every read and
// write; the homeserver's CPU per cache miss is about a fifth lower
// without it (docs/performance.md). An https:// endpoint goes through
// cpp-httplib's client (OpenSSL), as before.
//
// A pooled connection the server closed while idle is noticed before use
// (as cpp-httplib does); should the server close it just as the request
// goes out, so that not one byte of an answer comes back, the request is
// sent once more on a new connection. That holds for POSTs too: a server
// that closes without answering has dropped the request, not handled it.
//
// Thread safety: send() from any thread; each call checks a connection out
// of the pool (or opens one) and returns it afterwards.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include <httplib.h>

#include "shared/core/error.h"
#include "shared/http/http1_connection.h"
#include "shared/http/idle_pool.h"

namespace gatehouse::http {

struct ClientRequest {
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
  // `endpoint`: "http://host:port/prefix/" or https:// (trailing slash as
  // in config). `peer` names the server in errors ("the auth service").
  // A larger answer than `max_response_bytes` is a kUnavailable error.
  // `unix_socket`: when set (an http:// endpoint only), connections go to
  // that UNIX socket instead of the endpoint's host and port; the
  // endpoint still gives the Host header and the path prefix.
  HttpClient(const std::string& endpoint, std::string peer, std::size_t max_response_bytes = 1 << 20,
             ClientTimeouts timeouts = {}, std::string unix_socket = {});
  ~HttpClient();

  // kUnavailable when the server cannot be reached ("cannot reach <peer>"),
  // the connection breaks, or the answer is too large. Any HTTP status is a success here.
  Result<httplib::Response> send(const ClientRequest& request);

 private:
  Result<httplib::Response> send_plain(const ClientRequest& request);
  Result<httplib::Response> send_tls(const ClientRequest& request);
  std::string path_of(const ClientRequest& request) const;
  Result<std::unique_ptr<Http1Connection>> connect() const;

  std::string peer_;
  bool tls_ = false;
  std::string origin_;       // scheme://host:port, for cpp-httplib
  std::string host_;         // to connect to: a name or an IP without brackets
  int port_ = 0;             // 0: the endpoint's port is not a port number
  std::string host_header_;  // the endpoint's authority, as written
  std::string path_prefix_;  // "/prefix" or ""
  std::string unix_socket_;  // set: connect here instead of host_:port_
  std::size_t max_response_bytes_;
  ClientTimeouts timeouts_;
  http::IdlePool<Http1Connection> connections_;
  http::IdlePool<httplib::Client> tls_clients_;
};

}  // namespace gatehouse::http
