// Placeholder: the real command lands with its component.
#include <CLI/CLI.hpp>

#include "auth/cli/cli_context.h"

namespace gatehouse::cli {

void register_database_commands(CLI::App& app, CliContext& ctx) {
  (void)app;
  (void)ctx;
}

}  // namespace gatehouse::cli
