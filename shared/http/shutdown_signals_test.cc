#include "shared/http/shutdown_signals.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shared/http/health.h"
#include "shared/http/server.h"

using namespace gatehouse::http;

// Signals are process-wide, so the server under test runs in a child
// process: SIGTERM must stop it and let it exit 0.
TEST_CASE("SIGTERM stops the server and the process exits cleanly") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(fds[0]);
    block_shutdown_signals();
    Routes routes;
    register_health(routes, nullptr);
    ServerOptions options;
    options.worker_threads = 2;
    options.access_log = false;
    Listener listener;
    listener.binds = {Bind{"127.0.0.1", 0}};
    listener.resources = {"health"};
    options.listeners.push_back(listener);
    Server server(options, routes);
    if (!server.start()) ::_exit(2);
    ShutdownSignals signals([&server](int) { server.stop(); });
    const int port = server.bound_ports()[0];
    if (::write(fds[1], &port, sizeof port) != sizeof port) ::_exit(3);
    ::close(fds[1]);
    server.wait();
    ::_exit(signals.received() == SIGTERM ? 0 : 4);
  }
  ::close(fds[1]);
  int port = 0;
  REQUIRE(::read(fds[0], &port, sizeof port) == sizeof port);
  ::close(fds[0]);

  httplib::Client client("127.0.0.1", port);
  auto res = client.Get("/health");
  REQUIRE(res);
  CHECK(res->status == 200);

  REQUIRE(::kill(child, SIGTERM) == 0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("ShutdownSignals ends quietly when no signal came") {
  bool called = false;
  {
    ShutdownSignals signals([&called](int) { called = true; });
    CHECK(signals.received() == 0);
  }
  CHECK_FALSE(called);
}
