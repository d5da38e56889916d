#include "auth/web/registration_code.h"

#include "shared/ids/token.h"
#include "shared/ids/ulid.h"
#include "shared/storage/pending_registration_repository.h"

namespace gatehouse::web {

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
  r.expires_at = now + kCodeLifetimeMs;
  GH_TRY_STATUS(storage::pending_registrations::add(tx, r));
  GH_TRY_STATUS(mail_code(ctx, tx, start.email, code, kPurpose));
  return r.id;
}

}  // namespace gatehouse::web
