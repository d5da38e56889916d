// An httplib::Server (for binding, accepting and its worker pool) whose
// connections are served by a loop of our own: requests are framed by
// http1.h and handed to Hooks; cpp-httplib's request parser, regex
// routing and response writer are not used.
//
// Why: per request cpp-httplib 0.11.4 calls poll() before every read and
// twice before every write (is_writable, is_socket_alive), reads the head
// one byte at a time through a virtual call, writes the status line and
// headers in one send() and the body in a second (with TCP_NODELAY, two
// segments and two wake-ups of the client), formats headers through
// snprintf and a stringstream, matches a std::regex per route and asks the
// kernel for both socket addresses. On loopback that was most of a small
// request's cost (docs/performance.md). Here a request costs one recv()
// when it arrives in one segment and one send() for its answer; the
// addresses are looked up once per connection.
//
// Behaviour kept: keep-alive up to keep_alive_max_count requests (the last
// answer says `Connection: close`), `Connection: close` and HTTP/1.0
// without keep-alive end the connection after the answer, idle connections
// close after keep_alive_timeout, a request whose bytes stall longer than
// read_timeout ends the connection, a send stalled longer than
// write_timeout fails it, `Expect: 100-continue` is answered before the
// body is read, bodies above the payload limit are answered 413 (and the
// connection closed: the body is not read), pipelined requests are
// answered in order. stop() ends idle connections within kStopCheck.
#pragma once

#include <httplib.h>

#include <chrono>
#include <functional>

namespace gatehouse::http {

class BufferedServer : public httplib::Server {
 public:
  // How often a connection blocked waiting for its next request looks at
  // whether the server is stopping.
  static constexpr std::chrono::milliseconds kStopCheck{100};

  struct Hooks {
    // Answers a request (routing). An exception escaping it is logged and
    // answered 500.
    std::function<void(const httplib::Request&, httplib::Response&)> handle;
    // A status >= 400 without a body: write one (protocol form).
    std::function<void(const httplib::Request&, httplib::Response&)> error_body;
    // After the answer was written (access log, metrics).
    std::function<void(const httplib::Request&, const httplib::Response&)> after;
  };
  // Before listening. Timeouts and limits are the library's own setters
  // (set_keep_alive_timeout, set_read_timeout, set_payload_max_length, ...).
  void set_hooks(Hooks hooks) { hooks_ = std::move(hooks); }

 private:
  // cpp-httplib calls this on a pool thread for each accepted socket
  // (a private virtual: overriding it is how the library lets a derived
  // server own the connection loop).
  bool process_and_close_socket(socket_t sock) override;

  Hooks hooks_;
};

}  // namespace gatehouse::http
