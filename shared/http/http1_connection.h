// One plain-HTTP/1.1 keep-alive connection to one of our servers (HttpClient's):
// connect with a timeout, write a request in one send(), read one answer.
// The homeserver's hot path on a token-cache miss (introspection), so it
// is written for few system calls: the socket is blocking with SO_RCVTIMEO /
// SO_SNDTIMEO as the timeouts (no poll() before each read or write), and
// an answer is read into a 16 KiB buffer, usually by a single recv().
//
// Answers are framed by Content-Length, `Transfer-Encoding: chunked`, or
// the server closing the connection (RFC 9112 section 6.3); bodies are
// passed on as received (no Accept-Encoding is sent).
//
// Thread safety: none; one thread uses a connection at a time (HttpClient
// checks it out of its pool).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

#include "shared/core/error.h"

namespace gatehouse::http {

struct ClientTimeouts {
  std::chrono::seconds connect{5};
  std::chrono::seconds read{30};   // per recv(): the longest silence tolerated
  std::chrono::seconds write{10};  // per send()
};

class Http1Connection {
 public:
  // A TCP connection to host:port (a name or an IP literal, without
  // brackets), TCP_NODELAY on. kUnavailable when it cannot be opened.
  // `peer` names the server in errors ("cannot reach the auth service");
  // it must outlive the connection.
  static Result<std::unique_ptr<Http1Connection>> open(const std::string& host, int port,
                                                       const ClientTimeouts& timeouts, std::string_view peer);
  // A connection to the UNIX socket at `path`.
  static Result<std::unique_ptr<Http1Connection>> open_unix(const std::string& path,
                                                            const ClientTimeouts& timeouts,
                                                            std::string_view peer);
  ~Http1Connection();
  Http1Connection(const Http1Connection&) = delete;
  Http1Connection& operator=(const Http1Connection&) = delete;

  // For a connection taken from the pool: false when the server has closed
  // it (or sent something unasked) while it was idle. One non-blocking
  // peek, as cpp-httplib's client checks a kept-alive socket.
  bool still_open() const;

  // Sends `request` (the complete bytes: request line, headers, body) in
  // one send() and reads the answer. `head`: the request was HEAD, so the
  // answer has no body whatever its headers say. kUnavailable when the
  // connection breaks or times out, the answer is not HTTP/1.x, or its
  // body is larger than `max_body_bytes`.
  Result<httplib::Response> exchange(std::string_view request, bool head,
                                     std::size_t max_body_bytes);

  // After exchange(): the connection can carry another request (the answer
  // was complete, framed by length, and the server did not ask to close).
  bool reusable() const { return reusable_; }
  // After a failed exchange(): the server closed the connection before a
  // single byte of the answer arrived. On a pooled connection this is the
  // server having dropped it while idle, and the request can be resent on
  // a new one.
  bool closed_before_answer() const { return closed_before_answer_; }

 private:
  static Result<std::unique_ptr<Http1Connection>> connect(const std::string& host, int port, int family,
                                                          const ClientTimeouts& timeouts, const std::string& where,
                                                          std::string_view peer);
  Http1Connection(int fd, std::string_view peer) : fd_(fd), peer_(peer) {}

  Status write_all(std::string_view bytes);
  // One recv() of up to `size` bytes into `into`: at least one byte, or
  // kUnavailable on EOF (`eof_` set), error or timeout.
  Result<std::size_t> receive(char* into, std::size_t size);
  // receive() after the buffered bytes (compacting or growing the buffer).
  Status read_more();
  Status read_head(httplib::Response& response);
  Status read_fixed_body(std::size_t length, std::string& body);
  Status read_chunked_body(std::size_t max_body_bytes, std::string& body);
  Status read_body_to_close(std::size_t max_body_bytes, std::string& body);
  // A "\r\n"-terminated line at the start of the buffered bytes, reading
  // more as needed; consumed, returned without its "\r\n".
  Result<std::string_view> read_line();

  int fd_;
  std::string_view peer_;
  std::vector<char> buffer_ = std::vector<char>(16 * 1024);
  std::size_t begin_ = 0;  // unconsumed bytes: [begin_, end_)
  std::size_t end_ = 0;
  bool received_ = false;  // a byte of the current answer arrived
  bool eof_ = false;
  bool reusable_ = false;
  bool closed_before_answer_ = false;
};

}  // namespace gatehouse::http
