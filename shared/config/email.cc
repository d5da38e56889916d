#include "shared/config/email.h"

namespace gatehouse::config {

int EmailConfig::effective_port() const {
  if (port != 0) return port;
  if (mode == "tls") return 465;
  if (mode == "starttls") return 587;
  return 25;
}

void decode(Section& s, EmailConfig& out) {
  s.get("from", out.from);
  s.get("reply_to", out.reply_to);
  std::string transport;
  if (s.raw("transport")) {
    const auto* value = s.raw("transport");
    if (value->is_string() && value->get<std::string>() == "sendmail") {
      s.diag().warning(s.path("transport"),
                       "sendmail is a MAS transport Gatehouse does not support yet; mail is not "
                       "sent (use smtp)");
      s.skip("command");
    } else {
      s.get_enum("transport", out.transport, {"blackhole", "smtp", "sendmail"});
    }
  }
  s.get_enum("mode", out.mode, {"plain", "starttls", "tls"});
  s.get("hostname", out.hostname);
  s.get_int("port", out.port, 1, 65535);
  s.get("username", out.username);
  out.password = s.secret("password");
  if (out.transport == "smtp") {
    if (out.mode.empty()) s.require("mode", "plain, starttls or tls");
    if (out.hostname.empty()) s.require("hostname", "the SMTP server's host name");
  }
  if (out.password && out.username.empty()) {
    s.diag().error(s.path("username"), "required when a password is set");
  }
}

}  // namespace gatehouse::config
