#include "auth/upstream/id_token_check.h"

#include "shared/crypto/jws.h"

namespace gatehouse::auth::upstream {
namespace {

tl::unexpected<Error> refuse(std::string why) {
  return fail(ErrorCode::kUnauthorized, "the provider's ID token " + why);
}

bool audience_has(const nlohmann::json& aud, const std::string& client_id) {
  if (aud.is_string()) return aud == client_id;
  if (!aud.is_array()) return false;
  for (const auto& a : aud) {
    if (a.is_string() && a == client_id) return true;
  }
  return false;
}

}  // namespace

Result<nlohmann::json> check_id_token(std::string_view id_token,
                                      const std::vector<crypto::VerificationKey>& keys,
                                      const IdTokenExpectations& expected) {
  auto jws = crypto::verify_jws(id_token, keys, {expected.alg});
  if (!jws) return refuse("failed its signature check: " + jws.error().message);
  auto claims = nlohmann::json::parse(jws->payload, nullptr, /*allow_exceptions=*/false);
  if (!claims.is_object()) return refuse("is not a JSON object");
  const auto& iss = claims.value("iss", nlohmann::json());
  if (!iss.is_string() || iss != expected.issuer) {
    return refuse("was issued by " + (iss.is_string() ? iss.get<std::string>() : "nobody") +
                  ", not " + expected.issuer);
  }
  const auto& aud = claims.value("aud", nlohmann::json());
  if (!audience_has(aud, expected.client_id)) return refuse("is meant for another client");
  if (aud.is_array() && aud.size() > 1) {
    const auto& azp = claims.value("azp", nlohmann::json());
    if (!azp.is_string() || azp != expected.client_id) {
      return refuse("names several audiences but another authorized party");
    }
  }
  const auto& exp = claims.value("exp", nlohmann::json());
  if (!exp.is_number()) return refuse("has no exp");
  if (exp.get<double>() + static_cast<double>(expected.leeway_s) <= static_cast<double>(expected.now_s)) {
    return refuse("has expired");
  }
  const auto& iat = claims.value("iat", nlohmann::json());
  if (!iat.is_number()) return refuse("has no iat");
  if (iat.get<double>() > static_cast<double>(expected.now_s + expected.leeway_s)) {
    return refuse("was issued in the future");
  }
  const auto& nonce = claims.value("nonce", nlohmann::json());
  if (!nonce.is_string() || nonce != expected.nonce) {
    return refuse("does not carry the nonce of this sign-in");
  }
  const auto& sub = claims.value("sub", nlohmann::json());
  if (!sub.is_string() || sub.get<std::string>().empty()) return refuse("has no subject");
  return claims;
}

}  // namespace gatehouse::auth::upstream
