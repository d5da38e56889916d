// `gatehouse`: the authorization server and its admin command. Mirrors
// mas-cli's command tree (server, config, database, manage, doctor, syn2mas)
// and adds `health`, a container healthcheck.
#include <iostream>

#include <CLI/CLI.hpp>

#include "auth/cli/cli_context.h"
#include "shared/core/log.h"

int main(int argc, char** argv) {
  gatehouse::log::init("info");
  gatehouse::cli::CliContext ctx;

  CLI::App app{"Gatehouse: a Matrix authentication service (OAuth 2.0 / OpenID Connect)",
               "gatehouse"};
  app.require_subcommand(1);
  // Lets `-c` follow the subcommand: `gatehouse manage register-user ... -c config.yaml`.
  app.fallthrough();
  app.add_option("-c,--config", ctx.config_flags,
                 "Configuration file (YAML or TOML); repeat to merge several. "
                 "Default: $GATEHOUSE_CONFIG (colon-separated), else config.yaml")
      ->type_name("FILE");
  app.set_version_flag("--version", std::string("gatehouse ") + GATEHOUSE_VERSION);

  gatehouse::cli::register_config_commands(app, ctx);
  gatehouse::cli::register_database_commands(app, ctx);
  gatehouse::cli::register_server_command(app, ctx);
  gatehouse::cli::register_health_command(app, ctx);
  gatehouse::cli::register_manage_commands(app, ctx);
  gatehouse::cli::register_worker_command(app, ctx);
  gatehouse::cli::register_doctor_command(app, ctx);
  gatehouse::cli::register_syn2mas_commands(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    // Expected failures are handled inside the commands; reaching here is a bug.
    std::cerr << "gatehouse: internal error: " << e.what() << "\n";
    return 70;  // EX_SOFTWARE
  }
  return ctx.exit_code;
}
