// Where the browser goes after signing in: MAS's post-auth action, carried
// in the login URL as `kind=continue_authorization_grant&id=<ULID>`,
// `kind=continue_device_code_grant&id=<ULID>`, or
// `kind=manage_account[&action=…&device_id=…]` (mas.md §2.3).
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include <httplib.h>

#include "auth/web/account_action.h"

namespace gatehouse::web {

struct Continuation {
  enum class Kind { kNone, kAuthorizationGrant, kDeviceCodeGrant, kCompatSsoLogin, kManageAccount };
  Kind kind = Kind::kNone;
  std::string id;          // a ULID, except for kNone and kManageAccount
  AccountAction account;   // kManageAccount: what the account page shows

  bool operator==(const Continuation&) const = default;
};

// From the request parameters; an unknown kind or an id that is not a ULID
// gives kNone (the login still works, it just goes nowhere after).
Continuation parse_continuation(const httplib::Request& req);

// The same from a stored continuation_query() text.
Continuation parse_continuation_query(const std::string& query);

// "kind=…&id=…", or "" for kNone.
std::string continuation_query(const Continuation& next);

// The path after login: "consent/<id>", "device/<id>",
// "complete-compat-sso/<id>", "account/[?action=…]", or "login".
std::string continuation_path(const Continuation& next);

// "login?<query>" (with `login_hint` when given).
std::string login_path(const Continuation& next, std::string_view login_hint = {});

}  // namespace gatehouse::web
