#include "auth/web/grant_flow.h"

#include <algorithm>

#include "auth/oauth2/scope.h"
#include "auth/web/authorization_request.h"
#include "shared/crypto/random.h"
#include "shared/ids/token.h"
#include "shared/ids/ulid.h"
#include "shared/storage/oauth2_authorization_grant_repository.h"
#include "shared/storage/oauth2_consent_repository.h"
#include "shared/storage/oauth2_session_repository.h"

namespace gatehouse::web {
namespace {

namespace oauth2 = gatehouse::auth::oauth2;

bool is_device_scope(const std::string& token) {
  return oauth2::device_id_of({token}).has_value();
}

}  // namespace

bool needs_login(const storage::OAuth2AuthorizationGrant& grant, const Visitor& visitor,
                 std::int64_t now_ms) {
  if (!visitor.signed_in()) return true;
  const auto prompt = parse_prompt(grant.prompt.value_or("")).value_or(Prompt{});
  if (prompt.login && visitor.last_authenticated_at < grant.created_at) return true;
  if (grant.max_age && visitor.last_authenticated_at < now_ms - *grant.max_age * 1000) return true;
  return false;
}

bool consent_covers(const std::vector<std::string>& requested,
                    const std::vector<std::string>& approved) {
  return std::all_of(requested.begin(), requested.end(), [&](const std::string& token) {
    return is_device_scope(token) ||
           std::find(approved.begin(), approved.end(), token) != approved.end();
  });
}

std::vector<std::string> describe_scopes(const std::vector<std::string>& tokens) {
  std::vector<std::string> lines;
  for (const auto& token : tokens) {
    if (token == "openid") {
      lines.emplace_back("Know who you are (your user ID)");
    } else if (token == "email") {
      lines.emplace_back("See your email address");
    } else if (token == "urn:matrix:client:api:*" ||
               token == "urn:matrix:org.matrix.msc2967.client:api:*") {
      lines.emplace_back("Use your Matrix account: read and send messages, manage your rooms");
    } else if (auto device = oauth2::device_id_of({token})) {
      lines.emplace_back("Sign in as a new device (" + *device + ")");
    } else if (token == "urn:synapse:admin:*") {
      lines.emplace_back("Administer the Matrix server");
    } else if (token == "urn:mas:admin") {
      lines.emplace_back("Administer all accounts on this server");
    } else if (token == "urn:mas:graphql:*") {
      lines.emplace_back("Manage your account settings");
    } else {
      lines.push_back(token);
    }
  }
  return lines;
}

Result<std::string> start_user_session(const WebContext& ctx, storage::Transaction& tx,
                                       const std::string& client_id, const std::string& scope,
                                       const Visitor& visitor, const RequestOrigin& origin) {
  const auto now = ctx.now_ms();
  const auto tokens = oauth2::parse_scope(scope);
  storage::OAuth2Session session;
  session.id = ids::Ulid::generate(*ctx.app.clock).to_string();
  session.client_id = client_id;
  session.user_id = visitor.user->id;
  session.user_session_id = visitor.session->id;
  session.scope = scope;
  session.device_id = oauth2::device_id_of(tokens);
  session.created_at = now;
  session.last_active_at = now;
  session.last_active_ip = origin.ip;
  if (!origin.user_agent.empty()) session.user_agent = origin.user_agent;
  GH_TRY_STATUS(storage::oauth2_sessions::add(tx, session));
  GH_TRY_STATUS(storage::oauth2_consents::add(tx, client_id, visitor.user->id, tokens, now));
  return session.id;
}

Result<std::optional<std::string>> fulfil_authorization_grant(
    const WebContext& ctx, storage::Transaction& tx, const storage::OAuth2AuthorizationGrant& grant,
    const Visitor& visitor, const RequestOrigin& origin) {
  GH_TRY(auto session_id,
         start_user_session(ctx, tx, grant.client_id, grant.scope, visitor, origin));
  // RFC 6749 §10.10: a code that cannot be guessed; only its fingerprint is
  // kept so a database leak yields no usable code.
  std::string code = crypto::random_alnum(32);
  storage::GrantFulfilment fulfilment{session_id, visitor.session->id,
                                      visitor.last_authenticated_at, ids::token_fingerprint(code)};
  GH_TRY(bool fulfilled, storage::oauth2_authorization_grants::fulfill(tx, grant.id, fulfilment,
                                                                        ctx.now_ms()));
  if (!fulfilled) return std::optional<std::string>();
  return std::optional<std::string>(std::move(code));
}

}  // namespace gatehouse::web
