// `email`: how Gatehouse sends mail (password recovery links). MAS:
// crates/config/src/sections/email.rs, with its flat keys.
#pragma once

#include <optional>
#include <string>

#include "shared/config/decode.h"

namespace gatehouse::config {

struct EmailConfig {
  // RFC 5322 mailboxes. MAS's default sender.
  std::string from = "\"Authentication Service\" <root@localhost>";
  std::string reply_to;
  // blackhole (default: mail is logged, not sent) | smtp.
  std::string transport = "blackhole";
  // smtp: plain | starttls | tls (implicit TLS); required for smtp.
  std::string mode;
  std::string hostname;  // required for smtp
  int port = 0;          // 0: 25 (plain), 587 (starttls), 465 (tls)
  std::string username;
  std::optional<std::string> password;  // `password` or `password_file`; needs username

  // The port to connect to: `port`, or the mode's usual one.
  int effective_port() const;
};

void decode(Section& section, EmailConfig& out);

}  // namespace gatehouse::config
