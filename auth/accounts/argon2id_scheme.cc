// argon2id as MAS hashes it (RustCrypto `argon2` crate): 16-byte random
// salt, 32-byte output, pepper as argon2's secret input K (RFC 9106 §3.1),
// stored as a PHC string. libargon2's high-level API has no secret input,
// so we fill an argon2_context and write the PHC string ourselves.
#include <argon2.h>

#include "auth/accounts/password_input.h"
#include "auth/accounts/password_scheme.h"
#include "auth/accounts/phc_string.h"
#include "shared/crypto/constant_time.h"
#include "shared/crypto/random.h"

namespace gatehouse::accounts {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
// Refuse to spend more than 4 GiB on a stored hash whatever it says.
constexpr std::uint32_t kMaxMemoryKib = 4u * 1024 * 1024;

struct Argon2Run {
  Argon2Params params;
  std::uint32_t version = ARGON2_VERSION_13;
  std::string_view salt;
  std::size_t out_len = kHashBytes;
};

class Argon2idScheme final : public PasswordScheme {
 public:
  explicit Argon2idScheme(SchemeOptions options) : options_(std::move(options)) {}

  Result<std::string> hash(std::string_view password) const override {
    std::string salt = crypto::random_bytes(kSaltBytes);
    GH_TRY(std::string out, derive(password, {options_.argon2, ARGON2_VERSION_13, salt}));
    PhcString phc;
    phc.id = "argon2id";
    phc.version = ARGON2_VERSION_13;
    phc.params = {{"m", std::to_string(options_.argon2.memory_kib)},
                  {"t", std::to_string(options_.argon2.iterations)},
                  {"p", std::to_string(options_.argon2.parallelism)}};
    phc.salt = std::move(salt);
    phc.hash = std::move(out);
    return format_phc(phc);
  }

  Result<bool> verify(std::string_view stored, std::string_view password) const override {
    GH_TRY(PhcString phc, parse_phc(stored));
    if (phc.id != "argon2id")
      return fail(ErrorCode::kCrypto, "stored password hash is not argon2id", phc.id);
    // A missing v= means the original version 1.0 (0x10) of Argon2.
    std::uint32_t version = phc.version.value_or(ARGON2_VERSION_10);
    if (version != ARGON2_VERSION_10 && version != ARGON2_VERSION_13)
      return fail(ErrorCode::kCrypto, "stored password hash is malformed", "unknown argon2 version");
    Argon2Run run{{}, version, phc.salt, phc.hash.size()};
    GH_TRY(run.params.memory_kib, phc.uint_param("m", ARGON2_MIN_MEMORY, kMaxMemoryKib));
    GH_TRY(run.params.iterations, phc.uint_param("t", ARGON2_MIN_TIME, 1u << 16));
    GH_TRY(run.params.parallelism, phc.uint_param("p", ARGON2_MIN_LANES, 255));
    if (phc.hash.size() < ARGON2_MIN_OUTLEN || phc.salt.size() < ARGON2_MIN_SALT_LENGTH)
      return fail(ErrorCode::kCrypto, "stored password hash is malformed", "salt or hash too short");
    GH_TRY(std::string out, derive(password, run));
    return crypto::constant_time_equals(out, phc.hash);
  }

 private:
  Result<std::string> derive(std::string_view password, const Argon2Run& run) const {
    GH_TRY(SecretBytes input, prepare_password(options_, password, PepperUse::kSeparate));
    std::string out(run.out_len, '\0');
    std::string secret = options_.pepper.value_or("");
    argon2_context ctx{};
    ctx.out = reinterpret_cast<uint8_t*>(out.data());
    ctx.outlen = static_cast<uint32_t>(out.size());
    ctx.pwd = reinterpret_cast<uint8_t*>(input.data());
    ctx.pwdlen = static_cast<uint32_t>(input.size());
    // argon2 only reads the salt; the cast is for its C signature.
    ctx.salt = reinterpret_cast<uint8_t*>(const_cast<char*>(run.salt.data()));
    ctx.saltlen = static_cast<uint32_t>(run.salt.size());
    ctx.secret = secret.empty() ? nullptr : reinterpret_cast<uint8_t*>(secret.data());
    ctx.secretlen = static_cast<uint32_t>(secret.size());
    ctx.t_cost = run.params.iterations;
    ctx.m_cost = run.params.memory_kib;
    ctx.lanes = run.params.parallelism;
    ctx.threads = run.params.parallelism;
    ctx.version = run.version;
    ctx.flags = ARGON2_DEFAULT_FLAGS;
    int rc = argon2_ctx(&ctx, Argon2_id);
    SecretBytes wipe_secret(std::move(secret));
    if (rc != ARGON2_OK)
      return fail(ErrorCode::kCrypto, "argon2id hashing failed", argon2_error_message(rc));
    return out;
  }

  SchemeOptions options_;
};

}  // namespace

Result<std::unique_ptr<PasswordScheme>> make_argon2id_scheme(const SchemeOptions& options) {
  const Argon2Params& p = options.argon2;
  if (p.memory_kib < 8 * p.parallelism || p.memory_kib > kMaxMemoryKib || p.iterations < 1 ||
      p.parallelism < 1 || p.parallelism > 255)
    return fail(ErrorCode::kConfig, "argon2id parameters are out of range");
  return std::make_unique<Argon2idScheme>(options);
}

}  // namespace gatehouse::accounts
