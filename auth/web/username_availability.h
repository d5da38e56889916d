// Whether a new account may take a username: not taken or reserved here,
// and (when a homeserver is configured) free there too. Used by password
// registration and by registration through an upstream provider. And
// whether an address may be added to an account (registration's email step,
// the account page).
// Thread safety: over the caller's Transaction; the homeserver client is
// thread-safe.
#pragma once

#include <optional>
#include <string>

#include "auth/web/web_context.h"
#include "shared/storage/database.h"

namespace gatehouse::web {

// A message for the form, or nullopt when free. `checked` false: the
// homeserver could not be asked (the page answers 503, not 409).
struct Availability {
  std::optional<std::string> problem;
  bool checked = true;
};

// Taken by a user here, or reserved (a deleted user's name).
Result<Availability> check_username_free(storage::Transaction& tx, const std::string& username);

// The homeserver's is_localpart_available; free when none is configured.
// Call it outside any transaction: it waits on the network.
Availability ask_homeserver_free(const WebContext& ctx, const std::string& username);

// An address to add to an account: well formed and used by no account.
struct NewEmail {
  std::string address;  // normalized
  std::optional<std::string> problem;
  int status = 200;     // 400 malformed, 409 in use
};
Result<NewEmail> check_new_email(storage::Transaction& tx, const std::string& typed);

}  // namespace gatehouse::web
