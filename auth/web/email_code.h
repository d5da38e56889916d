// Six-digit codes mailed to an address to prove it is the person's: for
// registration's email step (registration_code.h) and for adding an
// address on the account page (account_email.cc). The code goes out as a
// send-email job; only its fingerprint is stored.
#pragma once

#include <string>
#include <string_view>

#include "auth/web/templates.h"
#include "auth/web/visitor.h"
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

// A row waiting for a code, in a table of shared/storage/email_code_rows.h.
struct CodeRow {
  std::string_view table;
  std::string id;
  std::string email;
  std::string code_fingerprint;
  std::string_view purpose;       // as for mail_code
  std::string_view start_again;   // what to do after too many tries
};

// The code page's POST, in the write transaction `tx`, except what the
// right code does: a stale form, "Send a new code" (rate limited per row by
// ctx.code_limits) and a wrong code (each try counted and committed, at
// most kMaxCodeAttempts) are answered on `page` here. true only for the
// right code, with `tx` open and nothing written yet but the try's count.
bool answer_code_form(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                      storage::Transaction& tx, const Visitor& visitor, const CodeRow& row,
                      EmailCodePage& page);

}  // namespace gatehouse::web
