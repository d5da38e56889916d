// Sending mail, as `email.transport` says: `smtp` through libcurl (plain,
// STARTTLS required, or implicit TLS; certificates checked against the
// system's store), or `blackhole`, which logs that a message was dropped
// (never its subject or text: they may hold a code or a recovery link).
// Thread safety: send() may be called from several threads.
#pragma once

#include <memory>

#include "auth/email/email_message.h"
#include "shared/config/email.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"

namespace gatehouse::auth::email {

class Mailer {
 public:
  virtual ~Mailer() = default;
  // kUnavailable (with the server's reason) when the message was not
  // accepted; the caller retries later.
  virtual Status send(const EmailMessage& message) = 0;
  // Connects and logs in as a send would, then only says NOOP (for
  // `gatehouse doctor`); what was checked, or kUnavailable with why not.
  virtual Result<std::string> check() = 0;
};

std::shared_ptr<Mailer> make_mailer(const config::EmailConfig& config,
                                    std::shared_ptr<const Clock> clock);

}  // namespace gatehouse::auth::email
