// The buffered connection loop (buffered_server.h) seen from a raw socket:
// what cpp-httplib's own loop did must still hold (keep-alive, pipelining,
// 100-continue, large bodies both ways, limits, stop()).
#include "shared/http/buffered_server.h"

#include <doctest/doctest.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "shared/http/server.h"

using namespace gatehouse;
using namespace gatehouse::http;
using namespace std::chrono_literals;

namespace {

// A blocking loopback connection with a receive timeout.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    int yes = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    timeval timeout{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RawConnection() { ::close(fd_); }
  bool connected() const { return connected_; }

  void send(const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
      const ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      REQUIRE(n > 0);
      sent += static_cast<std::size_t>(n);
    }
  }

  // Reads until `marker` has been seen `count` times, or the peer closes
  // (or 10 s pass); returns everything read.
  std::string read_until(const std::string& marker, int count = 1) {
    std::string got;
    char buffer[65536];
    while (occurrences(got, marker) < count) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      got.append(buffer, static_cast<std::size_t>(n));
    }
    return got;
  }

  // Reads one answer with a Content-Length body.
  std::string read_answer() {
    std::string got = read_until("\r\n\r\n");
    const auto header_end = got.find("\r\n\r\n");
    if (header_end == std::string::npos) return got;
    const auto at = got.find("Content-Length: ");
    const std::size_t length = at == std::string::npos ? 0 : std::stoul(got.substr(at + 16));
    char buffer[65536];
    while (got.size() < header_end + 4 + length) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      got.append(buffer, static_cast<std::size_t>(n));
    }
    return got;
  }

  // Sends all of `data`; false when the peer reset the connection first.
  bool try_send(const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
      const ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  // True when the peer has closed (recv returns 0) within the timeout.
  bool closed_by_peer() {
    char c;
    return ::recv(fd_, &c, 1, 0) == 0;
  }

 private:
  static int occurrences(const std::string& text, const std::string& marker) {
    int n = 0;
    for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + marker.size())) ++n;
    return n;
  }
  int fd_ = -1;
  bool connected_ = false;
};

ServerOptions options_with(std::size_t keep_alive_max = 100000, std::chrono::seconds keep_alive = 5s) {
  ServerOptions options;
  options.worker_threads = 4;
  options.keep_alive_max_count = keep_alive_max;
  options.keep_alive_timeout = keep_alive;
  options.access_log = false;
  Listener listener;
  listener.name = "test";
  listener.binds = {Bind{"127.0.0.1", 0}};
  listener.resources = {"test"};
  options.listeners.push_back(listener);
  return options;
}

Routes echo_routes() {
  Routes routes;
  routes.add("test", Method::kGet, "/hello", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content("hello " + req.get_param_value("n"), "text/plain");
  });
  routes.add("test", Method::kPost, "/length", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(std::to_string(req.body.size()) + " " + req.body.substr(0, 3), "text/plain");
  });
  routes.add("test", Method::kGet, "/big", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(std::string(std::stoul(req.get_param_value("bytes")), 'x'), "text/plain");
  });
  routes.add("test", Method::kGet, "/peer", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.remote_addr + " " + req.local_addr, "text/plain");
  });
  return routes;
}

std::string get(const std::string& path) { return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n"; }

// The echo routes served on a free port, started.
struct Served {
  Routes routes = echo_routes();
  Server server;
  explicit Served(ServerOptions options = options_with()) : server(std::move(options), routes) {
    REQUIRE(server.start());
  }
  int port() const { return server.bound_ports()[0]; }
};

}  // namespace

TEST_CASE("keep-alive: several requests on one connection, each answered in order") {
  Served served;
  RawConnection c(served.port());
  REQUIRE(c.connected());
  for (int i = 0; i < 3; ++i) {
    c.send(get("/hello?n=" + std::to_string(i)));
    const std::string answer = c.read_answer();
    CHECK(answer.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(answer.find("Keep-Alive: timeout=5") != std::string::npos);
    CHECK(answer.substr(answer.size() - 7) == "hello " + std::to_string(i));
  }
}

TEST_CASE("pipelined requests in one segment get their answers in order") {
  Served served;
  RawConnection c(served.port());
  c.send(get("/hello?n=1") + get("/hello?n=2") + get("/hello?n=3"));
  const std::string all = c.read_until("hello ", 3);
  const auto one = all.find("hello 1"), two = all.find("hello 2"), three = all.find("hello 3");
  REQUIRE(one != std::string::npos);
  REQUIRE(two != std::string::npos);
  REQUIRE(three != std::string::npos);
  CHECK(one < two);
  CHECK(two < three);
}

TEST_CASE("a request that arrives in pieces, slower than the stop check, is still read") {
  Served served;
  RawConnection c(served.port());
  c.send("GET /hello?n=slow HT");
  std::this_thread::sleep_for(BufferedServer::kStopCheck * 3);
  c.send("TP/1.1\r\nHost: x\r\n");
  std::this_thread::sleep_for(BufferedServer::kStopCheck * 2);
  c.send("\r\n");
  const std::string answer = c.read_answer();
  CHECK(answer.rfind("HTTP/1.1 200 OK", 0) == 0);
  CHECK(answer.find("hello slow") != std::string::npos);
}

TEST_CASE("Expect: 100-continue is answered before the body is read") {
  Served served;
  RawConnection c(served.port());
  c.send("POST /length HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  // The client waits for the interim answer: it must arrive without the body.
  CHECK(c.read_until("\r\n\r\n").rfind("HTTP/1.1 100 Continue\r\n\r\n", 0) == 0);
  c.send("abcde");
  const std::string answer = c.read_answer();
  CHECK(answer.rfind("HTTP/1.1 200 OK", 0) == 0);
  CHECK(answer.find("5 abc") != std::string::npos);
}

TEST_CASE("bodies larger than the buffers: a 300 KiB request and a 1 MiB answer arrive whole") {
  Served served;
  RawConnection c(served.port());
  const std::string body = "abc" + std::string(300 * 1024 - 3, 'y');
  c.send("POST /length HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nContent-Type: text/plain\r\n\r\n" + body);
  CHECK(c.read_answer().find(std::to_string(body.size()) + " abc") != std::string::npos);

  c.send(get("/big?bytes=1048576"));
  const std::string answer = c.read_answer();
  const auto head_end = answer.find("\r\n\r\n");
  REQUIRE(head_end != std::string::npos);
  CHECK(answer.size() - head_end - 4 == 1048576);
  c.send(get("/hello?n=after"));  // the connection is still usable
  CHECK(c.read_answer().find("hello after") != std::string::npos);
}

TEST_CASE("keep_alive_max_count: the last allowed request is answered with Connection: close") {
  Served served(options_with(2));
  RawConnection c(served.port());
  c.send(get("/hello?n=1"));
  CHECK(c.read_answer().find("Connection: close") == std::string::npos);
  c.send(get("/hello?n=2"));
  const std::string second = c.read_answer();
  CHECK(second.find("Connection: close") != std::string::npos);
  CHECK(second.find("hello 2") != std::string::npos);
  CHECK(c.closed_by_peer());
}

TEST_CASE("Connection: close from the client ends the connection after the answer") {
  Served served;
  RawConnection c(served.port());
  c.send("GET /hello?n=x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(c.read_answer().find("hello x") != std::string::npos);
  CHECK(c.closed_by_peer());
}

TEST_CASE("an idle connection is closed after the keep-alive timeout") {
  Served served(options_with(100000, 1s));
  RawConnection c(served.port());
  c.send(get("/hello?n=1"));
  CHECK(c.read_answer().find("hello 1") != std::string::npos);
  CHECK(c.closed_by_peer());  // within the test connection's 10 s receive timeout
}

TEST_CASE("stop() closes idle keep-alive connections without waiting for their timeout") {
  // A keep-alive timeout longer than the test connection's receive timeout:
  // only stop() can make the peer close in time.
  Served served(options_with(100000, 60s));
  RawConnection c(served.port());
  c.send(get("/hello?n=1"));
  CHECK(c.read_answer().find("hello 1") != std::string::npos);
  served.server.stop();
  CHECK(c.closed_by_peer());
  served.server.wait();
}

TEST_CASE("the peer's and the local address are the connection's") {
  Served served;
  RawConnection c(served.port());
  c.send(get("/peer"));
  CHECK(c.read_answer().find("127.0.0.1 127.0.0.1") != std::string::npos);
}

TEST_CASE("a malformed request line is answered 400") {
  Served served;
  RawConnection c(served.port());
  c.send("NONSENSE\r\n\r\n");
  CHECK(c.read_answer().rfind("HTTP/1.1 400", 0) == 0);
}

TEST_CASE("a body above the payload limit is answered 413 without being read") {
  ServerOptions options = options_with();
  options.max_body_bytes = 1000;
  Served served(options);
  RawConnection c(served.port());
  c.send("POST /length HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\nabc");
  const std::string answer = c.read_answer();
  CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
  CHECK(answer.find("Connection: close") != std::string::npos);
  CHECK(c.closed_by_peer());
}

TEST_CASE("a client that sends its whole too-large body before reading still gets the 413") {
  // What naive clients do: write the request, then read. Without a
  // lingering close the server's close resets the connection mid-body.
  ServerOptions options = options_with();
  options.max_body_bytes = 1000;
  Served served(options);
  RawConnection c(served.port());
  const std::string body(16 << 20, 'x');  // more than the socket buffers hold
  CHECK(c.try_send("POST /length HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) +
                   "\r\n\r\n" + body));
  CHECK(c.read_answer().rfind("HTTP/1.1 413", 0) == 0);
  CHECK(c.closed_by_peer());
}

TEST_CASE("a chunked request body is decoded") {
  Served served;
  RawConnection c(served.port());
  c.send("POST /length HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
  std::this_thread::sleep_for(BufferedServer::kStopCheck * 2);  // the rest in a later segment
  c.send("2\r\nde\r\n0\r\n\r\n");
  CHECK(c.read_answer().find("5 abc") != std::string::npos);
  c.send(get("/hello?n=next"));  // and the connection goes on
  CHECK(c.read_answer().find("hello next") != std::string::npos);
}

TEST_CASE("HTTP/1.0 without keep-alive is answered and closed; with it, kept") {
  Served served;
  {
    RawConnection c(served.port());
    c.send("GET /hello?n=old HTTP/1.0\r\n\r\n");
    const std::string answer = c.read_answer();
    CHECK(answer.find("hello old") != std::string::npos);
    CHECK(answer.find("Connection: close") != std::string::npos);
    CHECK(c.closed_by_peer());
  }
  RawConnection c(served.port());
  c.send("GET /hello?n=1 HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
  CHECK(c.read_answer().find("Keep-Alive: timeout=") != std::string::npos);
  c.send("GET /hello?n=2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  CHECK(c.read_answer().find("hello 2") != std::string::npos);
}

TEST_CASE("an over-long request line is 414 and too many header fields 431, in protocol form") {
  Served served;
  {
    RawConnection c(served.port());
    c.send("GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n");
    const std::string answer = c.read_answer();
    CHECK(answer.rfind("HTTP/1.1 414", 0) == 0);
    CHECK(answer.find("\"error\"") != std::string::npos);
  }
  RawConnection c(served.port());
  std::string many = "GET /hello HTTP/1.1\r\n";
  for (int i = 0; i < 200; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
  c.send(many + "\r\n");
  const std::string answer = c.read_answer();
  CHECK(answer.rfind("HTTP/1.1 431", 0) == 0);
  CHECK(answer.find("Request header fields too large") != std::string::npos);
}

TEST_CASE("a form body fills the request's params") {
  Routes routes;
  routes.add("test", Method::kPost, "/form", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.get_param_value("a") + "|" + req.get_param_value("q"), "text/plain");
  });
  Server server(options_with(), routes);
  REQUIRE(server.start());
  RawConnection c(server.bound_ports()[0]);
  const std::string body = "a=x%20y&b=2";
  c.send("POST /form?q=1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded; charset=utf-8"
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  CHECK(c.read_answer().find("x y|1") != std::string::npos);
}
