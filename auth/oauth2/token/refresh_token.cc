// refresh_token (RFC 6749 §6) with rotation on every use (OAuth 2.0
// Security BCP §4.14.2) and MAS's recovery for a client that lost the
// response (mas.md §3.5): presenting the consumed token again is accepted
// once more if its successor pair was never used; that pair is revoked and
// a fresh one issued. Otherwise a consumed token is invalid_grant and the
// session stays (as MAS).
#include <algorithm>

#include "auth/oauth2/scope.h"
#include "auth/oauth2/token/grants.h"
#include "shared/ids/token.h"
#include "shared/storage/oauth2_token_repository.h"

namespace gatehouse::auth::oauth2 {
namespace {

namespace access_tokens = storage::oauth2_access_tokens;
namespace refresh_tokens = storage::oauth2_refresh_tokens;

// The successor of a consumed token, if the client can never have seen it
// at work: it is still valid and its access token was never introspected.
OAuthResult<std::optional<storage::OAuth2RefreshToken>> unused_successor(
    storage::Transaction& tx, const storage::OAuth2RefreshToken& consumed) {
  using Out = std::optional<storage::OAuth2RefreshToken>;
  if (!consumed.next_refresh_token_id) return Out{};
  auto next = refresh_tokens::find(tx, *consumed.next_refresh_token_id);
  if (!next) return reject(server_error("load next refresh token", next.error()));
  if (!*next || !(*next)->is_valid()) return Out{};
  if ((*next)->access_token_id) {
    auto access = access_tokens::find(tx, *(*next)->access_token_id);
    if (!access) return reject(server_error("load next access token", access.error()));
    if (*access && (*access)->first_used_at) return Out{};
  }
  return Out(std::move(**next));
}

OAuthResult<void> revoke_pair(storage::Transaction& tx, const storage::OAuth2RefreshToken& t,
                              std::int64_t now_ms) {
  if (auto r = refresh_tokens::revoke(tx, t.id, now_ms); !r) {
    return reject(server_error("revoke refresh token", r.error()));
  }
  if (t.access_token_id) {
    if (auto r = access_tokens::revoke(tx, *t.access_token_id, now_ms); !r) {
      return reject(server_error("revoke access token", r.error()));
    }
  }
  return {};
}

// RFC 6749 §6: the scope asked for on refresh "MUST NOT include any scope
// not originally granted" and, if omitted, is the original grant. A subset
// narrows only the new access token (returned); the session keeps the
// original grant, so a later refresh may ask for it again but never more.
// MAS ignores the parameter; we follow the RFC.
OAuthResult<std::optional<std::string>> narrowed_scope(const std::optional<std::string>& requested,
                                                       const std::string& granted) {
  using Out = std::optional<std::string>;
  const auto asked = parse_scope(requested.value_or(""));
  if (asked.empty()) return Out{};
  const auto have = parse_scope(granted);
  for (const auto& token : asked) {
    if (std::find(have.begin(), have.end(), token) == have.end()) {
      return reject(OAuthError::invalid_scope("scope '" + token + "' was not granted to this session"));
    }
  }
  if (asked.size() == have.size()) return Out{};  // the whole grant: nothing narrowed
  return Out(join_scope(asked));
}

}  // namespace

OAuthResult<TokenResponse> refresh_token_grant(const GrantInput& in,
                                               const RefreshTokenRequest& request) {
  auto kind = ids::check_token(request.refresh_token);
  if (!kind || *kind != ids::TokenType::kRefreshToken) {
    return reject(OAuthError::invalid_grant("not a refresh token"));
  }
  auto found = refresh_tokens::find_by_fingerprint(in.tx, ids::token_fingerprint(request.refresh_token));
  if (!found) return reject(server_error("find refresh token", found.error()));
  if (!*found) return reject(OAuthError::invalid_grant("unknown refresh token"));
  const storage::OAuth2RefreshToken token = std::move(**found);
  auto session = load_live_session(in.tx, token.session_id, in.client.id);
  if (!session) return reject(session.error());
  if (token.revoked_at) return reject(OAuthError::invalid_grant("the refresh token was revoked"));
  auto scope = narrowed_scope(request.scope, session->scope);
  if (!scope) return reject(scope.error());

  if (token.consumed_at) {
    auto successor = unused_successor(in.tx, token);
    if (!successor) return reject(successor.error());
    if (!*successor) return reject(OAuthError::invalid_grant("the refresh token was already used"));
    if (auto revoked = revoke_pair(in.tx, **successor, in.now_ms); !revoked) {
      return reject(revoked.error());
    }
    auto issued = issue_tokens(in.tx, in.context, *session, /*with_refresh=*/true, in.now_ms, *scope);
    if (!issued) return reject(issued.error());
    return std::move(issued->response);
  }

  auto issued = issue_tokens(in.tx, in.context, *session, /*with_refresh=*/true, in.now_ms, *scope);
  if (!issued) return reject(issued.error());
  auto consumed = refresh_tokens::consume(in.tx, token.id, *issued->refresh_token_id, in.now_ms);
  if (!consumed) return reject(server_error("consume refresh token", consumed.error()));
  if (!*consumed) {
    // A concurrent request rotated it first; what we inserted must not live
    // (the endpoint commits on invalid_grant).
    storage::OAuth2RefreshToken mine;
    mine.id = *issued->refresh_token_id;
    mine.access_token_id = issued->access_token_id;
    if (auto revoked = revoke_pair(in.tx, mine, in.now_ms); !revoked) return reject(revoked.error());
    return reject(OAuthError::invalid_grant("the refresh token was already used"));
  }
  return std::move(issued->response);
}

}  // namespace gatehouse::auth::oauth2
