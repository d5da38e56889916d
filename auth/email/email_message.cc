#include "auth/email/email_message.h"

#include <ctime>

#include "shared/crypto/encoding.h"

namespace gatehouse::auth::email {
namespace {

bool is_ascii(const std::string& text) {
  for (unsigned char c : text) {
    if (c >= 0x80 || c == '\r' || c == '\n') return false;
  }
  return true;
}

// RFC 2047 encoded-word when needed; header injection is impossible either
// way (CR and LF never reach a header unencoded).
std::string header_text(const std::string& text) {
  if (is_ascii(text)) return text;
  return "=?UTF-8?B?" + crypto::base64_encode(text) + "?=";
}

std::string rfc5322_date(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buffer;
}

// Base64 in lines of 76 characters (RFC 2045 §6.8).
std::string wrapped_base64(const std::string& bytes) {
  const std::string encoded = crypto::base64_encode(bytes);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return text;
}

}  // namespace

std::string address_of(const std::string& mailbox) {
  const auto open = mailbox.rfind('<');
  const auto close = mailbox.rfind('>');
  if (open != std::string::npos && close != std::string::npos && close > open) {
    return mailbox.substr(open + 1, close - open - 1);
  }
  return mailbox;
}

std::string render_message(const EmailMessage& message, const Envelope& envelope) {
  std::string out;
  out += "From: " + one_line(envelope.from) + "\r\n";
  out += "To: " + one_line(message.to) + "\r\n";
  if (!envelope.reply_to.empty()) out += "Reply-To: " + one_line(envelope.reply_to) + "\r\n";
  out += "Subject: " + header_text(message.subject) + "\r\n";
  out += "Date: " + rfc5322_date(envelope.date_s) + "\r\n";
  out += "Message-ID: <" + one_line(envelope.message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  out += wrapped_base64(message.text);
  return out;
}

}  // namespace gatehouse::auth::email
