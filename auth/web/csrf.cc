#include "auth/web/csrf.h"

#include "shared/crypto/constant_time.h"
#include "shared/crypto/random.h"

namespace gatehouse::web {

bool ensure_csrf(SessionCookie& cookie, std::int64_t now_ms) {
  if (!cookie.csrf_secret.empty() && cookie.csrf_expires_at - now_ms > kCsrfLifetimeMs / 2) {
    return false;
  }
  // Renewing keeps the old secret only if it is still valid, so a form
  // already on screen keeps working across the renewal.
  if (cookie.csrf_secret.empty() || cookie.csrf_expires_at <= now_ms) {
    cookie.csrf_secret = crypto::random_alnum(32);
  }
  cookie.csrf_expires_at = now_ms + kCsrfLifetimeMs;
  return true;
}

bool csrf_valid(const SessionCookie& cookie, std::string_view submitted, std::int64_t now_ms) {
  if (cookie.csrf_secret.empty() || now_ms >= cookie.csrf_expires_at) return false;
  return crypto::constant_time_equals(cookie.csrf_secret, submitted);
}

}  // namespace gatehouse::web
