// A cpp-httplib server on 127.0.0.1 for tests of HTTP clients (what the
// auth service and the homeserver run, as far as a client can tell).
#pragma once

#include <mutex>
#include <set>
#include <string>
#include <thread>

#include <doctest/doctest.h>
#include <httplib.h>

namespace gatehouse::http::testing {

// A cpp-httplib server on a free port, serving from start() until destroyed
// (routes are added before start()). Records the client port of every
// request: one port, one connection.
struct LibServer {
  LibServer() {
    port = server.bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      std::lock_guard lock(mutex);
      client_ports.insert(req.remote_port);
      return httplib::Server::HandlerResponse::Unhandled;
    });
  }
  ~LibServer() {
    server.stop();
    if (thread.joinable()) thread.join();
  }
  // Connections made before are queued by the listening socket.
  void start() {
    thread = std::thread([this] { server.listen_after_bind(); });
  }
  std::string endpoint(const std::string& prefix = "/") const {
    return "http://127.0.0.1:" + std::to_string(port) + prefix;
  }
  std::size_t connections() {
    std::lock_guard lock(mutex);
    return client_ports.size();
  }

  httplib::Server server;
  int port = 0;
  std::thread thread;
  std::mutex mutex;
  std::set<int> client_ports;
};

}  // namespace gatehouse::http::testing
