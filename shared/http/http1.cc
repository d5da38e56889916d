#include "shared/http/http1.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace gatehouse::http::http1 {
namespace {

constexpr std::string_view kCrlf = "\r\n";

bool is_space_or_tab(char c) { return c == ' ' || c == '\t'; }

bool known_method(std::string_view m) {
  static constexpr std::array<std::string_view, 10> kMethods = {
      "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "PRI"};
  return std::find(kMethods.begin(), kMethods.end(), m) != kMethods.end();
}

bool parse_request_line(std::string_view line, httplib::Request& req) {
  const auto first = line.find(' ');
  if (first == std::string_view::npos) return false;
  const auto second = line.find(' ', first + 1);
  if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view method = line.substr(0, first);
  const std::string_view target = line.substr(first + 1, second - first - 1);
  const std::string_view version = line.substr(second + 1);
  if (!known_method(method) || target.empty() || (version != "HTTP/1.1" && version != "HTTP/1.0")) {
    return false;
  }
  req.method.assign(method);
  req.target.assign(target);
  req.version.assign(version);
  const auto query = target.find('?');
  req.path = httplib::detail::decode_url(std::string(target.substr(0, query)), false);
  if (query != std::string_view::npos) {
    httplib::detail::parse_query_text(std::string(target.substr(query + 1)), req.params);
  }
  return true;
}

// One field line (without its CRLF): "Name: value". Lines without a colon
// or with an empty value are skipped, as cpp-httplib did.
void add_field(std::string_view line, httplib::Headers& headers) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return;
  const std::string_view value = trim_ows(line.substr(colon + 1));
  if (value.empty()) return;
  headers.emplace(std::string(line.substr(0, colon)), std::string(value));
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && is_space_or_tab(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space_or_tab(s.back())) s.remove_suffix(1);
  return s;
}

bool has_token(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    if (iequals(trim_ows(list.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

std::optional<std::uint64_t> parse_unsigned(std::string_view text, int base) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

HeadResult parse_request_head(std::string_view buffered, httplib::Request& req, std::size_t& consumed,
                              const HeadLimits& limits) {
  const auto line_end = buffered.find(kCrlf);
  if (line_end == std::string_view::npos) {
    return buffered.size() > limits.request_line ? HeadResult::kUriTooLong : HeadResult::kIncomplete;
  }
  if (line_end > limits.request_line) return HeadResult::kUriTooLong;
  const auto head_end = buffered.find("\r\n\r\n", line_end);
  if (head_end == std::string_view::npos) {
    return buffered.size() > limits.head ? HeadResult::kTooLarge : HeadResult::kIncomplete;
  }
  if (head_end + 4 > limits.head) return HeadResult::kTooLarge;
  if (!parse_request_line(buffered.substr(0, line_end), req)) return HeadResult::kBad;

  std::size_t fields = 0;
  std::size_t at = line_end + 2;
  while (at < head_end + 2) {
    const auto end = buffered.find(kCrlf, at);
    if (++fields > limits.fields) return HeadResult::kTooLarge;
    add_field(buffered.substr(at, end - at), req.headers);
    at = end + 2;
  }
  consumed = head_end + 4;
  return HeadResult::kComplete;
}

bool field_is(const httplib::Request& req, const char* name, std::string_view token) {
  auto it = req.headers.find(name);
  return it != req.headers.end() && has_token(it->second, token);
}

BodyFraming body_framing(const httplib::Request& req) {
  BodyFraming framing;
  if (auto te = req.headers.find("Transfer-Encoding"); te != req.headers.end()) {
    if (!iequals(te->second, "chunked")) framing.bad = true;  // gzip, etc.: 501 in spirit, 400 here
    framing.chunked = true;
    return framing;
  }
  const auto lengths = req.headers.equal_range("Content-Length");
  for (auto it = lengths.first; it != lengths.second; ++it) {
    auto value = parse_unsigned(it->second);
    // Several Content-Length fields must agree (RFC 9112 §6.3).
    if (!value || (it != lengths.first && *value != framing.length)) {
      framing.bad = true;
      return framing;
    }
    framing.length = *value;
  }
  return framing;
}

ChunkResult decode_chunked(std::string_view buffered, std::string& body, std::size_t& consumed,
                           std::size_t max_body) {
  std::string decoded;
  std::size_t at = 0;
  while (true) {
    const auto line_end = buffered.find(kCrlf, at);
    if (line_end == std::string_view::npos) {
      return buffered.size() - at > 1024 ? ChunkResult::kBad : ChunkResult::kIncomplete;
    }
    std::string_view size_text = buffered.substr(at, line_end - at);
    size_text = size_text.substr(0, size_text.find(';'));  // chunk extensions are ignored
    const auto parsed = parse_unsigned(trim_ows(size_text), 16);
    if (!parsed) return ChunkResult::kBad;
    const std::uint64_t size = *parsed;
    at = line_end + 2;
    if (size == 0) {
      // Trailer fields, then the blank line.
      while (true) {
        const auto trailer_end = buffered.find(kCrlf, at);
        if (trailer_end == std::string_view::npos) return ChunkResult::kIncomplete;
        const bool blank = trailer_end == at;
        at = trailer_end + 2;
        if (blank) break;
      }
      body = std::move(decoded);
      consumed = at;
      return ChunkResult::kComplete;
    }
    if (size > max_body || decoded.size() + size > max_body) return ChunkResult::kTooLarge;
    if (buffered.size() < at + size + 2) return ChunkResult::kIncomplete;
    if (buffered.substr(at + size, 2) != kCrlf) return ChunkResult::kBad;
    decoded.append(buffered.substr(at, size));
    at += size + 2;
  }
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return status < 400 ? "OK" : status < 500 ? "Bad Request" : "Internal Server Error";
  }
}

void write_response(const httplib::Response& res, const ResponseOptions& options, std::string& out) {
  char number[24];
  auto append_number = [&](std::uint64_t value) {
    const auto [end, ec] = std::to_chars(number, number + sizeof number, value);
    out.append(number, end);
  };
  out += "HTTP/1.1 ";
  append_number(static_cast<std::uint64_t>(res.status));
  out += ' ';
  out += reason_phrase(res.status);
  out += kCrlf;
  bool has_type = false;
  bool has_length = false;
  for (const auto& [name, value] : res.headers) {
    // Connection management is ours.
    if (iequals(name, "Connection") || iequals(name, "Keep-Alive")) continue;
    has_type = has_type || iequals(name, "Content-Type");
    has_length = has_length || iequals(name, "Content-Length");
    out += name;
    out += ": ";
    out += value;
    out += kCrlf;
  }
  if (!has_type && !res.body.empty()) out += "Content-Type: text/plain\r\n";
  if (!has_length) {
    out += "Content-Length: ";
    append_number(res.body.size());
    out += kCrlf;
  }
  if (options.close) {
    out += "Connection: close\r\n";
  } else {
    out += "Keep-Alive: timeout=";
    append_number(static_cast<std::uint64_t>(options.keep_alive_timeout_s));
    out += ", max=";
    append_number(options.keep_alive_max);
    out += kCrlf;
  }
  out += kCrlf;
  if (!options.head_request) out += res.body;
}

}  // namespace gatehouse::http::http1
