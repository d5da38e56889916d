// bcrypt exactly as Synapse hashes passwords: NFKC(password) + pepper, then
// bcrypt `$2b$<cost>$…` (synapse/handlers/auth.py: bcrypt.hashpw). libxcrypt
// does the work; like Synapse's bcrypt it only reads the first 72 bytes.
#include <crypt.h>

#include <memory>

#include <openssl/crypto.h>

#include "auth/accounts/password_input.h"
#include "auth/accounts/password_scheme.h"
#include "shared/crypto/constant_time.h"
#include "shared/crypto/random.h"

namespace gatehouse::accounts {
namespace {

constexpr int kDefaultCost = 12;
constexpr int kMinCost = 4;
constexpr int kMaxCost = 31;
constexpr std::size_t kSaltEntropyBytes = 16;

// crypt_r would also take DES, MD5 and SHA-crypt settings; a stored value of
// another kind must not verify through this scheme.
bool is_bcrypt_hash(std::string_view stored) {
  return stored.size() == 60 && (stored.starts_with("$2b$") || stored.starts_with("$2a$") ||
                                 stored.starts_with("$2y$"));
}

// crypt_r with a heap crypt_data (it is ~32 KiB, too large for a coroutine
// or small thread stack). Returns nullopt when libcrypt rejects the setting.
std::optional<std::string> run_crypt(SecretBytes& phrase, const char* setting) {
  auto data = std::make_unique<crypt_data>();
  const char* out = crypt_r(phrase.data(), setting, data.get());
  // libxcrypt signals failure with NULL or a string starting with '*'.
  std::optional<std::string> result;
  if (out != nullptr && out[0] != '*') result = std::string(out);
  // crypt_data keeps the key schedule and output; wipe it like the phrase.
  OPENSSL_cleanse(data.get(), sizeof(crypt_data));
  return result;
}

class BcryptScheme final : public PasswordScheme {
 public:
  BcryptScheme(SchemeOptions options, int cost) : options_(std::move(options)), cost_(cost) {}

  Result<std::string> hash(std::string_view password) const override {
    GH_TRY(std::optional<SecretBytes> phrase, phrase_for(password));
    if (!phrase) return fail(ErrorCode::kInvalidInput, "the password must not contain a NUL character");
    std::string entropy = crypto::random_bytes(kSaltEntropyBytes);
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    if (crypt_gensalt_rn("$2b$", static_cast<unsigned long>(cost_), entropy.data(),
                         static_cast<int>(entropy.size()), setting, sizeof setting) == nullptr)
      return fail(ErrorCode::kCrypto, "bcrypt salt generation failed");
    auto hashed = run_crypt(*phrase, setting);
    if (!hashed) return fail(ErrorCode::kCrypto, "bcrypt hashing failed");
    return *hashed;
  }

  Result<bool> verify(std::string_view stored, std::string_view password) const override {
    if (!is_bcrypt_hash(stored))
      return fail(ErrorCode::kCrypto, "stored password hash is not bcrypt");
    GH_TRY(std::optional<SecretBytes> phrase, phrase_for(password));
    // Such a password can never have been hashed (Synapse's bcrypt refuses it too).
    if (!phrase) return false;
    std::string setting(stored);
    auto hashed = run_crypt(*phrase, setting.c_str());
    if (!hashed) return fail(ErrorCode::kCrypto, "stored password hash is malformed", "bcrypt setting rejected");
    return crypto::constant_time_equals(*hashed, stored);
  }

 private:
  // The bytes bcrypt reads, or nullopt when they contain NUL (crypt_r takes a
  // C string, so anything after the NUL would be silently ignored).
  Result<std::optional<SecretBytes>> phrase_for(std::string_view password) const {
    GH_TRY(SecretBytes phrase, prepare_password(options_, password, PepperUse::kAppend));
    if (phrase.view().find('\0') != std::string_view::npos) return std::optional<SecretBytes>();
    return std::optional<SecretBytes>(std::move(phrase));
  }

  SchemeOptions options_;
  int cost_;
};

}  // namespace

Result<std::unique_ptr<PasswordScheme>> make_bcrypt_scheme(const SchemeOptions& options) {
  int cost = options.cost.value_or(kDefaultCost);
  if (cost < kMinCost || cost > kMaxCost)
    return fail(ErrorCode::kConfig, "bcrypt cost must be between 4 and 31",
                "got " + std::to_string(cost));
  return std::make_unique<BcryptScheme>(options, cost);
}

}  // namespace gatehouse::accounts
