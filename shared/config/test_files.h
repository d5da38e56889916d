// Test helper: a fresh temporary directory for config files, removed when
// the object goes out of scope.
#pragma once

#include <string>

namespace gatehouse::config::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `text` to `name` inside the directory and returns its full path.
  std::string write(const std::string& name, const std::string& text) const;
  std::string path(const std::string& name) const { return dir_ + "/" + name; }

 private:
  std::string dir_;
};

// A minimal valid config (YAML) with real keys; generated once per process
// because RSA key generation is slow.
const std::string& minimal_yaml();

}  // namespace gatehouse::config::testing
