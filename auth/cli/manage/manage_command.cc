// Placeholder: `gatehouse manage …` lands with the accounts issue.
#include <CLI/CLI.hpp>

#include "auth/cli/cli_context.h"

namespace gatehouse::cli {

void register_manage_commands(CLI::App& app, CliContext& ctx) {
  (void)app;
  (void)ctx;
}

}  // namespace gatehouse::cli
