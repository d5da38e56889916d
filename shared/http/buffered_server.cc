#include "shared/http/buffered_server.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

namespace gatehouse::http {
namespace {

using Millis = std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

Millis to_millis(time_t sec, time_t usec) {
  return Millis(static_cast<long long>(sec) * 1000 + static_cast<long long>(usec) / 1000);
}

// A socket's peer (or own) address as cpp-httplib reports it: numeric
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

// One connection's socket, seen by cpp-httplib as its Stream. Reads come
// from a buffer refilled by one recv() at a time; writes collect in a
// buffer that flush() sends, which the connection loop does once per
// answer (and read() does first, so nothing written waits on the peer).
class ConnectionStream final : public httplib::Stream {
 public:
  static constexpr std::size_t kReadBuffer = 16 * 1024;
  // A larger answer is sent as it is written, so a connection never
  // holds more than this (plus one write) in memory.
  static constexpr std::size_t kWriteFlushAt = 64 * 1024;

  ConnectionStream(int fd, Millis read_timeout, const std::atomic<socket_t>& listening)
      : fd_(fd), read_timeout_(read_timeout), listening_(listening),
        in_(std::make_unique<char[]>(kReadBuffer)) {
    // recv() blocks for at most kStopCheck at a time, so a connection
    // waiting for its next request notices stop(); the real limits
    // (keep-alive, read timeout) are counted across those waits. The send
    // timeout (write_timeout) was set by the library when it accepted.
    timeval slice{};
    slice.tv_usec = static_cast<suseconds_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(BufferedServer::kStopCheck).count());
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &slice, sizeof slice);
    // Once per connection, not per request as the library's stream does.
    socket_address(fd_, true, remote_ip_, remote_port_);
    socket_address(fd_, false, local_ip_, local_port_);
    out_.reserve(4096);
  }

  bool is_readable() const override {
    if (begin_ < end_) return true;
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(read_timeout_.count())) > 0;
  }
  bool is_writable() const override { return true; }  // send() has its own timeout

  ssize_t read(char* ptr, std::size_t size) override {
    if (begin_ == end_) {
      if (!flush()) return -1;
      // A large read goes straight to the caller's buffer.
      if (size >= kReadBuffer) return receive(ptr, size, read_timeout_, false);
      const ssize_t n = receive(in_.get(), kReadBuffer, read_timeout_, false);
      if (n <= 0) return n;
      begin_ = 0;
      end_ = static_cast<std::size_t>(n);
    }
    const std::size_t n = std::min(size, end_ - begin_);
    std::memcpy(ptr, in_.get() + begin_, n);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, std::size_t size) override {
    out_.append(ptr, size);
    if (out_.size() >= kWriteFlushAt && !flush()) return -1;
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = remote_ip_;
    port = remote_port_;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = local_ip_;
    port = local_port_;
  }
  socket_t socket() const override { return fd_; }

  // Until the first bytes of the next request are buffered: false when the
  // peer closed, `idle` passed, or the server is stopping.
  bool wait_for_request(Millis idle) {
    if (begin_ < end_) return true;
    const ssize_t n = receive(in_.get(), kReadBuffer, idle, true);
    if (n <= 0) return false;
    begin_ = 0;
    end_ = static_cast<std::size_t>(n);
    return true;
  }

  // Sends everything written so far; false if the peer is gone or the
  // send timed out.
  bool flush() {
    std::size_t sent = 0;
    while (sent < out_.size()) {
      const ssize_t n = ::send(fd_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        out_.clear();
        return false;
      }
      sent += static_cast<std::size_t>(n);
    }
    out_.clear();
    if (out_.capacity() > 4 * kWriteFlushAt) std::string().swap(out_);  // a large page's buffer
    return true;
  }

 private:
  // One recv(), repeated while it times out (each kStopCheck) until
  // `limit` has passed (or, if `stop_aware`, the server stops). 0 when the
  // peer closed, -1 on error or time out.
  ssize_t receive(char* into, std::size_t size, Millis limit, bool stop_aware) {
    const auto deadline = Clock::now() + limit;
    while (true) {
      const ssize_t n = ::recv(fd_, into, size, 0);
      if (n >= 0) return n;
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
      if (Clock::now() >= deadline) return -1;
      if (stop_aware && listening_ == INVALID_SOCKET) return -1;
    }
  }

  int fd_;
  Millis read_timeout_;
  const std::atomic<socket_t>& listening_;  // INVALID_SOCKET once stop() was called
  std::unique_ptr<char[]> in_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::string out_;
  std::string remote_ip_;
  std::string local_ip_;
  int remote_port_ = 0;
  int local_port_ = 0;
};

}  // namespace

bool BufferedServer::process_and_close_socket(socket_t sock) {
  bool ret = false;
  {
    ConnectionStream stream(sock, to_millis(read_timeout_sec_, read_timeout_usec_), svr_sock_);
    const Millis idle = to_millis(keep_alive_timeout_sec_, 0);
    std::size_t remaining = keep_alive_max_count_;
    while (remaining > 0 && svr_sock_ != INVALID_SOCKET && stream.wait_for_request(idle)) {
      bool connection_closed = false;
      ret = process_request(stream, remaining == 1, connection_closed, nullptr);
      if (!stream.flush()) ret = false;
      if (!ret || connection_closed) break;
      --remaining;
    }
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace gatehouse::http
