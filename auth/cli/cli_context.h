// What every `gatehouse` subcommand shares: the config files named on the
// command line and the exit code the chosen subcommand sets.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace gatehouse::cli {

struct CliContext {
  // `-c/--config FILE`, repeatable, accepted before or after the subcommand
  // (as mas-cli's is). Later files override earlier ones.
  std::vector<std::string> config_flags;
  // Set by the subcommand that ran; main() returns it.
  int exit_code = 0;

  // The files to load: the -c flags; else GATEHOUSE_CONFIG (colon-separated);
  // else "config.yaml" in the working directory.
  std::vector<std::string> config_files() const;
};

// Each command group adds its subcommands to the root app. A subcommand's
// callback does its work and stores its exit code in ctx.exit_code.
// Callbacks must not throw on expected failures: they print one line saying
// what is wrong and how to fix it, and set a non-zero exit code.
void register_config_commands(CLI::App& app, CliContext& ctx);    // config_command.cc
// Adds `config sync` under the `config` subcommand that register_config_commands made.
void register_config_sync_command(CLI::App& config_cmd, CliContext& ctx);  // config_sync_command.cc
void register_database_commands(CLI::App& app, CliContext& ctx);  // database_command.cc
void register_server_command(CLI::App& app, CliContext& ctx);     // server_command.cc
void register_health_command(CLI::App& app, CliContext& ctx);     // health_command.cc
void register_manage_commands(CLI::App& app, CliContext& ctx);    // manage/manage_command.cc
void register_worker_command(CLI::App& app, CliContext& ctx);     // worker_command.cc
void register_doctor_command(CLI::App& app, CliContext& ctx);     // doctor_command.cc
void register_syn2mas_commands(CLI::App& app, CliContext& ctx);   // syn2mas_command.cc

}  // namespace gatehouse::cli
