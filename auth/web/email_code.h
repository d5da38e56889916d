// Six-digit codes mailed to an address to prove it is the person's: for
// registration's email step (registration_code.h) and for adding an
// address on the account page (account_email.cc). The code goes out as a
// send-email job; only its fingerprint is stored.
#pragma once

#include <string>
#include <string_view>

#include "auth/web/web_context.h"
#include "shared/storage/database.h"

namespace gatehouse::web {

// How long a code waits to come back, and how many tries it gets.
inline constexpr std::int64_t kCodeLifetimeMs = 60 * 60 * 1000;
inline constexpr int kMaxCodeAttempts = 10;

// Six digits, uniformly random.
std::string six_digit_code();

// Queues the mail with `code` to `email`; `purpose` ends "Your code to …":
// e.g. "finish creating your account". Does not commit.
Status mail_code(const WebContext& ctx, storage::Transaction& tx, const std::string& email,
                 const std::string& code, std::string_view purpose);

// Whether a typed code is the one whose fingerprint is stored.
bool code_matches(std::string_view typed, std::string_view stored_fingerprint);

}  // namespace gatehouse::web
