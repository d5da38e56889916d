// The reference every benchmark divides by: a minimal cpp-httplib server,
// configured the way shared/http configures ours (TCP_NODELAY, long
// keep-alive, a 64-thread pool), answering fixed bodies with no work behind
// them. Usage: bench_minimal_server PORT
//   GET  /health       {"status":"ok"}
//   POST /introspect   a fixed introspection answer (same size as ours)
#include <csignal>
#include <cstdlib>
#include <iostream>

#include <httplib.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: bench_minimal_server PORT\n";
    return 2;
  }
  httplib::Server server;
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(100000);
  server.new_task_queue = [] { return new httplib::ThreadPool(64); };
  server.Get("/health", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"ok"})", "application/json");
  });
  server.Post("/introspect", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        R"({"active":true,"scope":"urn:matrix:client:api:* urn:matrix:org.matrix.msc2967.client:api:*",)"
        R"("client_id":"01J000000000000000000000000","username":"alice","token_type":"access_token",)"
        R"("exp":1700000300,"expires_in":300,"iat":1700000000,"nbf":1700000000,)"
        R"("sub":"01J000000000000000000000001","jti":"01J000000000000000000000002","device_id":"ABCDEFGHIJ"})",
        "application/json");
  });
  static httplib::Server* instance = &server;
  std::signal(SIGTERM, [](int) { instance->stop(); });
  std::signal(SIGINT, [](int) { instance->stop(); });
  if (!server.listen("127.0.0.1", std::atoi(argv[1]))) {
    std::cerr << "bench_minimal_server: cannot listen on port " << argv[1] << "\n";
    return 1;
  }
  return 0;
}
