// Test fixture: a password hash as Synapse stores it, made with libcrypt
// directly so tests do not check bcrypt_scheme.cc against itself.
// Synapse: bcrypt.hashpw(NFKC(password) + pepper, bcrypt.gensalt(rounds))
// (synapse/handlers/auth.py). Tests only; uses doctest's REQUIRE.
#pragma once

#include <crypt.h>

#include <memory>
#include <string>

#include <doctest/doctest.h>

namespace gatehouse::accounts {

// `normalized_password` is expected to be NFKC already.
inline std::string synapse_bcrypt(const std::string& normalized_password,
                                  const std::string& pepper, unsigned long cost = 4,
                                  const char* prefix = "$2b$") {
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  REQUIRE(crypt_gensalt_rn(prefix, cost, nullptr, 0, setting, sizeof setting) != nullptr);
  auto data = std::make_unique<crypt_data>();
  std::string phrase = normalized_password + pepper;
  const char* out = crypt_r(phrase.c_str(), setting, data.get());
  REQUIRE(out != nullptr);
  return out;
}

}  // namespace gatehouse::accounts
