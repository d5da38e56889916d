// `passwords`: whether local passwords exist and how they are hashed.
// MAS: crates/config/src/sections/passwords.rs; hashing in auth/accounts.
#pragma once

#include <string>
#include <vector>

#include "shared/config/decode.h"

namespace gatehouse::config {

struct PasswordScheme {
  // Unique. The highest version hashes new passwords; the others only verify
  // existing hashes (and are upgraded on login). Required.
  int version = 1;
  // argon2id (default) | bcrypt | pbkdf2.
  std::string algorithm = "argon2id";
  // bcrypt cost, 4..31; default 12. Ignored by other algorithms.
  int cost = 12;
  // Pepper mixed into the hash (`secret` or `secret_file`). Secret. Default
  // none. Synapse's `password_config.pepper` for migrated hashes.
  std::string secret;
  // NFKC-normalize before hashing, as Synapse does. Default false.
  bool unicode_normalization = false;
};

struct PasswordsConfig {
  // Local password login and registration. Default true.
  bool enabled = true;
  // zxcvbn score a new password needs, 0..4. Default 3.
  int minimum_complexity = 3;
  // Default: [{version: 1, algorithm: argon2id}].
  std::vector<PasswordScheme> schemes = {PasswordScheme{}};
};

void decode(Section& section, PasswordsConfig& out);

}  // namespace gatehouse::config
