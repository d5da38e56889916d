// PKCE (RFC 7636) for the authorization_code grant.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace gatehouse::crypto {

// BASE64URL(SHA256(ASCII(verifier))), RFC 7636 §4.2.
std::string pkce_s256_challenge(std::string_view verifier);

// Checks a code_verifier against the stored code_challenge (RFC 7636 §4.6).
// method is "S256" or "plain" (case-sensitive, as registered); any other
// method gives false. The verifier must be 43-128 characters of
// [A-Za-z0-9-._~] (§4.1), else false. The final comparison is constant time.
bool pkce_verify(std::string_view method, std::string_view verifier, std::string_view challenge);

}  // namespace gatehouse::crypto
