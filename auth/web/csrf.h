// CSRF protection for every form POST of the human pages: the form carries
// the secret held in the encrypted, HttpOnly session cookie (a double submit
// bound to the cookie, as MAS's CsrfToken). A cross-site page can make the
// browser send the cookie but cannot read it, so it cannot fill the field.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "auth/web/session_cookie.h"

namespace gatehouse::web {

// How long a CSRF secret is accepted after it was issued or renewed.
inline constexpr std::int64_t kCsrfLifetimeMs = 60 * 60 * 1000;

// Gives `cookie` a fresh secret when it has none or it expires within half
// its lifetime, so a form rendered now stays submittable for ≥ 30 minutes.
// Returns true when the cookie changed (it must then be set again).
bool ensure_csrf(SessionCookie& cookie, std::int64_t now_ms);

// True iff `submitted` equals the cookie's secret (constant time) and the
// secret has not expired. An empty secret never matches.
bool csrf_valid(const SessionCookie& cookie, std::string_view submitted, std::int64_t now_ms);

}  // namespace gatehouse::web
