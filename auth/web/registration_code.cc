#include "auth/web/registration_code.h"

#include <cstdint>

#include "auth/jobs/job_kinds.h"
#include "auth/jobs/schedule.h"
#include "shared/crypto/random.h"
#include "shared/ids/token.h"
#include "shared/ids/ulid.h"
#include "shared/storage/pending_registration_repository.h"

namespace gatehouse::web {
namespace {

// Six digits, uniformly (rejection sampling over 32 random bits).
std::string six_digit_code() {
  constexpr std::uint32_t kRange = 1'000'000;
  constexpr std::uint32_t kLimit = UINT32_MAX - UINT32_MAX % kRange;
  for (;;) {
    const std::string bytes = crypto::random_bytes(4);
    std::uint32_t n = 0;
    for (unsigned char b : bytes) n = (n << 8) | b;
    if (n >= kLimit) continue;
    std::string code = std::to_string(n % kRange);
    return std::string(6 - code.size(), '0') + code;
  }
}

Status mail_code(const WebContext& ctx, storage::Transaction& tx, const std::string& email,
                 const std::string& code) {
  return auth::jobs::schedule_job(
      tx, *ctx.app.clock, auth::jobs::kSendEmail,
      {{"to", email},
       {"subject", "Your code for " + ctx.app.config.matrix.homeserver + ": " + code},
       {"text", "Your code to finish creating your account on " +
                    ctx.app.config.matrix.homeserver + " is\n\n    " + code +
                    "\n\nIt works for an hour. If you did not ask for it, ignore this message.\n"}});
}

}  // namespace

Result<std::string> start_registration(const WebContext& ctx, storage::Transaction& tx,
                                       const RegistrationStart& start) {
  const auto now = ctx.now_ms();
  const std::string code = six_digit_code();
  storage::PendingRegistration r;
  r.id = ids::Ulid::generate(*ctx.app.clock).to_string();
  r.username = start.username;
  r.email = start.email;
  r.hashed_password = start.password.hash;
  r.password_version = start.password.version;
  if (!start.registration_token.empty()) r.registration_token = start.registration_token;
  r.continuation = continuation_query(start.next);
  r.code_fingerprint = ids::token_fingerprint(code);
  r.code_sent_at = now;
  r.created_at = now;
  r.expires_at = now + kRegistrationLifetimeMs;
  GH_TRY_STATUS(storage::pending_registrations::add(tx, r));
  GH_TRY_STATUS(mail_code(ctx, tx, start.email, code));
  return r.id;
}

Status resend_code(const WebContext& ctx, storage::Transaction& tx, const std::string& id,
                   const std::string& email) {
  const std::string code = six_digit_code();
  GH_TRY_STATUS(storage::pending_registrations::replace_code(tx, id, ids::token_fingerprint(code),
                                                             ctx.now_ms()));
  return mail_code(ctx, tx, email, code);
}

}  // namespace gatehouse::web
