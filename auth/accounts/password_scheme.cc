#include "auth/accounts/password_scheme.h"

namespace gatehouse::accounts {

std::string_view to_string(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kArgon2id: return "argon2id";
    case Algorithm::kBcrypt: return "bcrypt";
    case Algorithm::kPbkdf2: return "pbkdf2";
  }
  return "unknown";
}

Result<std::unique_ptr<PasswordScheme>> make_password_scheme(const SchemeOptions& options) {
  switch (options.algorithm) {
    case Algorithm::kArgon2id: return make_argon2id_scheme(options);
    case Algorithm::kBcrypt: return make_bcrypt_scheme(options);
    case Algorithm::kPbkdf2: return make_pbkdf2_scheme(options);
  }
  return fail(ErrorCode::kConfig, "unknown password hashing algorithm");
}

}  // namespace gatehouse::accounts
