// gatehouse-homeserver: the thin Matrix homeserver that trusts the auth
// service for every account and token.
//   gatehouse-homeserver [-c homeserver.yaml]...
// Without -c: $GATEHOUSE_HOMESERVER_CONFIG, else ./homeserver.yaml.
#include <cstdlib>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "homeserver/server.h"
#include "shared/config/homeserver_config.h"
#include "shared/core/log.h"
#include "shared/http/shutdown_signals.h"

#ifndef GATEHOUSE_VERSION
#define GATEHOUSE_VERSION "dev"
#endif

int main(int argc, char** argv) {
  using namespace gatehouse;
  // Before any thread exists, so every thread inherits the mask and only
  // the shutdown thread takes SIGTERM/SIGINT.
  http::block_shutdown_signals();

  CLI::App app("Gatehouse homeserver: a thin Matrix homeserver behind the Gatehouse auth service",
               "gatehouse-homeserver");
  app.set_version_flag("--version", GATEHOUSE_VERSION);
  std::vector<std::string> files;
  app.add_option("-c,--config", files, "Configuration file (repeatable; later files override)");
  CLI11_PARSE(app, argc, argv);
  if (files.empty()) {
    const char* env = std::getenv("GATEHOUSE_HOMESERVER_CONFIG");
    files.push_back(env && *env ? env : "homeserver.yaml");
  }

  log::init("info");
  auto loaded = config::load_homeserver(files);
  if (!loaded) {
    spdlog::error("configuration: {}", loaded.error().describe());
    return 1;
  }
  log::init(loaded->config.log_level);
  for (const auto& warning : loaded->warnings) spdlog::warn("configuration: {}", warning);

  try {
    if (auto status = homeserver::run(loaded->config); !status) {
      spdlog::error("{}", status.error().describe());
      return 1;
    }
  } catch (const std::exception& e) {
    spdlog::error("bug: unhandled exception: {}", e.what());
    return 70;
  }
  return 0;
}
