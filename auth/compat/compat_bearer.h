// The access token of a legacy API call: `Authorization: Bearer <token>`,
// or the deprecated `access_token` query parameter (older clients and
// appservices still send it). And the compat session a compat access
// token (mct_, or an imported syt_/macaroon) stands for.
//
// Thread safety: as the Transaction.
#pragma once

#include <optional>
#include <string>

#include <httplib.h>

#include "auth/compat/compat_error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/compat_session.h"
#include "shared/storage/model/compat_token.h"
#include "shared/storage/model/user.h"

namespace gatehouse::auth::compat {

// The presented token, or M_MISSING_TOKEN (401).
CompatResult<std::string> bearer_token(const httplib::Request& req);

struct CompatCaller {
  storage::CompatAccessToken token;
  storage::CompatSession session;
  storage::User user;
};

// The live session behind a compat access token. M_UNKNOWN_TOKEN (401) for
// a malformed, unknown or non-compat token, a finished session or an
// inactive user; with soft_logout: true for an expired token of a live
// session (the spec: the client may refresh, or log in as the same device).
CompatResult<CompatCaller> find_compat_caller(storage::Transaction& tx, const std::string& token,
                                              std::int64_t now_ms);

}  // namespace gatehouse::auth::compat
