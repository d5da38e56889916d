#include "auth/compat/compat_bearer.h"

#include "shared/ids/token.h"
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/compat_token_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::compat {

CompatResult<std::string> bearer_token(const httplib::Request& req) {
  const auto authorization = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() > kBearer.size() &&
      std::string_view(authorization).substr(0, kBearer.size()) == kBearer) {
    return authorization.substr(kBearer.size());
  }
  if (req.has_param("access_token") && !req.get_param_value("access_token").empty()) {
    return req.get_param_value("access_token");
  }
  return reject(CompatError::missing_token());
}

CompatResult<CompatCaller> find_compat_caller(storage::Transaction& tx, const std::string& token,
                                              std::int64_t now_ms) {
  const auto unknown = [] { return reject(CompatError::unknown_token("Invalid access token")); };
  auto type = ids::check_token(token);
  if (!type || *type != ids::TokenType::kCompatAccessToken) return unknown();
  auto found = storage::compat_access_tokens::find_by_fingerprint(tx, ids::token_fingerprint(token));
  if (!found) return reject(internal_error("find compat access token", found.error()));
  if (!*found) return unknown();
  auto session = storage::compat_sessions::find(tx, (*found)->session_id);
  if (!session) return reject(internal_error("load compat session", session.error()));
  if (!*session || (*session)->is_finished()) return unknown();
  auto user = storage::users::find(tx, (*session)->user_id);
  if (!user) return reject(internal_error("load user", user.error()));
  if (!*user || !(*user)->active()) return unknown();
  if ((*found)->is_expired(now_ms)) {
    return reject(CompatError::unknown_token("Access token has expired", /*soft_logout=*/true));
  }
  return CompatCaller{std::move(**found), std::move(**session), std::move(**user)};
}

}  // namespace gatehouse::auth::compat
