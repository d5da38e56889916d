#include "shared/config/test_files.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "shared/config/generate.h"

namespace gatehouse::config::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "gh_config_test.XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string TempDir::write(const std::string& name, const std::string& text) const {
  std::string full = path(name);
  std::ofstream(full, std::ios::binary) << text;
  return full;
}

const std::string& minimal_yaml() {
  static const std::string text = [] {
    auto generated = generate();
    if (!generated) throw std::runtime_error(generated.error().describe());
    return generated->config_yaml;
  }();
  return text;
}

}  // namespace gatehouse::config::testing
