#include "shared/config/secrets.h"

#include "shared/crypto/encoding.h"

namespace gatehouse::config {

void decode(Section& s, SecretsConfig& out) {
  if (auto hex = s.secret("encryption")) {
    std::string key = s.has("encryption") ? "encryption" : "encryption_file";
    auto bytes = crypto::hex_decode(*hex);
    if (hex->size() != 64 || !bytes) {
      // The length is not secret; the value is never shown.
      s.diag().error(s.path(key), "expected 64 hex characters (32 bytes), got " +
                                      std::to_string(hex->size()) + " characters" +
                                      (bytes ? "" : " that are not all hex"));
    } else {
      out.encryption_key = *bytes;
    }
  } else if (!s.has("encryption_file")) {
    s.require("encryption", "64 hex characters; `openssl rand -hex 32` makes one");
  }

  s.unsupported("keys_dir");
  s.each("keys", [&](Section& item, std::size_t) {
    SigningKeyConfig key;
    item.get("kid", key.kid);
    // A PEM's final newline is part of the format, so key files are kept whole.
    if (auto pem = item.secret("key", /*keep_newlines=*/true)) {
      key.pem = *pem;
    } else if (!item.has("key_file")) {
      item.require("key", "a PEM private key, inline or as key_file");
    }
    if (auto password = item.secret("password")) key.password = *password;
    // Kept even when unusable, so keys[i] in later messages is the file's i-th.
    out.keys.push_back(std::move(key));
  });
  if (!s.has("keys") && !s.has("keys_dir")) {
    s.require("keys", "at least one signing key, and one of them RSA");
  }
}

}  // namespace gatehouse::config
