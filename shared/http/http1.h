// HTTP/1.1 message framing for the server's connection loop
// (buffered_server.cc): the request head parsed into an httplib::Request,
// the body's framing (Content-Length or chunked), and an httplib::Response
// written out. Pure functions over buffers: unit-tested without sockets.
//
// Kept from cpp-httplib 0.11.4, which served these requests before: the
// request line must be `METHOD SP target SP HTTP/1.x` with a known method;
// `path` is the target before `?`, percent-decoded (`+` kept), and the query
// fills `params`; header lines without a colon or with an empty value are
// skipped; names compare case-insensitively. Unlike it, header values are
// not percent-decoded (RFC 9110 gives `%` no meaning there).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>

namespace gatehouse::http::http1 {

struct HeadLimits {
  std::size_t request_line = 8192;  // longer: 414
  std::size_t head = 64 * 1024;     // request line and fields; larger: 431
  std::size_t fields = 100;         // more: 431
};

enum class HeadResult {
  kIncomplete,  // need more bytes
  kComplete,
  kBad,          // 400
  kUriTooLong,   // 414
  kTooLarge,     // 431
};

// Parses the head at the start of `buffered`. On kComplete, `consumed` is
// its length including the blank line, and req.method, target, version,
// path, params (from the query) and headers are set.
HeadResult parse_request_head(std::string_view buffered, httplib::Request& req, std::size_t& consumed,
                              const HeadLimits& limits = {});

// Whether the field `name` lists `token`, compared without case
// ("Connection: Keep-Alive, Close", "Expect: 100-Continue").
bool field_is(const httplib::Request& req, const char* name, std::string_view token);

// Helpers for fields, shared with the client side (http1_connection.cc).
// Equal without case (ASCII).
bool iequals(std::string_view a, std::string_view b);
// Without the optional whitespace (spaces, tabs) around it.
std::string_view trim_ows(std::string_view s);
// `token` is one of the comma-separated elements of `list` (RFC 9110
// section 5.6.1), e.g. "close" in a Connection field.
bool has_token(std::string_view list, std::string_view token);
// All of `text` as an unsigned number in `base`; nullopt otherwise.
std::optional<std::uint64_t> parse_unsigned(std::string_view text, int base = 10);

// How the body is framed, from the head's fields.
struct BodyFraming {
  bool bad = false;      // unparsable Content-Length, or an unsupported Transfer-Encoding
  bool chunked = false;  // Transfer-Encoding: chunked
  std::uint64_t length = 0;  // Content-Length (0 when absent or chunked)
};
BodyFraming body_framing(const httplib::Request& req);

enum class ChunkResult { kIncomplete, kComplete, kBad, kTooLarge };

// Decodes a chunked body at the start of `buffered` into `body` (trailers
// are read and dropped). On kComplete `consumed` is its encoded length.
// Stops with kTooLarge once the decoded body would exceed `max_body`.
ChunkResult decode_chunked(std::string_view buffered, std::string& body, std::size_t& consumed,
                           std::size_t max_body);

// The reason phrase for a status ("OK", "Not Found", ...).
std::string_view reason_phrase(int status);

struct ResponseOptions {
  bool head_request = false;  // HEAD: the body's length, not the body
  bool close = false;         // `Connection: close` instead of Keep-Alive
  long keep_alive_timeout_s = 5;
  std::size_t keep_alive_max = 100000;
};

// Appends the status line, the fields and the body to `out`. Adds what the
// library used to: Content-Type text/plain for a body without one,
// Content-Length, and Connection: close or Keep-Alive: timeout=T, max=N.
void write_response(const httplib::Response& res, const ResponseOptions& options, std::string& out);

}  // namespace gatehouse::http::http1
