// HttpClient's plain-HTTP path against real servers on 127.0.0.1: a
// cpp-httplib server (what the auth service runs) for the framings and
// pass-through, and a scripted socket server for what cpp-httplib's server
// will not do on cue (close a kept-alive connection, answer and close).
#include "shared/http/http_client.h"

#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <future>
#include <filesystem>
#include <set>
#include <thread>

#include "shared/http/test_lib_server.h"

using namespace gatehouse;
using http::ClientRequest;
using http::HttpClient;
using http::testing::LibServer;

namespace {


// A listening socket whose connections a test drives by hand, in a thread
// running `script`.
struct ScriptedServer {
  explicit ScriptedServer(std::function<void(ScriptedServer&)> script) {
    listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(listener, 8) == 0);
    socklen_t length = sizeof addr;
    ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &length);
    port = ntohs(addr.sin_port);
    thread = std::thread([this, script] { script(*this); });
  }
  ~ScriptedServer() {
    thread.join();
    ::close(listener);
  }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port) + "/"; }

  int accept_one() { return ::accept(listener, nullptr, nullptr); }
  // Whether a client is waiting to be accepted (without accepting it).
  bool connection_pending() {
    pollfd p{listener, POLLIN, 0};
    return ::poll(&p, 1, 0) == 1;
  }
  // One request (head and Content-Length body); empty at EOF.
  static std::string read_request(int fd) {
    std::string in;
    char chunk[4096];
    for (;;) {
      const std::size_t head_end = in.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        std::size_t length = 0;
        if (auto at = in.find("Content-Length: "); at != std::string::npos && at < head_end) {
          length = std::stoul(in.substr(at + 16));
        }
        if (in.size() >= head_end + 4 + length) return in;
      }
      const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) return {};
      in.append(chunk, static_cast<std::size_t>(n));
    }
  }
  static void write(int fd, const std::string& text) {
    CHECK(::send(fd, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size()));
  }
  static std::string answer(const std::string& body, const std::string& extra_headers = "") {
    return "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
           extra_headers + "\r\n" + body;
  }

  int listener = -1;
  int port = 0;
  std::thread thread;
};

ClientRequest get_request(const std::string& path) {
  ClientRequest request;
  request.path = path;
  return request;
}

}  // namespace

TEST_CASE("two calls travel on one kept-alive connection; the request is complete") {
  LibServer s;
  std::string seen_host, seen_connection, seen_body, seen_type, seen_path, seen_auth;
  s.server.Post("/prefix/oauth2/introspect", [&](const httplib::Request& req, httplib::Response& res) {
    seen_host = req.get_header_value("Host");
    seen_connection = req.get_header_value("Connection");
    seen_type = req.get_header_value("Content-Type");
    seen_auth = req.get_header_value("Authorization");
    seen_body = req.body;
    seen_path = req.path;
    res.set_content(R"({"active":true})", "application/json");
  });
  s.start();
  HttpClient client(s.endpoint("/prefix/"), "the auth service");
  ClientRequest request;
  request.method = "POST";
  request.path = "oauth2/introspect";
  request.headers = {{"Authorization", "Bearer s3cret"}};
  request.content_type = "application/x-www-form-urlencoded";
  request.body = "token=abc&token_type_hint=access_token";
  for (int i = 0; i < 2; ++i) {
    auto answer = client.send(request);
    REQUIRE(answer);
    CHECK(answer->status == 200);
    CHECK(answer->body == R"({"active":true})");
    CHECK(answer->get_header_value("content-type") == "application/json");
  }
  CHECK(s.connections() == 1);
  CHECK(seen_path == "/prefix/oauth2/introspect");
  CHECK(seen_host == "127.0.0.1:" + std::to_string(s.port));
  CHECK(seen_connection == "keep-alive");
  CHECK(seen_type == "application/x-www-form-urlencoded");
  CHECK(seen_auth == "Bearer s3cret");
  CHECK(seen_body == request.body);
}

TEST_CASE("with a unix_socket the calls go to that socket; the endpoint gives Host and path") {
  char pattern[] = "/tmp/gh-hsclient-XXXXXX";
  REQUIRE(::mkdtemp(pattern) != nullptr);
  const std::string path = std::string(pattern) + "/auth.sock";
  httplib::Server server;
  server.set_address_family(AF_UNIX);
  std::string seen_host, seen_path;
  server.Post("/prefix/oauth2/introspect", [&](const httplib::Request& req, httplib::Response& res) {
    seen_host = req.get_header_value("Host");
    seen_path = req.path;
    res.set_content(R"({"active":false})", "application/json");
  });
  REQUIRE(server.bind_to_port(path, 80));
  std::thread thread([&] { server.listen_after_bind(); });
  // The endpoint's port is closed: only the socket can answer.
  HttpClient client("http://auth.internal:1/prefix/", "the auth service", 1 << 20, {}, path);
  ClientRequest request;
  request.method = "POST";
  request.path = "oauth2/introspect";
  request.content_type = "application/x-www-form-urlencoded";
  request.body = "token=abc";
  for (int i = 0; i < 2; ++i) {
    auto answer = client.send(request);
    REQUIRE_MESSAGE(answer, answer.error().describe());
    CHECK(answer->status == 200);
    CHECK(answer->body == R"({"active":false})");
  }
  CHECK(seen_host == "auth.internal:1");
  CHECK(seen_path == "/prefix/oauth2/introspect");
  server.stop();
  thread.join();

  auto gone = client.send(request);  // nobody listens any more
  REQUIRE_FALSE(gone);
  CHECK(gone.error().code == ErrorCode::kUnavailable);
  std::filesystem::remove_all(pattern);
}

TEST_CASE("a Content-Length answer larger than the read buffer arrives whole") {
  LibServer s;
  const std::string big(200 * 1024, 'x');
  s.server.Get("/big", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(big, "text/plain");
  });
  s.start();
  HttpClient client(s.endpoint(), "the auth service");
  for (int i = 0; i < 2; ++i) {
    auto answer = client.send(get_request("big"));
    REQUIRE(answer);
    CHECK(answer->body == big);
  }
  CHECK(s.connections() == 1);
}

TEST_CASE("a chunked answer is reassembled and the connection reused") {
  LibServer s;
  s.server.Get("/chunked", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/json", [](std::size_t, httplib::DataSink& sink) {
      sink.write("{\"a\":", 5);
      const std::string middle(20000, '1');  // crosses the 16 KiB buffer
      sink.write(middle.data(), middle.size());
      sink.write("}", 1);
      sink.done();
      return true;
    });
  });
  s.start();
  HttpClient client(s.endpoint(), "the auth service");
  for (int i = 0; i < 2; ++i) {
    auto answer = client.send(get_request("/chunked"));
    REQUIRE(answer);
    CHECK(answer->get_header_value("Transfer-Encoding") == "chunked");
    CHECK(answer->body == "{\"a\":" + std::string(20000, '1') + "}");
  }
  CHECK(s.connections() == 1);
}

TEST_CASE("status, headers and body pass through: a 401 with WWW-Authenticate") {
  LibServer s;
  s.server.Get("/_matrix/client/v3/login", [](const httplib::Request&, httplib::Response& res) {
    res.status = 401;
    res.set_header("WWW-Authenticate", R"(Bearer error="invalid_token")");
    res.set_header("Set-Cookie", "a=1");
    res.headers.emplace("Set-Cookie", "b=2");
    res.set_content(R"({"errcode":"M_UNKNOWN_TOKEN"})", "application/json");
  });
  s.start();
  HttpClient client(s.endpoint(), "the auth service");
  auto answer = client.send(get_request("/_matrix/client/v3/login"));
  REQUIRE(answer);
  CHECK(answer->status == 401);
  CHECK(answer->reason == "Unauthorized");
  CHECK(answer->get_header_value("www-authenticate") == R"(Bearer error="invalid_token")");
  CHECK(answer->get_header_value_count("Set-Cookie") == 2);
  CHECK(answer->body == R"({"errcode":"M_UNKNOWN_TOKEN"})");
}

TEST_CASE("a HEAD answer has no body whatever its Content-Length says") {
  LibServer s;
  s.server.Get("/page", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("hello", "text/plain");
  });
  s.start();
  HttpClient client(s.endpoint(), "the auth service");
  ClientRequest head = get_request("/page");
  head.method = "HEAD";
  auto first = client.send(head);
  REQUIRE(first);
  CHECK(first->get_header_value("Content-Length") == "5");
  CHECK(first->body.empty());
  auto second = client.send(get_request("/page"));
  REQUIRE(second);
  CHECK(second->body == "hello");
  CHECK(s.connections() == 1);
}

TEST_CASE("an answer over the limit is kUnavailable, by length or chunked") {
  LibServer s;
  s.server.Get("/long", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(2000, 'x'), "text/plain");
  });
  s.server.Get("/chunked", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain", [](std::size_t, httplib::DataSink& sink) {
      const std::string piece(600, 'y');
      for (int i = 0; i < 4; ++i) sink.write(piece.data(), piece.size());
      sink.done();
      return true;
    });
  });
  s.start();
  HttpClient client(s.endpoint(), "the auth service", /*max_response_bytes=*/1024);
  for (const char* path : {"/long", "/chunked"}) {
    CAPTURE(path);
    auto answer = client.send(get_request(path));
    REQUIRE_FALSE(answer);
    CHECK(answer.error().code == ErrorCode::kUnavailable);
    CHECK(answer.error().message == "the auth service's answer is too large");
  }
}

TEST_CASE("an unreachable port is kUnavailable") {
  // A port that was free a moment ago and has no listener now.
  int port = 0;
  {
    ScriptedServer s([](ScriptedServer&) {});
    port = s.port;
  }
  HttpClient client("http://127.0.0.1:" + std::to_string(port) + "/", "the auth service");
  auto answer = client.send(get_request("/health"));
  REQUIRE_FALSE(answer);
  CHECK(answer.error().code == ErrorCode::kUnavailable);
  CHECK(answer.error().message == "cannot reach the auth service");
}

TEST_CASE("a kept-alive connection the server closed while idle: the next call reconnects") {
  std::promise<void> closed;
  ScriptedServer s([&closed](ScriptedServer& self) {
    const int first = self.accept_one();
    CHECK(!ScriptedServer::read_request(first).empty());
    ScriptedServer::write(first, ScriptedServer::answer("one"));
    ::close(first);  // as a keep-alive timeout does
    closed.set_value();
    const int second = self.accept_one();
    CHECK(!ScriptedServer::read_request(second).empty());
    ScriptedServer::write(second, ScriptedServer::answer("two"));
    ::close(second);
  });
  HttpClient client(s.endpoint(), "the auth service");
  auto one = client.send(get_request("/a"));
  REQUIRE(one);
  CHECK(one->body == "one");
  closed.get_future().wait();
  auto two = client.send(get_request("/b"));
  REQUIRE(two);
  CHECK(two->body == "two");
}

TEST_CASE("a reused connection closed on receipt of the request: sent once more, POST too") {
  ScriptedServer s([](ScriptedServer& self) {
    const int first = self.accept_one();
    CHECK(!ScriptedServer::read_request(first).empty());
    ScriptedServer::write(first, ScriptedServer::answer("one"));
    // The second request arrives and the connection closes unanswered.
    CHECK(!ScriptedServer::read_request(first).empty());
    ::close(first);
    const int second = self.accept_one();
    const std::string resent = ScriptedServer::read_request(second);
    CHECK(resent.find("\r\n\r\nbody=2") != std::string::npos);
    ScriptedServer::write(second, ScriptedServer::answer("two"));
    ::close(second);
  });
  HttpClient client(s.endpoint(), "the auth service");
  ClientRequest post;
  post.method = "POST";
  post.path = "/login";
  post.content_type = "application/x-www-form-urlencoded";
  post.body = "body=1";
  auto one = client.send(post);
  REQUIRE(one);
  CHECK(one->body == "one");
  post.body = "body=2";
  auto two = client.send(post);
  REQUIRE(two);
  CHECK(two->body == "two");
}

TEST_CASE("a new connection closed without an answer is an error, not resent") {
  ScriptedServer s([](ScriptedServer& self) {
    const int first = self.accept_one();
    CHECK(!ScriptedServer::read_request(first).empty());
    ::close(first);
  });
  HttpClient client(s.endpoint(), "the auth service");
  auto answer = client.send(get_request("/a"));
  REQUIRE_FALSE(answer);
  CHECK(answer.error().code == ErrorCode::kUnavailable);
  CHECK(answer.error().message == "cannot reach the auth service");
  CHECK_FALSE(s.connection_pending());
}

TEST_CASE("Connection: close and a body read to the close: the connection is not reused") {
  ScriptedServer s([](ScriptedServer& self) {
    const int first = self.accept_one();
    CHECK(!ScriptedServer::read_request(first).empty());
    // Asked to close, yet left open: the client must not send on it.
    ScriptedServer::write(first, ScriptedServer::answer("one", "Connection: close\r\n"));
    const int second = self.accept_one();
    CHECK(!ScriptedServer::read_request(second).empty());
    ScriptedServer::write(second, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
    ::close(second);
    const int third = self.accept_one();
    CHECK(!ScriptedServer::read_request(third).empty());
    ScriptedServer::write(third, ScriptedServer::answer("three"));
    ::close(third);
    ::close(first);
  });
  HttpClient client(s.endpoint(), "the auth service");
  for (const char* expected : {"one", "until the end", "three"}) {
    auto answer = client.send(get_request("/"));
    REQUIRE(answer);
    CHECK(answer->body == expected);
  }
}

TEST_CASE("an answer that is not HTTP/1.x is kUnavailable") {
  ScriptedServer s([](ScriptedServer& self) {
    const int first = self.accept_one();
    CHECK(!ScriptedServer::read_request(first).empty());
    ScriptedServer::write(first, "SSH-2.0-OpenSSH_9.2\r\n\r\n");
    ::close(first);
  });
  HttpClient client(s.endpoint(), "the auth service");
  auto answer = client.send(get_request("/"));
  REQUIRE_FALSE(answer);
  CHECK(answer.error().code == ErrorCode::kUnavailable);
  CHECK(answer.error().message == "the auth service's answer is not valid HTTP/1.1");
}

