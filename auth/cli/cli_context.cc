#include "auth/cli/cli_context.h"

#include <cstdlib>
#include <sstream>

namespace gatehouse::cli {

std::vector<std::string> CliContext::config_files() const {
  if (!config_flags.empty()) return config_flags;
  std::vector<std::string> files;
  if (const char* env = std::getenv("GATEHOUSE_CONFIG"); env && *env) {
    std::stringstream in(env);
    for (std::string part; std::getline(in, part, ':');) {
      if (!part.empty()) files.push_back(part);
    }
  }
  if (files.empty()) files.push_back("config.yaml");
  return files;
}

}  // namespace gatehouse::cli
