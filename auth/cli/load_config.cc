#include "auth/cli/load_config.h"

#include <iostream>

namespace gatehouse::cli {

std::optional<config::Loaded> load_config(CliContext& ctx) {
  auto loaded = config::load(ctx.config_files());
  if (!loaded) {
    std::cerr << "gatehouse: invalid configuration:\n" << loaded.error().message << "\n";
    ctx.exit_code = 1;
    return std::nullopt;
  }
  for (const auto& warning : loaded->warnings) std::cerr << "warning: " << warning << "\n";
  return std::move(*loaded);
}

}  // namespace gatehouse::cli
