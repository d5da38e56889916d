// MAS's PasswordManager (crates/handlers/src/passwords.rs): the configured
// `passwords.schemes[]`, of which the highest version hashes new passwords and
// the others only verify; and `passwords.enabled`.
//
// Upgrade on login: a password stored under an older version is, once it
// verifies, re-hashed under the current scheme; the caller stores that as a
// new `user_passwords` row with `upgraded_from` pointing at the old one (MAS
// never deletes the old rows).
//
// Thread safety: immutable after create(); copies share the schemes; every
// method may be called from any thread. hash() and verify() are slow by
// design (see password_scheme.h): run them on a worker thread.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/accounts/password_scheme.h"
#include "shared/core/error.h"

namespace gatehouse::accounts {

// A hash and the scheme version that made it (`user_passwords.version`).
struct HashedPassword {
  int version = 0;
  std::string hash;
};

struct Verification {
  bool valid = false;
  // Set only when valid and the stored version is not the current one.
  std::optional<HashedPassword> upgrade;
};

class PasswordManager {
 public:
  // Errors: kConfig when enabled and `schemes` is empty, when two schemes
  // share a version, or when a scheme's options are out of range. With
  // enabled=false the schemes may be empty.
  static Result<PasswordManager> create(std::vector<SchemeOptions> schemes, bool enabled = true);

  // `passwords.enabled`: false turns password login and registration off
  // everywhere (no m.login.password flow, no password form).
  bool enabled() const { return enabled_; }

  // The version new hashes get (the highest configured). 0 when disabled
  // with no schemes.
  int current_version() const { return current_version_; }

  // Hashes under the current scheme. Errors: kForbidden when disabled;
  // kInvalidInput for a password the scheme cannot take.
  Result<HashedPassword> hash(std::string_view password) const;

  // Checks `password` against a stored (version, hash). A wrong password is
  // {valid=false}. Errors: kForbidden when disabled; kConfig when
  // `stored_version` is not configured (the operator removed a scheme still
  // in use); kCrypto when the stored hash is unreadable.
  Result<Verification> verify(int stored_version, std::string_view stored_hash,
                              std::string_view password) const;

 private:
  using SchemeMap = std::map<int, std::shared_ptr<const PasswordScheme>>;
  PasswordManager(bool enabled, int current_version, std::shared_ptr<const SchemeMap> schemes)
      : enabled_(enabled), current_version_(current_version), schemes_(std::move(schemes)) {}

  bool enabled_;
  int current_version_;
  std::shared_ptr<const SchemeMap> schemes_;
};

}  // namespace gatehouse::accounts
