#include "shared/http/http1.h"

#include <doctest/doctest.h>

using namespace gatehouse::http::http1;

TEST_CASE("http1: a request head is parsed into method, target, path, query and fields") {
  httplib::Request req;
  std::size_t consumed = 0;
  const std::string head =
      "POST /a%20b/c?x=1&y=two%21 HTTP/1.1\r\nHost: example\r\ncontent-type:  text/plain \r\n"
      "X-Empty:\r\nno colon here\r\nX-Pct: a%20b\r\n\r\n";
  REQUIRE(parse_request_head(head + "BODY", req, consumed) == HeadResult::kComplete);
  CHECK(consumed == head.size());
  CHECK(req.method == "POST");
  CHECK(req.target == "/a%20b/c?x=1&y=two%21");
  CHECK(req.path == "/a b/c");
  CHECK(req.version == "HTTP/1.1");
  CHECK(req.get_param_value("x") == "1");
  CHECK(req.get_param_value("y") == "two!");
  CHECK(req.get_header_value("Content-Type") == "text/plain");  // trimmed, any case
  CHECK(req.get_header_value("Host") == "example");
  CHECK_FALSE(req.has_header("X-Empty"));            // empty values are skipped
  CHECK(req.get_header_value("X-Pct") == "a%20b");   // header values are not decoded
  CHECK(req.headers.size() == 3);
}

TEST_CASE("http1: incomplete heads wait for more bytes; bad and oversized ones are refused") {
  httplib::Request req;
  std::size_t consumed = 0;
  CHECK(parse_request_head("", req, consumed) == HeadResult::kIncomplete);
  CHECK(parse_request_head("GET / HTTP/1.1\r\nHost: x\r\n", req, consumed) == HeadResult::kIncomplete);
  CHECK(parse_request_head("GET / HTTP/2.0\r\n\r\n", req, consumed) == HeadResult::kBad);
  CHECK(parse_request_head("BREW / HTTP/1.1\r\n\r\n", req, consumed) == HeadResult::kBad);
  CHECK(parse_request_head("GET /  HTTP/1.1\r\n\r\n", req, consumed) == HeadResult::kBad);
  CHECK(parse_request_head("GET\r\n\r\n", req, consumed) == HeadResult::kBad);
  HeadLimits limits;
  limits.request_line = 32;
  limits.head = 128;
  limits.fields = 2;
  CHECK(parse_request_head("GET /" + std::string(40, 'a'), req, consumed, limits) == HeadResult::kUriTooLong);
  CHECK(parse_request_head("GET /" + std::string(40, 'a') + " HTTP/1.1\r\n\r\n", req, consumed, limits) ==
        HeadResult::kUriTooLong);
  CHECK(parse_request_head("GET / HTTP/1.1\r\nA: " + std::string(200, 'a'), req, consumed, limits) ==
        HeadResult::kTooLarge);
  CHECK(parse_request_head("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", req, consumed, limits) ==
        HeadResult::kTooLarge);
}

TEST_CASE("http1: body framing from Content-Length or chunked") {
  auto framing = [](std::initializer_list<std::pair<const char*, const char*>> fields) {
    httplib::Request req;
    for (auto [k, v] : fields) req.headers.emplace(k, v);
    return body_framing(req);
  };
  CHECK(framing({}).length == 0);
  CHECK(framing({{"Content-Length", "42"}}).length == 42);
  CHECK(framing({{"content-length", "7"}, {"Content-Length", "7"}}).length == 7);
  CHECK(framing({{"Content-Length", "7"}, {"Content-Length", "8"}}).bad);
  CHECK(framing({{"Content-Length", "-1"}}).bad);
  CHECK(framing({{"Content-Length", "12x"}}).bad);
  CHECK(framing({{"Transfer-Encoding", "Chunked"}}).chunked);
  CHECK(framing({{"Transfer-Encoding", "gzip, chunked"}}).bad);
}

TEST_CASE("http1: field values compare without case, token by token") {
  httplib::Request req;
  req.headers.emplace("connection", "Close");
  CHECK(field_is(req, "Connection", "close"));
  CHECK_FALSE(field_is(req, "Connection", "keep-alive"));
  CHECK_FALSE(field_is(req, "Expect", "100-continue"));
  // Connection is a list (RFC 9110 §7.6.1): any of its tokens counts.
  httplib::Request listed;
  listed.headers.emplace("Connection", "Keep-Alive , CLOSE");
  CHECK(field_is(listed, "Connection", "close"));
  CHECK(field_is(listed, "Connection", "keep-alive"));
  CHECK_FALSE(field_is(listed, "Connection", "clos"));
  CHECK(parse_unsigned("1f", 16) == 31u);
  CHECK(parse_unsigned("42") == 42u);
  CHECK_FALSE(parse_unsigned(""));
  CHECK_FALSE(parse_unsigned("4 2"));
  CHECK(trim_ows(" \tx y\t ") == "x y");
}

TEST_CASE("http1: chunked bodies are decoded, trailers dropped, limits kept") {
  std::string body;
  std::size_t consumed = 0;
  const std::string encoded = "4\r\nWiki\r\n6;ext=1\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nX-T: 1\r\n\r\n";
  REQUIRE(decode_chunked(encoded + "NEXT", body, consumed, 1024) == ChunkResult::kComplete);
  CHECK(body == "Wikipedia in \r\n\r\nchunks.");
  CHECK(consumed == encoded.size());
  for (std::size_t cut = 0; cut < encoded.size(); ++cut) {
    CHECK(decode_chunked(encoded.substr(0, cut), body, consumed, 1024) == ChunkResult::kIncomplete);
  }
  CHECK(decode_chunked(encoded, body, consumed, 10) == ChunkResult::kTooLarge);
  CHECK(decode_chunked("zz\r\nab\r\n0\r\n\r\n", body, consumed, 1024) == ChunkResult::kBad);
  CHECK(decode_chunked("2\r\nabc\r\n0\r\n\r\n", body, consumed, 1024) == ChunkResult::kBad);
}

TEST_CASE("http1: a response is written with its length, type and connection fields") {
  httplib::Response res;
  res.status = 404;
  res.set_header("X-A", "1");
  res.set_header("Connection", "upgrade");  // ours to decide
  res.body = "nope";
  std::string out;
  write_response(res, {false, false, 5, 100}, out);
  CHECK(out ==
        "HTTP/1.1 404 Not Found\r\nX-A: 1\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n"
        "Keep-Alive: timeout=5, max=100\r\n\r\nnope");

  httplib::Response json;
  json.status = 200;
  json.set_content("{}", "application/json");
  out.clear();
  write_response(json, {true, true, 5, 100}, out);  // HEAD, closing
  CHECK(out == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
               "Connection: close\r\n\r\n");

  httplib::Response empty;
  empty.status = 204;
  out.clear();
  write_response(empty, {false, false, 5, 100}, out);
  CHECK(out.find("Content-Length: 0\r\n") != std::string::npos);
  CHECK(out.find("Content-Type") == std::string::npos);
  CHECK(reason_phrase(429) == "Too Many Requests");
}
