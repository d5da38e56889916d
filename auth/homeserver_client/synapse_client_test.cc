// SynapseClient against a real HTTP server on loopback: calls share a
// keep-alive connection, and one the server closed while idle is replaced.
#include "auth/homeserver_client/synapse_client.h"

#include <doctest/doctest.h>

#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "shared/http/response.h"
#include "shared/http/server.h"

using namespace gatehouse;
using namespace gatehouse::auth::homeserver_client;

namespace {

// A provisioning API that answers upsert_device and records which client
// port each call came from.
struct FakeProvisioning {
  std::mutex mutex;
  std::vector<int> ports;
  std::vector<std::string> authorizations;
  std::vector<std::string> cross_signing_bodies;
  http::Routes routes;
  std::unique_ptr<http::Server> server;

  explicit FakeProvisioning(std::chrono::seconds keep_alive) {
    routes.add("synapse", http::Method::kPost, "/_synapse/mas/upsert_device",
               [this](const httplib::Request& req, httplib::Response& res) {
                 std::lock_guard lock(mutex);
                 ports.push_back(req.remote_port);
                 authorizations.push_back(req.get_header_value("Authorization"));
                 http::write_json(res, 201, nlohmann::json::object());
               });
    routes.add("synapse", http::Method::kPost, "/_synapse/mas/allow_cross_signing_reset",
               [this](const httplib::Request& req, httplib::Response& res) {
                 std::lock_guard lock(mutex);
                 cross_signing_bodies.push_back(req.body);
                 http::write_json(res, 200, nlohmann::json::object());
               });
    routes.add("synapse", http::Method::kGet, "/_synapse/mas/query_user",
               [](const httplib::Request& req, httplib::Response& res) {
                 const auto lp = req.get_param_value("localpart");
                 if (lp == "nobody") return http::write_json(res, 404, {{"errcode", "M_NOT_FOUND"}});
                 http::write_json(res, 200, {{"user_id", "@" + lp + ":example.org"},
                                             {"display_name", lp == "alice" ? nlohmann::json("Alice A.")
                                                                            : nlohmann::json(nullptr)}});
               });
    http::ServerOptions options;
    options.worker_threads = 4;
    options.access_log = false;
    options.keep_alive_timeout = keep_alive;
    http::Listener listener;
    listener.name = "test";
    listener.binds = {http::Bind{"127.0.0.1", 0}};
    listener.resources = {"synapse"};
    options.listeners.push_back(listener);
    server = std::make_unique<http::Server>(options, routes);
    REQUIRE(server->start());
  }

  config::MatrixConfig matrix() const {
    config::MatrixConfig m;
    m.homeserver = "example.org";
    m.secret = "s3cret";
    m.endpoint = "http://127.0.0.1:" + std::to_string(server->bound_ports()[0]) + "/";
    return m;
  }
};

}  // namespace

TEST_CASE("synapse client: calls reuse one keep-alive connection") {
  FakeProvisioning hs(std::chrono::seconds(30));
  SynapseClient client(hs.matrix());
  for (int i = 0; i < 3; ++i) {
    REQUIRE(client.upsert_device({"alice", "DEVICE" + std::to_string(i), std::nullopt}));
  }
  std::lock_guard lock(hs.mutex);
  REQUIRE(hs.ports.size() == 3);
  CHECK(std::set<int>(hs.ports.begin(), hs.ports.end()).size() == 1);
  CHECK(hs.authorizations[0] == "Bearer s3cret");
}

TEST_CASE("synapse client: allow_cross_signing_reset posts the localpart") {
  FakeProvisioning hs(std::chrono::seconds(30));
  SynapseClient client(hs.matrix());
  REQUIRE(client.allow_cross_signing_reset("alice"));
  std::lock_guard lock(hs.mutex);
  REQUIRE(hs.cross_signing_bodies.size() == 1);
  CHECK(nlohmann::json::parse(hs.cross_signing_bodies[0]) == nlohmann::json{{"localpart", "alice"}});
}

TEST_CASE("synapse client: display_name reads query_user; none and unknown are nullopt") {
  FakeProvisioning hs(std::chrono::seconds(30));
  SynapseClient client(hs.matrix());
  for (const auto& [localpart, expected] : {std::pair<std::string, std::optional<std::string>>{"alice", "Alice A."},
                                            {"bob", std::nullopt}, {"nobody", std::nullopt}}) {
    auto name = client.display_name(localpart);
    REQUIRE(name);
    CHECK(*name == expected);
  }
}

TEST_CASE("synapse client: a connection the homeserver closed while idle is replaced") {
  FakeProvisioning hs(std::chrono::seconds(1));
  SynapseClient client(hs.matrix());
  REQUIRE(client.upsert_device({"alice", "ONE", std::nullopt}));
  std::this_thread::sleep_for(std::chrono::milliseconds(1600));  // the server's keep-alive ends
  REQUIRE(client.upsert_device({"alice", "TWO", std::nullopt}));
  std::lock_guard lock(hs.mutex);
  REQUIRE(hs.ports.size() == 2);
  CHECK(hs.ports[0] != hs.ports[1]);
}

TEST_CASE("synapse client: an endpoint that is no URL is a config error") {
  config::MatrixConfig m;
  m.endpoint = "localhost:8008";
  SynapseClient client(m);
  auto result = client.upsert_device({"alice", "X", std::nullopt});
  REQUIRE(!result);
  CHECK(result.error().code == ErrorCode::kConfig);
}

TEST_CASE("synapse client: an unreachable homeserver is an error that says what to check") {
  config::MatrixConfig m;
  m.secret = "s3cret";
  m.endpoint = "http://127.0.0.1:9/";  // discard port: nothing listens
  SynapseClient client(m, std::chrono::seconds(2));
  auto result = client.upsert_device({"alice", "X", std::nullopt});
  REQUIRE(!result);
  CHECK(result.error().code == ErrorCode::kUnavailable);
  CHECK(result.error().message.find("matrix.endpoint") != std::string::npos);
  CHECK(result.error().describe().find("s3cret") == std::string::npos);
}

TEST_CASE("split_url: origin and path") {
  auto with_path = split_url("http://127.0.0.1:8008/prefix/x?y=1");
  REQUIRE(with_path);
  CHECK(with_path->origin == "http://127.0.0.1:8008");
  CHECK(with_path->path == "/prefix/x?y=1");
  auto bare = split_url("https://hs.example");
  REQUIRE(bare);
  CHECK(bare->origin == "https://hs.example");
  CHECK(bare->path == "/");
  CHECK_FALSE(split_url("hs.example:8008"));
}

