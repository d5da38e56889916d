#include "shared/http/server.h"

#include <doctest/doctest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>

#include <nlohmann/json.hpp>

#include "shared/http/client_ip.h"
#include "shared/http/health.h"
#include "shared/http/response.h"

using namespace gatehouse;
using namespace gatehouse::http;
using nlohmann::json;

namespace {

Listener make_listener(std::string name, std::vector<Bind> binds, std::vector<std::string> resources,
                       std::string prefix = {}) {
  Listener listener;
  listener.name = std::move(name);
  listener.binds = std::move(binds);
  listener.resources = std::move(resources);
  listener.prefix = std::move(prefix);
  return listener;
}

ServerOptions one_listener(std::vector<std::string> resources, std::string prefix = {}) {
  ServerOptions options;
  options.worker_threads = 4;
  options.listeners.push_back(
      make_listener("test", {Bind{"127.0.0.1", 0}}, std::move(resources), std::move(prefix)));
  return options;
}

httplib::Client client_for(const Server& server, std::size_t index = 0) {
  httplib::Client client("127.0.0.1", server.bound_ports().at(index));
  client.set_read_timeout(30);
  return client;
}

// Captures log lines for the duration of a test.
struct LogCapture {
  std::ostringstream out;
  std::shared_ptr<spdlog::logger> previous = spdlog::default_logger();
  LogCapture() {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_pattern("%v");
    logger->set_level(spdlog::level::info);
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous); }
};

}  // namespace

TEST_CASE("routes are mounted by resource, with params, prefix and JSON") {
  Routes routes;
  routes.add("client", Method::kGet, "/_matrix/client/versions",
             [](const httplib::Request&, httplib::Response& res) {
               write_json(res, 200, {{"versions", {"v1.15"}}});
             });
  routes.add("adminapi", Method::kGet, "/api/admin/v1/users/{id}",
             [](const httplib::Request&, httplib::Response& res, const PathParams& params) {
               write_json(res, 200, {{"id", params.get("id")}});
             });
  Server server(one_listener({"client", "adminapi"}, "/pre"), routes);
  REQUIRE(server.start());
  auto client = client_for(server);

  auto versions = client.Get("/pre/_matrix/client/versions");
  REQUIRE(versions);
  CHECK(versions->status == 200);
  CHECK(versions->get_header_value("Content-Type") == "application/json");
  CHECK(versions->get_header_value("Access-Control-Allow-Origin") == "*");
  CHECK(json::parse(versions->body)["versions"][0] == "v1.15");

  auto user = client.Get("/pre/api/admin/v1/users/01H%2Fx?ignored=1");
  REQUIRE(user);
  CHECK(user->status == 200);
  CHECK(json::parse(user->body)["id"] == "01H/x");

  auto head = client.Head("/pre/_matrix/client/versions");
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());

  auto unprefixed = client.Get("/_matrix/client/versions");
  REQUIRE(unprefixed);
  CHECK(unprefixed->status == 404);
}

TEST_CASE("unmounted resources, unknown paths and wrong methods answer in protocol form") {
  Routes routes;
  routes.add("client", Method::kGet, "/_matrix/client/versions",
             [](const httplib::Request&, httplib::Response& res) { write_json(res, 200, json::object()); });
  routes.add("oauth", Method::kPost, "/oauth2/token",
             [](const httplib::Request&, httplib::Response& res) {
               write_oauth_error(res, 400, "invalid_grant", "The code was already used");
             });
  routes.add("human", Method::kGet, "/login",
             [](const httplib::Request&, httplib::Response& res) { res.set_content("hi", "text/plain"); });
  Server server(one_listener({"client", "oauth"}), routes);
  REQUIRE(server.start());
  auto client = client_for(server);

  auto matrix404 = client.Get("/_matrix/client/v3/nope");
  REQUIRE(matrix404);
  CHECK(matrix404->status == 404);
  CHECK(json::parse(matrix404->body) ==
        json{{"errcode", "M_UNRECOGNIZED"}, {"error", "Unrecognized request"}});

  auto human = client.Get("/login");  // `human` is not mounted here
  REQUIRE(human);
  CHECK(human->status == 404);
  CHECK(json::parse(human->body)["error"] == "not_found");

  auto matrix405 = client.Post("/_matrix/client/versions", "{}", "application/json");
  REQUIRE(matrix405);
  CHECK(matrix405->status == 405);
  CHECK(json::parse(matrix405->body)["errcode"] == "M_UNRECOGNIZED");
  CHECK(matrix405->get_header_value("Allow") == "GET, HEAD");

  auto oauth405 = client.Get("/oauth2/token");
  REQUIRE(oauth405);
  CHECK(oauth405->status == 405);
  CHECK(json::parse(oauth405->body)["error"] == "method_not_allowed");

  auto preflight = client.Options("/_matrix/client/versions");
  REQUIRE(preflight);
  CHECK(preflight->status == 204);
  CHECK(preflight->get_header_value("Access-Control-Allow-Origin") == "*");

  auto token = client.Post("/oauth2/token", "grant_type=x", "application/x-www-form-urlencoded");
  REQUIRE(token);
  CHECK(token->status == 400);
  CHECK(token->get_header_value("Cache-Control") == "no-store");
  CHECK(json::parse(token->body) ==
        json{{"error", "invalid_grant"}, {"error_description", "The code was already used"}});
}

TEST_CASE("matrix errors carry extra fields") {
  httplib::Response res;
  write_matrix_error(res, 429, "M_LIMIT_EXCEEDED", "Too many requests", {{"retry_after_ms", 2000}});
  CHECK(res.status == 429);
  CHECK(json::parse(res.body) == json{{"errcode", "M_LIMIT_EXCEEDED"},
                                      {"error", "Too many requests"},
                                      {"retry_after_ms", 2000}});
}

TEST_CASE("bodies above the limit are answered 413; a throwing handler 500") {
  Routes routes;
  routes.add("oauth", Method::kPost, "/echo", [](const httplib::Request& req, httplib::Response& res) {
    write_json(res, 200, {{"size", req.body.size()}});
  });
  routes.add("oauth", Method::kGet, "/boom", [](const httplib::Request&, httplib::Response&) {
    throw std::runtime_error("kaboom");
  });
  routes.add("client", Method::kPost, "/_matrix/client/v3/echo",
             [](const httplib::Request&, httplib::Response& res) { write_json(res, 200, json::object()); });
  auto options = one_listener({"oauth", "client"});
  options.max_body_bytes = 1000;
  Server server(options, routes);
  REQUIRE(server.start());
  auto client = client_for(server);

  auto small = client.Post("/echo", std::string(1000, 'a'), "text/plain");
  REQUIRE(small);
  CHECK(small->status == 200);

  auto big = client.Post("/echo", std::string(1001, 'a'), "text/plain");
  REQUIRE(big);
  CHECK(big->status == 413);
  CHECK(json::parse(big->body)["error"] == "invalid_request");

  auto big_matrix = client.Post("/_matrix/client/v3/echo", std::string(5000, 'a'), "application/json");
  REQUIRE(big_matrix);
  CHECK(big_matrix->status == 413);
  CHECK(json::parse(big_matrix->body)["errcode"] == "M_TOO_LARGE");

  auto boom = client.Get("/boom");
  REQUIRE(boom);
  CHECK(boom->status == 500);
  CHECK(json::parse(boom->body)["error"] == "server_error");
  CHECK(boom->body.find("kaboom") == std::string::npos);  // no internals leak
}

TEST_CASE("health answers 200 or 503 from the check") {
  std::atomic<bool> healthy{true};
  Routes routes;
  register_health(routes, [&healthy]() -> Status {
    if (healthy) return ok();
    return fail(ErrorCode::kUnavailable, "database unreachable", "host db:5432");
  });
  Server server(one_listener({"health"}), routes);
  REQUIRE(server.start());
  auto client = client_for(server);

  auto up = client.Get("/health");
  REQUIRE(up);
  CHECK(up->status == 200);
  CHECK(json::parse(up->body) == json{{"status", "ok"}});

  healthy = false;
  auto down = client.Get("/health");
  REQUIRE(down);
  CHECK(down->status == 503);
  CHECK(json::parse(down->body) == json{{"status", "unavailable"}, {"error", "database unreachable"}});
}

TEST_CASE("metrics count by route pattern and are served as text") {
  Metrics metrics;
  Routes routes;
  register_metrics(routes, metrics);
  routes.add("adminapi", Method::kGet, "/users/{id}",
             [](const httplib::Request&, httplib::Response& res) { write_json(res, 200, json::object()); });
  Server server(one_listener({"prometheus", "adminapi"}), routes, &metrics);
  REQUIRE(server.start());
  auto client = client_for(server);
  REQUIRE(client.Get("/users/1"));
  REQUIRE(client.Get("/users/2"));
  REQUIRE(client.Get("/nothing"));

  auto scrape = client.Get("/metrics");
  REQUIRE(scrape);
  CHECK(scrape->status == 200);
  CHECK(scrape->get_header_value("Content-Type").starts_with("text/plain; version=0.0.4"));
  CHECK(scrape->body.find("http_requests_total{route=\"/users/{id}\",method=\"GET\",status=\"200\"} 2\n") !=
        std::string::npos);
  CHECK(scrape->body.find("http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n") !=
        std::string::npos);
  CHECK(scrape->body.find("/users/1") == std::string::npos);  // never raw paths
}

TEST_CASE("access log: one line, no query string, client IP through trusted proxies") {
  LogCapture capture;
  Routes routes;
  std::string seen_ip;
  std::mutex seen_mutex;
  auto options = one_listener({"oauth"});
  const TrustedProxies proxies = options.trusted_proxies;
  routes.add("oauth", Method::kGet, "/authorize",
             [&](const httplib::Request& req, httplib::Response& res) {
               std::lock_guard lock(seen_mutex);
               seen_ip = client_ip(req, proxies);
               write_json(res, 200, json::object());
             });
  {
    Server server(options, routes);
    REQUIRE(server.start());
    auto client = client_for(server);
    httplib::Headers headers = {{"X-Forwarded-For", "6.6.6.6, 198.51.100.4"},
                                {"Authorization", "Bearer secret-token"}};
    auto res = client.Get("/authorize?code=secret-code&state=s", headers);
    REQUIRE(res);
    CHECK(res->status == 200);
    auto res2 = client.Get("/a%0Ab");
    REQUIRE(res2);
  }  // joined: every log line is written
  {
    std::lock_guard lock(seen_mutex);
    CHECK(seen_ip == "198.51.100.4");
  }
  const std::string log = capture.out.str();
  CAPTURE(log);
  CHECK(log.find("http GET /authorize 200 ") != std::string::npos);
  CHECK(log.find("ms 198.51.100.4\n") != std::string::npos);
  CHECK(log.find("http GET /a%0Ab 404 ") != std::string::npos);
  CHECK(log.find("secret") == std::string::npos);
  CHECK(log.find("Bearer") == std::string::npos);
}

TEST_CASE("every bind gets a port; a taken port fails start") {
  Routes routes;
  register_health(routes, nullptr);
  ServerOptions options;
  options.worker_threads = 2;
  options.listeners.push_back(
      make_listener("a", {Bind{"127.0.0.1", 0}, Bind{"127.0.0.1", 0}}, {"health"}));
  Server server(options, routes);
  REQUIRE(server.start());
  REQUIRE(server.bound_ports().size() == 2);
  CHECK(server.bound_ports()[0] != server.bound_ports()[1]);
  CHECK(server.bound()[0].listener == "a");
  for (std::size_t i = 0; i < 2; ++i) {
    auto res = client_for(server, i).Get("/health");
    REQUIRE(res);
    CHECK(res->status == 200);
  }

  ServerOptions clash;
  clash.worker_threads = 1;
  clash.listeners.push_back(
      make_listener("b", {Bind{"127.0.0.1", server.bound_ports()[0]}}, {"health"}));
  Server second(clash, routes);
  auto started = second.start();
  REQUIRE_FALSE(started);
  CHECK(started.error().code == ErrorCode::kIo);
}

TEST_CASE("a UNIX socket bind: served, mode set, stale socket replaced, other files kept, removed at the end") {
  char pattern[] = "/tmp/gh-unix-XXXXXX";
  REQUIRE(::mkdtemp(pattern) != nullptr);
  const std::string dir = pattern;
  const std::string path = dir + "/auth.sock";
  Routes routes;
  register_health(routes, nullptr);
  auto options_for = [](const std::string& where) {
    ServerOptions options;
    options.worker_threads = 2;
    Bind bind;
    bind.unix_path = where;
    bind.unix_mode = 0660;
    options.listeners.push_back(make_listener("unix", {bind}, {"health"}));
    return options;
  };
  auto get_health = [&] {
    httplib::Client client(path, 80);
    client.set_address_family(AF_UNIX);
    return client.Get("/health");
  };
  {
    Server server(options_for(path), routes);
    auto started = server.start();
    REQUIRE_MESSAGE(started, started.error().describe());
    CHECK(server.bound().at(0).host == "unix:" + path);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK(S_ISSOCK(st.st_mode));
    CHECK((st.st_mode & 0777) == 0660);
    auto res = get_health();
    REQUIRE(res);
    CHECK(res->status == 200);
  }
  CHECK(::access(path.c_str(), F_OK) != 0);  // removed with the server

  {
    // A socket file left behind by a killed server is replaced.
    const int stale = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    REQUIRE(::bind(stale, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    ::close(stale);
    Server server(options_for(path), routes);
    REQUIRE(server.start());
    auto res = get_health();
    REQUIRE(res);
    CHECK(res->status == 200);
  }

  const std::string regular = dir + "/not-a-socket";
  { std::ofstream(regular) << "keep me"; }
  Server refused(options_for(regular), routes);
  auto started = refused.start();
  REQUIRE_FALSE(started);
  CHECK(started.error().message == "cannot listen on unix:" + regular);
  CHECK(started.error().detail.find("is not a socket") != std::string::npos);
  std::ifstream kept(regular);
  std::string content;
  std::getline(kept, content);
  CHECK(content == "keep me");
  std::filesystem::remove_all(dir);
}

TEST_CASE("client_ip: a peer on a UNIX socket (no address) counts as loopback") {
  httplib::Request req;
  req.remote_addr = "";
  CHECK(client_ip(req, TrustedProxies::mas_default()) == "127.0.0.1");
  req.headers.emplace("X-Forwarded-For", "198.51.100.4");
  CHECK(client_ip(req, TrustedProxies::mas_default()) == "198.51.100.4");
  CHECK(client_ip(req, TrustedProxies()) == "127.0.0.1");  // no proxy trusted: the header is not read
}

TEST_CASE("a request in flight when stop() is called still gets its answer") {
  std::mutex m;
  std::condition_variable cv;
  bool entered = false;
  bool release = false;
  Routes routes;
  routes.add("oauth", Method::kGet, "/slow", [&](const httplib::Request&, httplib::Response& res) {
    std::unique_lock lock(m);
    entered = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
    write_json(res, 200, {{"done", true}});
  });
  Server server(one_listener({"oauth"}), routes);
  REQUIRE(server.start());
  const int port = server.bound_ports()[0];

  auto answer = std::async(std::launch::async, [port] {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30);
    auto res = client.Get("/slow");
    return res ? res->status : -1;
  });
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return entered; });
  }
  server.stop();  // does not block; the handler is still running
  {
    std::lock_guard lock(m);
    release = true;
  }
  cv.notify_all();
  CHECK(answer.get() == 200);
  server.wait();

  httplib::Client after("127.0.0.1", port);
  CHECK_FALSE(after.Get("/slow"));  // no longer accepting
}
