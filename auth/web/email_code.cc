#include "auth/web/email_code.h"

#include <cstdint>

#include "auth/jobs/job_kinds.h"
#include "auth/jobs/schedule.h"
#include "auth/web/html_page.h"
#include "shared/storage/email_code_rows.h"
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

bool answer_code_form(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                      storage::Transaction& tx, const Visitor& visitor, const CodeRow& row,
                      EmailCodePage& page) {
  const auto answer = [&](int status, std::string message) {
    page.error = std::move(message);
    write_html(res, status, ctx.templates.render(page));
    return false;
  };
  const auto commit = [&](std::string_view what) {
    auto committed = tx.commit();
    if (!committed) internal_error_page(ctx, res, what, committed.error());
    return committed.has_value();
  };
  if (!csrf_ok(ctx, req, visitor)) return answer(400, "This form had expired. Please try again.");
  if (req.get_param_value("action") == "resend") {
    if (auto limit = ctx.code_limits->check(row.id); !limit.allowed) {
      const auto seconds = set_retry_after(res, limit.retry_after);
      return answer(429, "A code was sent a moment ago. Try again in " + std::to_string(seconds) +
                             " seconds.");
    }
    const std::string code = six_digit_code();
    Status sent = storage::email_code_rows::replace_code(tx, row.table, row.id,
                                                        ids::token_fingerprint(code), ctx.now_ms());
    if (sent) sent = mail_code(ctx, tx, row.email, code, row.purpose);
    if (!sent) {
      internal_error_page(ctx, res, "email code: new code", sent.error());
      return false;
    }
    if (!commit("email code: commit")) return false;
    page.notice = "A new code was sent.";
    write_html(res, 200, ctx.templates.render(page));
    return false;
  }
  auto attempts = storage::email_code_rows::count_attempt(tx, row.table, row.id);
  if (!attempts) {
    internal_error_page(ctx, res, "email code: attempt", attempts.error());
    return false;
  }
  const bool right = crypto::constant_time_equals(
      ids::token_fingerprint(req.get_param_value("code")), row.code_fingerprint);
  if (*attempts <= kMaxCodeAttempts && right) return true;
  if (!commit("email code: commit")) return false;
  if (*attempts > kMaxCodeAttempts) {
    return answer(429, "Too many wrong codes. " + std::string(row.start_again));
  }
  return answer(400, "That code is not right. Check the latest email we sent.");
}

}  // namespace gatehouse::web
