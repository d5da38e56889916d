// The m.login.sso handshake (legacy SSO login), compat side:
//
//   GET /_matrix/client/{version}/login/sso/redirect[/ or /{idpId}]
//       ?redirectUrl=<client URL>
//     → a compat_sso_logins row, and a redirect to the web page
//       complete-compat-sso/<id> (auth/web/compat_sso.cc), which signs the
//       user in if needed and asks them to confirm, naming the client's host;
//   confirmation → fulfill_sso_login(): a one-time login token (valid
//       kLoginTokenTtlMs), and the browser goes to redirectUrl with
//       `loginToken=<token>` added to its query;
//   POST /login {type: m.login.token, token} (login_token.cc).
//
// Thread safety: pure functions, or as the Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/compat/compat_error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/compat_sso_login.h"

namespace gatehouse::auth::compat {

// The login token is valid this long after the user confirmed (MAS: 30 s).
inline constexpr std::int64_t kLoginTokenTtlMs = 30'000;

// An absolute URL with a scheme and, for http(s), a host: what redirectUrl
// must be. Native clients use their own schemes (im.fluffychat://...).
bool is_valid_redirect_url(std::string_view url);

// What the confirmation page names: the URL's host, or its scheme for a
// URL without one.
std::string redirect_host(std::string_view url);

// `url` with `loginToken=<token>` added to its query (before any fragment).
std::string with_login_token(std::string_view url, std::string_view token);

// Adds the row for a new handshake; returns its id. The caller commits.
Result<std::string> add_sso_login(storage::Transaction& tx, std::string id,
                                  std::string redirect_url, std::int64_t now_ms);

// The user confirmed `login`: binds it to `user_id`, and returns the URL to
// send the browser to (redirectUrl with the new login token). nullopt when
// the login was already fulfilled. The caller commits.
Result<std::optional<std::string>> fulfill_sso_login(storage::Transaction& tx,
                                                     const storage::CompatSsoLogin& login,
                                                     const std::string& user_id,
                                                     std::int64_t now_ms);

}  // namespace gatehouse::auth::compat
