#include "auth/web/email_code.h"

#include <cstdint>

#include "auth/jobs/job_kinds.h"
#include "auth/jobs/schedule.h"
#include "shared/crypto/constant_time.h"
#include "shared/crypto/random.h"
#include "shared/ids/token.h"

namespace gatehouse::web {

std::string six_digit_code() {
  // Rejection sampling over 32 random bits, so every code is as likely.
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
                 const std::string& code, std::string_view purpose) {
  const auto& server = ctx.app.config.matrix.homeserver;
  return auth::jobs::schedule_job(
      tx, *ctx.app.clock, auth::jobs::kSendEmail,
      {{"to", email},
       {"subject", "Your code for " + server + ": " + code},
       {"text", "Your code to " + std::string(purpose) + " on " + server + " is\n\n    " + code +
                    "\n\nIt works for an hour. If you did not ask for it, ignore this message.\n"}});
}

bool code_matches(std::string_view typed, std::string_view stored_fingerprint) {
  return crypto::constant_time_equals(ids::token_fingerprint(typed), stored_fingerprint);
}

}  // namespace gatehouse::web
