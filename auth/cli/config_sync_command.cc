// Placeholder: the real command lands with the storage component.
#include <CLI/CLI.hpp>

#include "auth/cli/cli_context.h"

namespace gatehouse::cli {

void register_config_sync_command(CLI::App& config_cmd, CliContext& ctx) {
  (void)config_cmd;
  (void)ctx;
}

}  // namespace gatehouse::cli
