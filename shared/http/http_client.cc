#include "shared/http/http_client.h"

#include <charconv>
#include <string_view>

namespace gatehouse::http {
namespace {

// Idle connections kept; more concurrent calls open extra ones that are
// closed afterwards.
constexpr std::size_t kMaxIdle = 32;

tl::unexpected<Error> unreachable(std::string_view peer, std::string detail) {
  return fail(ErrorCode::kUnavailable, "cannot reach " + std::string(peer), std::move(detail));
}

bool has_line_break(std::string_view s) { return s.find_first_of("\r\n", 0, 3) != s.npos; }

// The request target: bytes that cannot stand in one (controls, space,
// non-ASCII) percent-encoded; everything else as the caller wrote it (a
// forwarded /login query stays byte for byte what the client sent).
void append_target(std::string& out, std::string_view path) {
  constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f) {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
}

// The whole request, ready for one send(). The headers cpp-httplib's
// client added are added likewise (Accept: */*, a Content-Length of 0 on
// an empty POST, PUT or PATCH); not its User-Agent, so the server
// records none for a forwarded client that sent none.
Result<std::string> request_bytes(const ClientRequest& request, std::string_view path,
                                  std::string_view host) {
  std::string out;
  out.reserve(256 + path.size() + request.body.size());
  out += request.method;
  out += ' ';
  append_target(out, path);
  out += " HTTP/1.1\r\nHost: ";
  out += host;
  out += "\r\n";
  for (const auto& [name, value] : request.headers) {
    if (has_line_break(name) || has_line_break(value) || name.empty()) {
      return fail(ErrorCode::kInvalidInput,
                  "a header for the server has an empty name or a line break", name);
    }
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  if (!request.headers.contains("Accept")) out += "Accept: */*\r\n";
  if (!request.content_type.empty()) {
    out += "Content-Type: ";
    out += request.content_type;
    out += "\r\nContent-Length: ";
    out += std::to_string(request.body.size());
    out += "\r\n";
  } else if (request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
    out += "Content-Length: 0\r\n";
  }
  out += "Connection: keep-alive\r\n\r\n";
  if (!request.content_type.empty()) out += request.body;
  return out;
}

}  // namespace

HttpClient::HttpClient(const std::string& endpoint, std::string peer, std::size_t max_response_bytes,
                       ClientTimeouts timeouts, std::string unix_socket)
    : peer_(std::move(peer)),
      unix_socket_(std::move(unix_socket)),
      max_response_bytes_(max_response_bytes),
      timeouts_(timeouts),
      connections_(kMaxIdle),
      tls_clients_(kMaxIdle) {
  const std::size_t scheme_end = endpoint.find("://");
  tls_ = scheme_end != std::string::npos && endpoint.compare(0, scheme_end, "https") == 0;
  const std::size_t authority_start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  const std::size_t path_start = endpoint.find('/', authority_start);
  origin_ = endpoint.substr(0, path_start);
  if (path_start != std::string::npos) path_prefix_ = endpoint.substr(path_start);
  while (!path_prefix_.empty() && path_prefix_.back() == '/') path_prefix_.pop_back();

  host_header_ = endpoint.substr(authority_start, path_start - authority_start);
  std::string_view authority = host_header_;
  std::string_view port_text;
  if (authority.starts_with('[')) {  // an IPv6 literal: [::1]:8080
    const std::size_t close = authority.find(']');
    host_ = std::string(authority.substr(1, close == authority.npos ? authority.npos : close - 1));
    if (close != authority.npos && authority.substr(close + 1).starts_with(':')) {
      port_text = authority.substr(close + 2);
    }
  } else {
    const std::size_t colon = authority.rfind(':');
    host_ = std::string(authority.substr(0, colon));
    if (colon != authority.npos) port_text = authority.substr(colon + 1);
  }
  port_ = tls_ ? 443 : 80;
  if (!port_text.empty()) {
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port_);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port_ < 1 || port_ > 65535) {
      port_ = 0;
    }
  }
}

HttpClient::~HttpClient() = default;

Result<std::unique_ptr<Http1Connection>> HttpClient::connect() const {
  return unix_socket_.empty() ? Http1Connection::open(host_, port_, timeouts_, peer_)
                              : Http1Connection::open_unix(unix_socket_, timeouts_, peer_);
}

std::string HttpClient::path_of(const ClientRequest& request) const {
  return path_prefix_ + (request.path.starts_with('/') ? "" : "/") + request.path;
}

Result<httplib::Response> HttpClient::send(const ClientRequest& request) {
  return tls_ ? send_tls(request) : send_plain(request);
}

Result<httplib::Response> HttpClient::send_plain(const ClientRequest& request) {
  if (port_ == 0 && unix_socket_.empty()) {
    return unreachable(peer_, "the endpoint's port is not a number from 1 to 65535");
  }
  GH_TRY(const std::string bytes, request_bytes(request, path_of(request), host_header_));
  const bool head = request.method == "HEAD";

  // The most recently used idle connection the server has not closed.
  std::unique_ptr<Http1Connection> connection = connections_.take();
  while (connection && !connection->still_open()) connection = connections_.take();
  const bool reused = connection != nullptr;
  if (!reused) {
    GH_TRY(connection, connect());
  }

  auto answer = connection->exchange(bytes, head, max_response_bytes_);
  if (!answer && reused && connection->closed_before_answer()) {
    // The server closed the kept-alive connection just as the request went
    // out: it never saw the request, which goes once more on a new one.
    GH_TRY(connection, connect());
    answer = connection->exchange(bytes, head, max_response_bytes_);
  }
  // A broken or unframed connection is dropped, not returned to the pool.
  if (answer && connection->reusable()) connections_.give(std::move(connection));
  return answer;
}

Result<httplib::Response> HttpClient::send_tls(const ClientRequest& request) {
  auto client = tls_clients_.take();
  if (!client) {
    client = std::make_unique<httplib::Client>(origin_);
    client->set_keep_alive(true);
    // The request goes out in two writes (headers, then the form body):
    // without TCP_NODELAY the second waits for the delayed ACK.
    client->set_tcp_nodelay(true);
    client->set_connection_timeout(timeouts_.connect.count(), 0);
    client->set_read_timeout(timeouts_.read.count(), 0);
    client->set_write_timeout(timeouts_.write.count(), 0);
    client->set_follow_location(false);
  }

  httplib::Request req;
  req.method = request.method;
  req.path = path_of(request);
  req.headers = request.headers;
  if (!request.content_type.empty()) {
    req.headers.emplace("Content-Type", request.content_type);
    req.body = request.body;
  }
  std::string body;
  bool too_large = false;
  req.content_receiver = [&](const char* data, std::size_t length, std::uint64_t,
                             std::uint64_t) {
    if (body.size() + length > max_response_bytes_) {
      too_large = true;
      return false;
    }
    body.append(data, length);
    return true;
  };

  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  const bool sent = client->send(req, res, error);
  if (too_large) return fail(ErrorCode::kUnavailable, peer_ + "'s answer is too large");
  if (!sent) return unreachable(peer_, httplib::to_string(error));  // the client is dropped
  tls_clients_.give(std::move(client));
  res.body = std::move(body);
  return res;
}

}  // namespace gatehouse::http
