// One password hashing scheme of MAS's `passwords.schemes[]`: its options, and
// the PasswordScheme interface the PasswordManager drives (argon2id, bcrypt,
// pbkdf2-sha256; one .cc file each).
//
// Input preparation is part of the scheme, because stored hashes depend on it:
//   - unicode_normalization: NFKC of the password first (Synapse does this);
//   - pepper: argon2id feeds it as argon2's secret input (a keyed hash);
//     bcrypt and pbkdf2 append it to the password bytes, as Synapse does.
//
// Thread safety: a scheme is immutable after creation; hash() and verify()
// may run concurrently from any thread. Both are deliberately slow (tens to
// hundreds of milliseconds at the defaults): call them off the event loop.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "shared/core/error.h"

namespace gatehouse::accounts {

enum class Algorithm { kArgon2id, kBcrypt, kPbkdf2 };

// "argon2id", "bcrypt", "pbkdf2" (the config spelling).
std::string_view to_string(Algorithm algorithm);

// Argon2 work factors. Defaults are MAS's (OWASP's 2023 minimum for
// argon2id). Config has no key for them; tests lower them to stay fast.
struct Argon2Params {
  std::uint32_t memory_kib = 19456;
  std::uint32_t iterations = 2;
  std::uint32_t parallelism = 1;
};

// What the config layer maps one `passwords.schemes[]` entry into.
struct SchemeOptions {
  int version = 1;
  Algorithm algorithm = Algorithm::kArgon2id;
  // bcrypt's log2 rounds (4..31; default 12). Ignored by the others, as in MAS.
  std::optional<int> cost;
  // `secret` / `secret_file`. Never logged.
  std::optional<std::string> pepper;
  // NFKC before hashing; required to verify Synapse's hashes.
  bool unicode_normalization = false;

  // Not configurable (MAS has no such keys): new hashes use these; verify
  // always reads the parameters from the stored hash instead.
  Argon2Params argon2{};
  std::uint32_t pbkdf2_iterations = 600'000;
};

class PasswordScheme {
 public:
  virtual ~PasswordScheme() = default;

  // A new hash with a fresh random salt, in the scheme's storage format
  // (PHC string or `$2b$…`). Errors: kInvalidInput for a password the
  // algorithm cannot take (not UTF-8 under NFKC, a NUL byte under bcrypt).
  virtual Result<std::string> hash(std::string_view password) const = 0;

  // Whether `password` matches `stored`, compared in constant time. The work
  // factors come from `stored`, not from the options, so hashes made under
  // older settings keep verifying. A wrong password is `false`, not an error;
  // errors (kCrypto) mean `stored` is not a hash this scheme can read.
  virtual Result<bool> verify(std::string_view stored, std::string_view password) const = 0;
};

// Builds the scheme for `options`. Errors: kConfig for out-of-range options
// (bcrypt cost outside 4..31, zero argon2 or pbkdf2 work factors).
Result<std::unique_ptr<PasswordScheme>> make_password_scheme(const SchemeOptions& options);

// The three implementations, for make_password_scheme and for tests.
Result<std::unique_ptr<PasswordScheme>> make_argon2id_scheme(const SchemeOptions& options);
Result<std::unique_ptr<PasswordScheme>> make_bcrypt_scheme(const SchemeOptions& options);
Result<std::unique_ptr<PasswordScheme>> make_pbkdf2_scheme(const SchemeOptions& options);

}  // namespace gatehouse::accounts
