#include "auth/email/email_message.h"

#include <doctest/doctest.h>

#include "shared/crypto/encoding.h"

namespace gatehouse::auth::email {

TEST_CASE("an email renders as RFC 5322: headers, encoded non-ASCII subject, base64 body") {
  const EmailMessage m{"alice@example.org", "Réinitialiser", "Hello Ålice,\nhttps://x/recover/abc\n"};
  const Envelope e{"\"Example Chat\" <noreply@chat.example>", "help@chat.example", 1'700'000'000,
                   "abc123@chat.example"};
  const auto text = render_message(m, e);
  CHECK(text.find("From: \"Example Chat\" <noreply@chat.example>\r\n") == 0);
  CHECK(text.find("To: alice@example.org\r\n") != std::string::npos);
  CHECK(text.find("Reply-To: help@chat.example\r\n") != std::string::npos);
  CHECK(text.find("Subject: =?UTF-8?B?" + crypto::base64_encode("Réinitialiser") + "?=\r\n") !=
        std::string::npos);
  CHECK(text.find("Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n") != std::string::npos);
  CHECK(text.find("Message-ID: <abc123@chat.example>\r\n") != std::string::npos);
  CHECK(text.find("Content-Transfer-Encoding: base64\r\n\r\n" +
                  crypto::base64_encode(m.text) + "\r\n") != std::string::npos);
}

TEST_CASE("a newline in an address or subject cannot add a header") {
  const EmailMessage m{"a@x.org\r\nBcc: evil@x.org", "Hi\r\nBcc: evil@x.org", "t"};
  const auto text = render_message(m, {"a@b.c", "", 0, "id@b.c"});
  CHECK(text.find("\r\nBcc:") == std::string::npos);
  CHECK(address_of("\"Name\" <a@b.c>") == "a@b.c");
  CHECK(address_of("a@b.c") == "a@b.c");
}

}  // namespace gatehouse::auth::email
