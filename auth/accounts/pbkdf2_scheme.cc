// pbkdf2-sha256 as MAS hashes it (RustCrypto `pbkdf2` crate): 16-byte salt,
// 32-byte output, 600,000 iterations (OWASP 2023), pepper appended to the
// password, stored as `$pbkdf2-sha256$i=600000,l=32$<salt>$<hash>`.
#include <openssl/evp.h>

#include "auth/accounts/password_input.h"
#include "auth/accounts/password_scheme.h"
#include "auth/accounts/phc_string.h"
#include "shared/crypto/constant_time.h"
#include "shared/crypto/random.h"

namespace gatehouse::accounts {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::uint32_t kHashBytes = 32;
constexpr std::string_view kId = "pbkdf2-sha256";
// A stored hash may ask for at most this much work or output.
constexpr std::uint32_t kMaxIterations = 100'000'000;
constexpr std::uint32_t kMaxOutput = 1024;

class Pbkdf2Scheme final : public PasswordScheme {
 public:
  explicit Pbkdf2Scheme(SchemeOptions options) : options_(std::move(options)) {}

  Result<std::string> hash(std::string_view password) const override {
    PhcString phc;
    phc.id = kId;
    phc.params = {{"i", std::to_string(options_.pbkdf2_iterations)},
                  {"l", std::to_string(kHashBytes)}};
    phc.salt = crypto::random_bytes(kSaltBytes);
    GH_TRY(phc.hash, derive(password, phc.salt, options_.pbkdf2_iterations, kHashBytes));
    return format_phc(phc);
  }

  Result<bool> verify(std::string_view stored, std::string_view password) const override {
    GH_TRY(PhcString phc, parse_phc(stored));
    if (phc.id != kId)
      return fail(ErrorCode::kCrypto, "stored password hash is not pbkdf2-sha256", phc.id);
    GH_TRY(std::uint32_t iterations, phc.uint_param("i", 1, kMaxIterations));
    // `l` is optional in the PHC form; it must agree with the hash when given.
    std::uint32_t length = static_cast<std::uint32_t>(phc.hash.size());
    if (phc.param("l")) {
      GH_TRY(length, phc.uint_param("l", 1, kMaxOutput));
    }
    if (length != phc.hash.size() || length == 0 || length > kMaxOutput)
      return fail(ErrorCode::kCrypto, "stored password hash is malformed", "hash length mismatch");
    GH_TRY(std::string out, derive(password, phc.salt, iterations, length));
    return crypto::constant_time_equals(out, phc.hash);
  }

 private:
  Result<std::string> derive(std::string_view password, std::string_view salt,
                             std::uint32_t iterations, std::uint32_t length) const {
    GH_TRY(SecretBytes input, prepare_password(options_, password, PepperUse::kAppend));
    std::string out(length, '\0');
    if (PKCS5_PBKDF2_HMAC(input.data(), static_cast<int>(input.size()),
                          reinterpret_cast<const unsigned char*>(salt.data()),
                          static_cast<int>(salt.size()), static_cast<int>(iterations), EVP_sha256(),
                          static_cast<int>(out.size()),
                          reinterpret_cast<unsigned char*>(out.data())) != 1)
      return fail(ErrorCode::kCrypto, "pbkdf2 hashing failed");
    return out;
  }

  SchemeOptions options_;
};

}  // namespace

Result<std::unique_ptr<PasswordScheme>> make_pbkdf2_scheme(const SchemeOptions& options) {
  if (options.pbkdf2_iterations < 1 || options.pbkdf2_iterations > kMaxIterations)
    return fail(ErrorCode::kConfig, "pbkdf2 iterations are out of range");
  return std::make_unique<Pbkdf2Scheme>(options);
}

}  // namespace gatehouse::accounts
