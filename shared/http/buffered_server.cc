#include "shared/http/buffered_server.h"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

#include <spdlog/spdlog.h>

#include "shared/http/http1.h"

namespace gatehouse::http {
namespace {

using Millis = std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// How long, and for how many bytes, a refused request's connection is
// drained before it closes (see Connection::linger). A worker thread waits
// that long at most; nginx's lingering_time is 30 s, Apache's ~2 s.
constexpr Millis kLingerTime{2000};
constexpr std::size_t kLingerBytes = 64 * 1024 * 1024;

Millis to_millis(time_t sec, time_t usec) {
  return Millis(static_cast<long long>(sec) * 1000 + static_cast<long long>(usec) / 1000);
}

// A socket's peer (or own) address as cpp-httplib reported it: numeric
// host and port; on a UNIX socket no host, and the peer's pid as its port.
void socket_address(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  auto* raw = reinterpret_cast<sockaddr*>(&address);
  if ((peer ? ::getpeername(fd, raw, &length) : ::getsockname(fd, raw, &length)) != 0) return;
  if (address.ss_family == AF_UNIX) {
    ucred credentials{};
    socklen_t size = sizeof credentials;
    if (peer && ::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &size) == 0) port = credentials.pid;
    return;
  }
  if (address.ss_family == AF_INET) {
    port = ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
  } else if (address.ss_family == AF_INET6) {
    port = ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
  } else {
    return;
  }
  char host[NI_MAXHOST] = {};
  if (::getnameinfo(raw, length, host, sizeof host, nullptr, 0, NI_NUMERICHOST) == 0) ip = host;
}

// One accepted socket: bytes received but not yet consumed, and the
// answer being written.
class Connection {
 public:
  static constexpr std::size_t kInitialBuffer = 16 * 1024;

  Connection(int fd, const std::atomic<socket_t>& listening) : fd_(fd), listening_(listening) {
    // recv() blocks for at most kStopCheck at a time, so a connection
    // waiting for its next request notices stop(); the real limits
    // (keep-alive, read timeout) are counted across those waits. The send
    // timeout (write_timeout) was set by the library when it accepted.
    timeval slice{};
    slice.tv_usec = static_cast<suseconds_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(BufferedServer::kStopCheck).count());
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &slice, sizeof slice);
    socket_address(fd_, true, remote_ip, remote_port);
    socket_address(fd_, false, local_ip, local_port);
    out.reserve(4096);
  }

  std::string_view pending() const { return {buffer_.get() + begin_, end_ - begin_}; }
  void consume(std::size_t n) {
    begin_ += n;
    if (begin_ == end_) begin_ = end_ = 0;
  }

  // Receives more bytes (one recv()), waiting up to `limit` (or, if
  // `stop_aware`, until the server stops). False when the peer closed,
  // on error or time out.
  bool fill(Millis limit, bool stop_aware) {
    make_room();
    const auto deadline = Clock::now() + limit;
    while (true) {
      const ssize_t n = ::recv(fd_, buffer_.get() + end_, capacity_ - end_, 0);
      if (n > 0) {
        end_ += static_cast<std::size_t>(n);
        return true;
      }
      if (n == 0) return false;
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return false;
      if (Clock::now() >= deadline) return false;
      if (stop_aware && listening_ == INVALID_SOCKET) return false;
    }
  }

  // Sends `out`; false if the peer is gone or the send timed out.
  bool flush() {
    std::size_t sent = 0;
    bool ok = true;
    while (sent < out.size()) {
      const ssize_t n = ::send(fd_, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ok = false;
        break;
      }
      sent += static_cast<std::size_t>(n);
    }
    out.clear();
    if (out.capacity() > 256 * 1024) std::string().swap(out);  // a large page's buffer
    return ok;
  }

  // After an answer that ends the connection while the peer may still be
  // sending (a request refused before its body was read): half-closes, then
  // reads and drops what comes until the peer closes too, `limit` passes,
  // `max_bytes` came, or the server stops. Closing with unread bytes would
  // send a TCP reset, and a client still writing its body sees "connection
  // reset" instead of the answer (Apache's and nginx's lingering close).
  void linger(Millis limit, std::size_t max_bytes) {
    ::shutdown(fd_, SHUT_WR);
    const auto deadline = Clock::now() + limit;
    char sink[16384];
    std::size_t drained = 0;
    while (drained < max_bytes && Clock::now() < deadline && listening_ != INVALID_SOCKET) {
      const ssize_t n = ::recv(fd_, sink, sizeof sink, 0);
      if (n == 0) return;
      if (n > 0) {
        drained += static_cast<std::size_t>(n);
      } else if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
        return;
      }
    }
  }

  // Between requests: gives back a buffer a large body grew.
  void trim() {
    if (begin_ == end_ && capacity_ > 4 * kInitialBuffer) {
      buffer_ = std::make_unique<char[]>(kInitialBuffer);
      capacity_ = kInitialBuffer;
      begin_ = end_ = 0;
    }
  }

  std::string out;
  std::string remote_ip;
  std::string local_ip;
  int remote_port = 0;
  int local_port = 0;

 private:
  void make_room() {
    if (end_ < capacity_) return;
    if (begin_ > 0) {
      std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
      return;
    }
    auto bigger = std::make_unique<char[]>(capacity_ * 2);
    std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    capacity_ *= 2;
  }

  int fd_;
  const std::atomic<socket_t>& listening_;  // INVALID_SOCKET once stop() was called
  std::unique_ptr<char[]> buffer_ = std::make_unique<char[]>(kInitialBuffer);
  std::size_t capacity_ = kInitialBuffer;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

}  // namespace

bool BufferedServer::process_and_close_socket(socket_t sock) {
  const Millis read_timeout = to_millis(read_timeout_sec_, read_timeout_usec_);
  const Millis idle = to_millis(keep_alive_timeout_sec_, 0);
  struct CloseOnExit {
    int fd;
    ~CloseOnExit() {
      ::shutdown(fd, SHUT_RDWR);
      ::close(fd);
    }
  } closer{sock};
  Connection connection(sock, svr_sock_);

  // Answers `status` with a protocol-form body and ends the connection,
  // lingering so that a client still sending the request reads the answer.
  auto refuse = [&](httplib::Request& req, int status) {
    httplib::Response res;
    res.status = status;
    if (hooks_.error_body) hooks_.error_body(req, res);
    http1::write_response(res, {req.method == "HEAD", true, keep_alive_timeout_sec_, keep_alive_max_count_},
                          connection.out);
    connection.flush();
    if (hooks_.after) hooks_.after(req, res);
    connection.linger(kLingerTime, kLingerBytes);
  };

  bool ok = true;
  for (std::size_t remaining = keep_alive_max_count_; remaining > 0; --remaining) {
    if (svr_sock_ == INVALID_SOCKET) break;
    if (connection.pending().empty() && !connection.fill(idle, true)) break;  // idle: the peer may go

    httplib::Request req;
    req.remote_addr = connection.remote_ip;
    req.remote_port = connection.remote_port;
    req.local_addr = connection.local_ip;
    req.local_port = connection.local_port;

    // The head, as far as it has come.
    std::size_t consumed = 0;
    http1::HeadResult head;
    while ((head = http1::parse_request_head(connection.pending(), req, consumed)) ==
           http1::HeadResult::kIncomplete) {
      if (!connection.fill(read_timeout, false)) return false;  // stalled or gone mid-request
    }
    switch (head) {
      case http1::HeadResult::kComplete: break;
      case http1::HeadResult::kUriTooLong: refuse(req, 414); return false;
      case http1::HeadResult::kTooLarge: refuse(req, 431); return false;
      default: refuse(req, 400); return false;
    }
    connection.consume(consumed);

    // The body.
    const http1::BodyFraming framing = http1::body_framing(req);
    if (framing.bad) {
      refuse(req, 400);
      return false;
    }
    if (framing.length > payload_max_length_) {
      refuse(req, 413);  // not read: the connection ends instead
      return false;
    }
    if ((framing.chunked || framing.length > 0) && http1::field_is(req, "Expect", "100-continue")) {
      connection.out += "HTTP/1.1 100 Continue\r\n\r\n";
      if (!connection.flush()) return false;
    }
    if (framing.chunked) {
      http1::ChunkResult chunks;
      while ((chunks = http1::decode_chunked(connection.pending(), req.body, consumed, payload_max_length_)) ==
             http1::ChunkResult::kIncomplete) {
        if (!connection.fill(read_timeout, false)) return false;
      }
      if (chunks != http1::ChunkResult::kComplete) {
        refuse(req, chunks == http1::ChunkResult::kTooLarge ? 413 : 400);
        return false;
      }
      connection.consume(consumed);
    } else if (framing.length > 0) {
      while (connection.pending().size() < framing.length) {
        if (!connection.fill(read_timeout, false)) return false;
      }
      req.body.assign(connection.pending().substr(0, framing.length));
      connection.consume(framing.length);
    }
    if (req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded")) {
      httplib::detail::parse_query_text(req.body, req.params);
    }

    // The answer.
    httplib::Response res;
    try {
      hooks_.handle(req, res);
    } catch (const std::exception&) {
      spdlog::error("bug: exception escaped the handler of a {} request", req.method);
      res = httplib::Response();
      res.status = 500;
    }
    if (res.status == -1) res.status = 200;
    if (res.status >= 400 && res.body.empty() && hooks_.error_body) hooks_.error_body(req, res);
    const bool close = remaining == 1 || http1::field_is(req, "Connection", "close") ||
                       (req.version == "HTTP/1.0" && !http1::field_is(req, "Connection", "keep-alive"));
    http1::write_response(res, {req.method == "HEAD", close, keep_alive_timeout_sec_, keep_alive_max_count_},
                          connection.out);
    ok = connection.flush();
    if (hooks_.after) hooks_.after(req, res);
    if (!ok || close) break;
    connection.trim();
  }
  return ok;
}

}  // namespace gatehouse::http
