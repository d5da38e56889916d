// An email as Gatehouse sends it: plain UTF-8 text, rendered as an RFC 5322
// message (headers, Subject in RFC 2047 when it is not ASCII, the body in
// base64 so any byte survives any relay). Pure functions.
#pragma once

#include <cstdint>
#include <string>

namespace gatehouse::auth::email {

struct EmailMessage {
  std::string to;  // one address
  std::string subject;
  std::string text;
};

struct Envelope {
  std::string from;      // config email.from: a mailbox, "Name <a@b>" or "a@b"
  std::string reply_to;  // may be empty
  std::int64_t date_s = 0;
  std::string message_id;  // without <>; unique
};

// The whole message, CRLF line ends.
std::string render_message(const EmailMessage& message, const Envelope& envelope);

// "a@b" from "Name <a@b>" (or the text itself when it has no <…>).
std::string address_of(const std::string& mailbox);

}  // namespace gatehouse::auth::email
