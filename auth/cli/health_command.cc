// `gatehouse health [--url URL]`: exit 0 when a running server's /health
// answers 200, else print what was tried and exit 1 — the container
// healthcheck MAS lacks. Without --url the address comes from the config:
// the first listener serving the `health` resource.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <httplib.h>

#include "auth/cli/cli_context.h"
#include "auth/cli/load_config.h"

namespace gatehouse::cli {
namespace {

// A wildcard bind address is reached through loopback.
std::string reachable_host(const std::string& host) {
  if (host.empty() || host == "0.0.0.0") return "127.0.0.1";
  if (host == "::") return "[::1]";
  if (host.find(':') != std::string::npos) return "[" + host + "]";
  return host;
}

std::optional<std::string> health_url_from_config(CliContext& ctx) {
  auto loaded = load_config(ctx);
  if (!loaded) return std::nullopt;
  for (const auto& listener : loaded->config.http.listeners) {
    for (auto resource : listener.resources) {
      if (resource != config::Resource::kHealth) continue;
      for (const auto& bind : listener.binds) {
        if (!bind.socket.empty()) continue;  // probed over TCP only
        return "http://" + reachable_host(bind.host) + ":" + std::to_string(bind.port) +
               listener.prefix + "/health";
      }
    }
  }
  std::cerr << "gatehouse health: no TCP listener in the config serves the `health` resource; "
               "add `- name: health` to a listener's resources or pass --url\n";
  ctx.exit_code = 1;
  return std::nullopt;
}

int check(const std::string& url, int timeout_seconds) {
  // Split "scheme://host:port/path" into what httplib::Client wants.
  auto scheme_end = url.find("://");
  auto path_start = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  if (scheme_end == std::string::npos || path_start == std::string::npos) {
    std::cerr << "gatehouse health: `" << url << "` is not a URL like http://127.0.0.1:8080/health\n";
    return 1;
  }
  httplib::Client client(url.substr(0, path_start));
  client.set_connection_timeout(timeout_seconds, 0);
  client.set_read_timeout(timeout_seconds, 0);
  auto res = client.Get(url.substr(path_start).c_str());
  if (!res) {
    std::cerr << "gatehouse health: cannot reach " << url << ": " << httplib::to_string(res.error())
              << "\n";
    return 1;
  }
  if (res->status != 200) {
    std::cerr << "gatehouse health: " << url << " answered " << res->status << ": " << res->body
              << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

void register_health_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("health", "Exit 0 when a running server's /health answers 200");
  auto url = std::make_shared<std::string>();
  auto timeout = std::make_shared<int>(5);
  cmd->add_option("--url", *url, "The /health URL; default: from the config's listeners")
      ->type_name("URL");
  cmd->add_option("--timeout", *timeout, "Seconds to wait for an answer")->capture_default_str();
  cmd->callback([&ctx, url, timeout] {
    std::string target = *url;
    if (target.empty()) {
      auto from_config = health_url_from_config(ctx);
      if (!from_config) return;
      target = *from_config;
    }
    ctx.exit_code = check(target, *timeout);
  });
}

}  // namespace gatehouse::cli
