// An httplib::Server whose connections are read and written through a
// buffered stream of our own; request parsing, routing and the response
// format stay cpp-httplib's (Server::process_request).
//
// Why: per request cpp-httplib 0.11.4 calls poll() before every read and
// twice before every write (is_writable, is_socket_alive), writes the
// status line and headers in one send() and the body in a second (with
// TCP_NODELAY, two segments and two wake-ups of the client), allocates a
// new 4 KiB read buffer and asks the kernel for both socket addresses
// (getpeername/getsockname + getnameinfo). On loopback that is most of a
// small request's cost (docs/performance.md). Here a connection costs one
// recv() per request when it arrives in one segment, one send() per
// answer, and the addresses are looked up once per connection.
//
// Behaviour kept from cpp-httplib: keep-alive up to keep_alive_max_count
// requests, idle connections closed after keep_alive_timeout, a read that
// stalls longer than read_timeout ends the connection, a send stalled
// longer than write_timeout fails it, stop() ends idle connections (here
// within kStopCheck instead of up to keep_alive_timeout). Anything written
// before the server reads again (e.g. "100 Continue") is sent first.
#pragma once

#include <httplib.h>

#include <chrono>

namespace gatehouse::http {

class BufferedServer : public httplib::Server {
 public:
  // How often a connection blocked waiting for its next request looks at
  // whether the server is stopping.
  static constexpr std::chrono::milliseconds kStopCheck{100};

  // Timeouts and limits are the library's own setters
  // (set_keep_alive_timeout, set_read_timeout, ...).

 private:
  // cpp-httplib calls this on a pool thread for each accepted socket
  // (a private virtual: overriding it is how the library lets a derived
  // server own the connection loop).
  bool process_and_close_socket(socket_t sock) override;
};

}  // namespace gatehouse::http
