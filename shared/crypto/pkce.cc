#include "shared/crypto/pkce.h"

#include "shared/crypto/constant_time.h"
#include "shared/crypto/digest.h"
#include "shared/crypto/encoding.h"

namespace gatehouse::crypto {
namespace {

// RFC 7636 §4.1: code-verifier = 43*128unreserved.
bool valid_verifier(std::string_view v) {
  if (v.size() < 43 || v.size() > 128) return false;
  for (char c : v) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (!unreserved) return false;
  }
  return true;
}

}  // namespace

std::string pkce_s256_challenge(std::string_view verifier) {
  return base64url_encode(sha256(verifier));
}

bool pkce_verify(std::string_view method, std::string_view verifier, std::string_view challenge) {
  if (!valid_verifier(verifier)) return false;
  if (method == "S256") return constant_time_equals(pkce_s256_challenge(verifier), challenge);
  if (method == "plain") return constant_time_equals(verifier, challenge);
  return false;
}

}  // namespace gatehouse::crypto
