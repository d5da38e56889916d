#include "shared/http/http1_connection.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <optional>
#include <system_error>

namespace gatehouse::http {
namespace {

// Status line and headers together; ours are a few hundred bytes. Also
// the longest chunk-size line accepted.
constexpr std::size_t kMaxHeadBytes = 64 * 1024;

// `peer` names the server ("the auth service").
tl::unexpected<Error> broken(std::string_view peer, std::string detail) {
  return fail(ErrorCode::kUnavailable, "cannot reach " + std::string(peer), std::move(detail));
}

tl::unexpected<Error> malformed(std::string_view peer, std::string detail) {
  return fail(ErrorCode::kUnavailable, std::string(peer) + "'s answer is not valid HTTP/1.1",
              std::move(detail));
}

tl::unexpected<Error> too_large(std::string_view peer) {
  return fail(ErrorCode::kUnavailable, std::string(peer) + "'s answer is too large");
}

std::string errno_text(int e) { return std::error_code(e, std::system_category()).message(); }

// RFC 9112 section 6.3: the body is chunked only when chunked is the final
// transfer coding; any other coding is read until the connection closes.
bool chunked_last(std::string_view transfer_encoding) {
  const std::size_t comma = transfer_encoding.rfind(',');
  return http1::iequals(http1::trim_ows(comma == std::string_view::npos ? transfer_encoding
                                                                       : transfer_encoding.substr(comma + 1)),
                        "chunked");
}

// "HTTP/1.1 401 Unauthorized" into version, status and reason.
Status parse_status_line(std::string_view peer, std::string_view line, httplib::Response& response) {
  if (line.size() < 12 || !line.starts_with("HTTP/1.") || line[8] != ' ' ||
      (line.size() > 12 && line[12] != ' ')) {
    return malformed(peer, "status line \"" + std::string(line.substr(0, 64)) + "\"");
  }
  const auto status = http1::parse_unsigned(line.substr(9, 3));
  if (!status || *status < 100) return malformed(peer, "status " + std::string(line.substr(9, 3)));
  response.version = std::string(line.substr(0, 8));
  response.status = static_cast<int>(*status);
  response.reason = line.size() > 13 ? std::string(line.substr(13)) : std::string();
  return ok();
}

}  // namespace

Result<std::unique_ptr<Http1Connection>> Http1Connection::connect(const std::string& host, int port,
                                                                  int family, const ClientTimeouts& timeouts,
                                                                  const std::string& where,
                                                                  std::string_view peer) {
  // cpp-httplib's resolver and connect(): every address of `host` in turn
  // (for AF_UNIX `host` is the path), non-blocking connect() bounded by the
  // connect timeout, then a blocking socket whose SO_RCVTIMEO/SO_SNDTIMEO
  // are the read and write timeouts.
  httplib::Error error = httplib::Error::Success;
  const int fd = httplib::detail::create_client_socket(
      host, /*ip=*/"", port, family, /*tcp_nodelay=*/family != AF_UNIX, /*socket_options=*/nullptr,
      timeouts.connect.count(), 0, timeouts.read.count(), 0, timeouts.write.count(), 0,
      /*intf=*/"", error);
  if (fd == INVALID_SOCKET) return broken(peer, where + ": " + httplib::to_string(error));
  return std::unique_ptr<Http1Connection>(new Http1Connection(fd, peer));
}

Result<std::unique_ptr<Http1Connection>> Http1Connection::open(const std::string& host, int port,
                                                               const ClientTimeouts& timeouts,
                                                               std::string_view peer) {
  return connect(host, port, AF_UNSPEC, timeouts, host + ":" + std::to_string(port), peer);
}

Result<std::unique_ptr<Http1Connection>> Http1Connection::open_unix(const std::string& path,
                                                                    const ClientTimeouts& timeouts,
                                                                    std::string_view peer) {
  return connect(path, /*port=*/0, AF_UNIX, timeouts, "unix:" + path, peer);
}

Http1Connection::~Http1Connection() { ::close(fd_); }

bool Http1Connection::still_open() const {
  char byte;
  const ssize_t n = ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

Result<httplib::Response> Http1Connection::exchange(std::string_view request, bool head,
                                                    std::size_t max_body_bytes) {
  reusable_ = false;
  closed_before_answer_ = false;
  received_ = false;
  eof_ = false;
  begin_ = end_ = 0;
  GH_TRY_STATUS(write_all(request));

  httplib::Response response;
  GH_TRY_STATUS(read_head(response));
  // Interim answers (100 Continue) precede the final one; 101 would switch
  // protocols, which no request here asks for.
  while (response.status < 200 && response.status != 101) {
    response = httplib::Response();
    GH_TRY_STATUS(read_head(response));
  }
  if (response.status == 101) return malformed(peer_, "101 Switching Protocols");

  bool delimited = true;  // the body's end was known without the connection closing
  if (head || response.status == 204 || response.status == 304) {
    // No body (RFC 9112 section 6.3, rule 1).
  } else if (response.has_header("Transfer-Encoding")) {
    if (chunked_last(response.get_header_value("Transfer-Encoding"))) {
      GH_TRY_STATUS(read_chunked_body(max_body_bytes, response.body));
    } else {
      GH_TRY_STATUS(read_body_to_close(max_body_bytes, response.body));
      delimited = false;
    }
  } else if (response.has_header("Content-Length")) {
    const std::string value = response.get_header_value("Content-Length");
    const auto length = http1::parse_unsigned(value);
    if (!length || response.get_header_value_count("Content-Length") > 1) {
      return malformed(peer_, "Content-Length: " + value);
    }
    if (*length > max_body_bytes) return too_large(peer_);
    GH_TRY_STATUS(read_fixed_body(*length, response.body));
  } else {
    GH_TRY_STATUS(read_body_to_close(max_body_bytes, response.body));
    delimited = false;
  }
  // Bytes after the answer were never asked for: the connection is out of
  // step and is not reused.
  reusable_ = delimited && begin_ == end_ && response.version == "HTTP/1.1" &&
              !http1::has_token(response.get_header_value("Connection"), "close");
  return response;
}

Status Http1Connection::write_all(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n >= 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    const int e = errno;
    if (e == EINTR) continue;
    if (e == EAGAIN || e == EWOULDBLOCK) return broken(peer_, "writing the request timed out");
    closed_before_answer_ = e == EPIPE || e == ECONNRESET;
    return broken(peer_, "writing the request: " + errno_text(e));
  }
  return ok();
}

Result<std::size_t> Http1Connection::receive(char* into, std::size_t size) {
  for (;;) {
    const ssize_t n = ::recv(fd_, into, size, 0);
    if (n > 0) {
      received_ = true;
      return static_cast<std::size_t>(n);
    }
    if (n == 0) {
      eof_ = true;
      closed_before_answer_ = !received_;
      return broken(peer_, "the connection closed before the answer was complete");
    }
    const int e = errno;
    if (e == EINTR) continue;
    if (e == EAGAIN || e == EWOULDBLOCK) return broken(peer_, "no answer within the read timeout");
    closed_before_answer_ = !received_ && e == ECONNRESET;
    return broken(peer_, "reading the answer: " + errno_text(e));
  }
}

Status Http1Connection::read_more() {
  if (begin_ == end_) begin_ = end_ = 0;
  if (end_ == buffer_.size()) {
    if (begin_ > 0) {
      std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    } else {
      buffer_.resize(buffer_.size() * 2);  // bounded by kMaxHeadBytes' checks
    }
  }
  GH_TRY(const std::size_t n, receive(buffer_.data() + end_, buffer_.size() - end_));
  end_ += n;
  return ok();
}

Status Http1Connection::read_head(httplib::Response& response) {
  std::size_t scan_from = 0;
  std::size_t head_size = 0;
  for (;;) {
    const std::string_view data(buffer_.data() + begin_, end_ - begin_);
    const std::size_t blank = data.find("\r\n\r\n", scan_from);
    if (blank != std::string_view::npos) {
      head_size = blank;
      break;
    }
    if (data.size() > kMaxHeadBytes) return malformed(peer_, "the header section is over 64 KiB");
    scan_from = data.size() < 3 ? 0 : data.size() - 3;
    GH_TRY_STATUS(read_more());
  }
  std::string_view head(buffer_.data() + begin_, head_size);
  begin_ += head_size + 4;

  const std::size_t status_end = std::min(head.find("\r\n"), head.size());
  GH_TRY_STATUS(parse_status_line(peer_, head.substr(0, status_end), response));
  head.remove_prefix(std::min(status_end + 2, head.size()));
  while (!head.empty()) {
    const std::size_t line_end = std::min(head.find("\r\n"), head.size());
    const std::string_view line = head.substr(0, line_end);
    head.remove_prefix(std::min(line_end + 2, head.size()));
    const std::size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos) {
      return malformed(peer_, "header line \"" + std::string(line.substr(0, 64)) + "\"");
    }
    response.headers.emplace(std::string(line.substr(0, colon)),
                             std::string(http1::trim_ows(line.substr(colon + 1))));
  }
  return ok();
}

Status Http1Connection::read_fixed_body(std::size_t length, std::string& body) {
  const std::size_t buffered = std::min(length, end_ - begin_);
  body.assign(buffer_.data() + begin_, buffered);
  begin_ += buffered;
  // The rest (a large answer) goes straight into the body.
  body.resize(length);
  for (std::size_t got = buffered; got < length;) {
    GH_TRY(const std::size_t n, receive(body.data() + got, length - got));
    got += n;
  }
  return ok();
}

Result<std::string_view> Http1Connection::read_line() {
  std::size_t scan_from = 0;
  for (;;) {
    const std::string_view data(buffer_.data() + begin_, end_ - begin_);
    const std::size_t eol = data.find("\r\n", scan_from);
    if (eol != std::string_view::npos) {
      begin_ += eol + 2;
      return data.substr(0, eol);
    }
    if (data.size() > kMaxHeadBytes) return malformed(peer_, "a chunk line is over 64 KiB");
    scan_from = data.empty() ? 0 : data.size() - 1;
    GH_TRY_STATUS(read_more());
  }
}

Status Http1Connection::read_chunked_body(std::size_t max_body_bytes, std::string& body) {
  // RFC 9112 section 7.1: chunk-size [; extensions] CRLF data CRLF ... 0 CRLF
  // trailers CRLF. Trailers are read and dropped, as cpp-httplib does.
  for (;;) {
    GH_TRY(const std::string_view line, read_line());
    const auto size = http1::parse_unsigned(http1::trim_ows(line.substr(0, line.find(';'))), 16);
    if (!size) return malformed(peer_, "chunk size \"" + std::string(line.substr(0, 32)) + "\"");
    if (*size == 0) break;
    if (*size > max_body_bytes - body.size()) return too_large(peer_);
    for (std::size_t remaining = *size; remaining > 0;) {
      if (begin_ == end_) GH_TRY_STATUS(read_more());
      const std::size_t take = std::min(remaining, end_ - begin_);
      body.append(buffer_.data() + begin_, take);
      begin_ += take;
      remaining -= take;
    }
    GH_TRY(const std::string_view end_of_chunk, read_line());
    if (!end_of_chunk.empty()) return malformed(peer_, "a chunk is longer than its size");
  }
  for (;;) {
    GH_TRY(const std::string_view trailer, read_line());
    if (trailer.empty()) return ok();
  }
}

Status Http1Connection::read_body_to_close(std::size_t max_body_bytes, std::string& body) {
  for (;;) {
    const std::size_t buffered = end_ - begin_;
    if (buffered > max_body_bytes - body.size()) return too_large(peer_);
    body.append(buffer_.data() + begin_, buffered);
    begin_ = end_ = 0;
    if (auto more = read_more(); !more) {
      if (eof_) return ok();
      return more;
    }
  }
}

}  // namespace gatehouse::http
