#include "auth/web/continuation.h"

#include "auth/web/authorization_response.h"
#include "shared/ids/ulid.h"

namespace gatehouse::web {

Continuation parse_continuation(const httplib::Request& req) {
  const auto kind = req.get_param_value("kind");
  const auto id = req.get_param_value("id");
  if (kind == "manage_account") {
    return {Continuation::Kind::kManageAccount, "",
            parse_account_action(req.get_param_value("action"), req.get_param_value("device_id"))};
  }
  if (!ids::is_ulid(id)) return {};
  if (kind == "continue_authorization_grant") return {Continuation::Kind::kAuthorizationGrant, id};
  if (kind == "continue_device_code_grant") return {Continuation::Kind::kDeviceCodeGrant, id};
  if (kind == "continue_compat_sso_login") return {Continuation::Kind::kCompatSsoLogin, id};
  return {};
}

Continuation parse_continuation_query(const std::string& query) {
  httplib::Request req;
  httplib::detail::parse_query_text(query, req.params);
  return parse_continuation(req);
}

std::string continuation_query(const Continuation& next) {
  switch (next.kind) {
    case Continuation::Kind::kAuthorizationGrant:
      return "kind=continue_authorization_grant&id=" + next.id;
    case Continuation::Kind::kDeviceCodeGrant:
      return "kind=continue_device_code_grant&id=" + next.id;
    case Continuation::Kind::kCompatSsoLogin:
      return "kind=continue_compat_sso_login&id=" + next.id;
    case Continuation::Kind::kManageAccount: {
      const auto action = account_action_query(next.account);
      return "kind=manage_account" + (action.empty() ? "" : "&" + action);
    }
    case Continuation::Kind::kNone:
      break;
  }
  return {};
}

std::string continuation_path(const Continuation& next) {
  switch (next.kind) {
    case Continuation::Kind::kAuthorizationGrant:
      return "consent/" + next.id;
    case Continuation::Kind::kDeviceCodeGrant:
      return "device/" + next.id;
    case Continuation::Kind::kCompatSsoLogin:
      return "complete-compat-sso/" + next.id;
    case Continuation::Kind::kManageAccount:
      return account_path(next.account);
    case Continuation::Kind::kNone:
      break;
  }
  return "login";
}

std::string login_path(const Continuation& next, std::string_view login_hint) {
  std::string query = continuation_query(next);
  if (!login_hint.empty()) {
    query += (query.empty() ? "" : "&") + std::string("login_hint=") + percent_encode(login_hint);
  }
  return query.empty() ? "login" : "login?" + query;
}

}  // namespace gatehouse::web
