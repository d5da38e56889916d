// HTTP listeners: one BufferedServer per bind address (cpp-httplib binds
// and accepts; our own loop frames HTTP/1.1, buffered_server.h), each on
// its own thread with its own worker pool (elastic_pool.h), mounting the
// routes of the resources its listener names (MAS's http.listeners).
//
//   Routes routes;  register_health(routes, ping);  ...
//   Server server(options, routes, &metrics);
//   GH_TRY_STATUS(server.start());   // bound and accepting when it returns
//   ... server.bound_ports() ...
//   server.stop();  server.wait();   // in-flight requests finish first
//
// Each keep-alive connection is served on one pool thread until it closes,
// so `worker_threads` is the number of concurrent connections a bind
// serves; idle ones are closed after `keep_alive_timeout`. See
// /work/shared/reference/performance-anchors.md for why the defaults below
// differ from the library's (302 req/s with those, 41,000 with these).
//
// Every request gets: routing by pattern (404/405 in the path's protocol
// form: Matrix under /_matrix/, OAuth-shaped JSON elsewhere), 413 above
// `max_body_bytes` (400, 414 and 431 for malformed or oversized heads), a
// catch-all turning an escaping exception into 500, CORS headers on
// /_matrix/ paths (web clients need them), metrics if given, and one
// access-log line (method, path without query, status, duration,
// client IP; never headers, query or body).
//
// Thread safety: start() and wait() from one owning thread; stop() from any
// thread (a signal-waiting thread), any number of times. Routes and Metrics
// must outlive the Server.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "shared/core/error.h"
#include "shared/http/cidr.h"
#include "shared/http/metrics.h"
#include "shared/http/routes.h"

namespace gatehouse::http {

struct Bind {
  std::string host = "127.0.0.1";  // address or name; "::" is dual-stack
  int port = 0;                    // 0: any free port, see bound_ports()
  // Set: a UNIX socket at this path instead (host and port unused). A
  // socket file left by an earlier run is replaced; any other file there
  // is an error. Removed again when the server is destroyed.
  std::string unix_path;
  std::optional<unsigned> unix_mode;  // chmod after bind, e.g. 0660
};

struct Listener {
  std::string name;  // for logs only
  std::vector<Bind> binds;
  std::vector<std::string> resources;  // route resources mounted here
  std::string prefix;                  // e.g. "/auth": every route under it
  // Overrides ServerOptions::trusted_proxies for this listener (Synapse's
  // per-listener x_forwarded).
  std::optional<TrustedProxies> trusted_proxies;
};

struct ServerOptions {
  std::vector<Listener> listeners;
  // Pool threads per bind (config http.worker_threads).
  std::size_t worker_threads = 64;
  // Larger bodies are answered 413 without reading them.
  std::size_t max_body_bytes = 1024 * 1024;
  // Requests served on one connection before it is closed.
  std::size_t keep_alive_max_count = 100000;
  std::chrono::seconds keep_alive_timeout{5};
  std::chrono::seconds read_timeout{10};
  std::chrono::seconds write_timeout{10};
  // listen() backlog; cpp-httplib compiles in 5.
  int listen_backlog = 1024;
  TrustedProxies trusted_proxies = TrustedProxies::mas_default();
  bool access_log = true;
};

struct BoundAddress {
  std::string listener;
  std::string host;
  int port = 0;
};

class Server {
 public:
  // `metrics` may be null (nothing recorded).
  Server(ServerOptions options, const Routes& routes, Metrics* metrics = nullptr);
  ~Server();  // stop() and wait()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds every address, then serves each on its own thread. All or
  // nothing: if one bind fails, none is served and kIo names the address.
  // When it returns ok, every socket is listening. Call once.
  Status start();

  // After start(): one entry per bind, in listener order, with the real
  // port when 0 was asked for.
  const std::vector<BoundAddress>& bound() const { return bound_; }
  std::vector<int> bound_ports() const;

  // Stops accepting; requests in flight are answered, then their
  // connections close; idle keep-alive connections close within
  // BufferedServer::kStopCheck. Does not block; idempotent.
  void stop();

  // Blocks until every bind has stopped and its workers are done.
  void wait();

 private:
  struct Instance;
  ServerOptions options_;
  const Routes& routes_;
  Metrics* metrics_;
  std::mutex mutex_;  // guards instances_ and stop_requested_ against stop()
  bool stop_requested_ = false;
  std::vector<std::unique_ptr<Instance>> instances_;
  std::vector<BoundAddress> bound_;
};

}  // namespace gatehouse::http
