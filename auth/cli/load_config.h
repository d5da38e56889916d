// Loading the config for a subcommand, with the reporting every command
// shares: warnings to stderr, and on failure the error (file, key path,
// expectation) to stderr and exit code 1.
#pragma once

#include <optional>

#include "auth/cli/cli_context.h"
#include "shared/config/config.h"

namespace gatehouse::cli {

// nullopt when the config could not be loaded (already reported; ctx.exit_code set).
std::optional<config::Loaded> load_config(CliContext& ctx);

}  // namespace gatehouse::cli
