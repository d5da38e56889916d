#include "shared/crypto/jws.h"

#include <algorithm>

#include "shared/crypto/constant_time.h"
#include "shared/crypto/encoding.h"
#include "shared/crypto/hmac.h"

namespace gatehouse::crypto {
namespace {

using nlohmann::json;

// A compact JWS split into its parts, header decoded.
struct ParsedJws {
  DecodedJws decoded;
  std::string_view signing_input;  // "<header>.<payload>" as received
  std::string signature;           // decoded signature bytes
};

Result<ParsedJws> parse(std::string_view token) {
  auto dot1 = token.find('.');
  auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return fail(ErrorCode::kInvalidInput, "a JWS must have exactly three parts");
  }
  auto header_bytes = base64url_decode(token.substr(0, dot1));
  auto payload = base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  auto signature = base64url_decode(token.substr(dot2 + 1));
  if (!header_bytes || !payload || !signature) {
    return fail(ErrorCode::kInvalidInput, "a JWS part is not base64url");
  }
  json header = json::parse(*header_bytes, nullptr, /*allow_exceptions=*/false);
  if (!header.is_object()) return fail(ErrorCode::kInvalidInput, "the JWS header is not a JSON object");
  auto alg_it = header.find("alg");
  if (alg_it == header.end() || !alg_it->is_string()) {
    return fail(ErrorCode::kInvalidInput, "the JWS header has no \"alg\"");
  }
  const auto& alg_name = alg_it->get_ref<const std::string&>();
  // RFC 8725 §3.1: never accept unsecured tokens.
  if (alg_name == "none") return fail(ErrorCode::kUnauthorized, "unsigned JWS (alg \"none\") are not accepted");
  auto alg = parse_jws_algorithm(alg_name);
  if (!alg) return fail(ErrorCode::kUnauthorized, "unsupported JWS algorithm", alg_name);
  if (header.contains("crit")) {
    return fail(ErrorCode::kUnauthorized, "JWS \"crit\" extensions are not supported");
  }
  return ParsedJws{DecodedJws{std::move(header), *alg, std::move(*payload)},
                   token.substr(0, dot2), std::move(*signature)};
}

Status check_allowed(JwsAlgorithm alg, const std::vector<JwsAlgorithm>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), alg) == allowed.end()) {
    return fail(ErrorCode::kUnauthorized, "JWS algorithm not allowed here", std::string(to_string(alg)));
  }
  return ok();
}

Result<json> build_header(const json& extra, JwsAlgorithm alg) {
  if (!extra.is_null() && !extra.is_object()) {
    return fail(ErrorCode::kInvalidInput, "JWS header fields must be a JSON object");
  }
  json header = extra.is_null() ? json::object() : extra;
  header["alg"] = std::string(to_string(alg));
  return header;
}

std::string signing_input(const json& header, std::string_view payload) {
  return base64url_encode(header.dump()) + "." + base64url_encode(payload);
}

std::string hmac_for(JwsAlgorithm alg, std::string_view secret, std::string_view input) {
  switch (alg) {
    case JwsAlgorithm::kHS384: return hmac_sha384(secret, input);
    case JwsAlgorithm::kHS512: return hmac_sha512(secret, input);
    default: return hmac_sha256(secret, input);
  }
}

const Error kBadSignature{ErrorCode::kUnauthorized, "JWS signature does not verify", {}};

}  // namespace

Result<std::string> sign_jws(const json& header_extra, std::string_view payload,
                             const SigningKey& key, JwsAlgorithm alg) {
  if (!key.supports(alg)) {
    return fail(ErrorCode::kInvalidInput, "this key cannot sign with the requested algorithm",
                std::string(to_string(alg)));
  }
  GH_TRY(json header, build_header(header_extra, alg));
  header["kid"] = key.kid();
  std::string input = signing_input(header, payload);
  GH_TRY(std::string signature, key.sign(alg, input));
  return input + "." + base64url_encode(signature);
}

Result<std::string> sign_jws_hmac(const json& header_extra, std::string_view payload,
                                  std::string_view secret, JwsAlgorithm alg) {
  if (!is_hmac(alg)) return fail(ErrorCode::kInvalidInput, "not an HMAC algorithm", std::string(to_string(alg)));
  GH_TRY(json header, build_header(header_extra, alg));
  std::string input = signing_input(header, payload);
  return input + "." + base64url_encode(hmac_for(alg, secret, input));
}

Result<DecodedJws> verify_jws(std::string_view token, const VerificationKey& key,
                              const std::vector<JwsAlgorithm>& allowed) {
  GH_TRY(ParsedJws jws, parse(token));
  GH_TRY_STATUS(check_allowed(jws.decoded.alg, allowed));
  if (!key.supports(jws.decoded.alg)) {
    return fail(ErrorCode::kUnauthorized, "the key does not fit the JWS algorithm",
                std::string(to_string(jws.decoded.alg)));
  }
  if (!key.verify(jws.decoded.alg, jws.signing_input, jws.signature)) return fail(kBadSignature);
  return std::move(jws.decoded);
}

Result<DecodedJws> verify_jws(std::string_view token, const std::vector<VerificationKey>& keys,
                              const std::vector<JwsAlgorithm>& allowed) {
  GH_TRY(ParsedJws jws, parse(token));
  GH_TRY_STATUS(check_allowed(jws.decoded.alg, allowed));
  const json& header = jws.decoded.header;
  auto kid_it = header.find("kid");
  bool by_kid = kid_it != header.end() && kid_it->is_string();
  bool any_candidate = false;
  for (const auto& key : keys) {
    if (by_kid && key.kid() != kid_it->get_ref<const std::string&>()) continue;
    if (!key.supports(jws.decoded.alg)) continue;
    any_candidate = true;
    if (key.verify(jws.decoded.alg, jws.signing_input, jws.signature)) return std::move(jws.decoded);
  }
  if (!any_candidate) {
    return fail(ErrorCode::kUnauthorized, "no key in the key set fits this JWS",
                by_kid ? "kid " + kid_it->get<std::string>() : std::string(to_string(jws.decoded.alg)));
  }
  return fail(kBadSignature);
}

Result<DecodedJws> verify_jws_hmac(std::string_view token, std::string_view secret,
                                   const std::vector<JwsAlgorithm>& allowed) {
  GH_TRY(ParsedJws jws, parse(token));
  GH_TRY_STATUS(check_allowed(jws.decoded.alg, allowed));
  if (!is_hmac(jws.decoded.alg)) {
    // Keeps a public-key algorithm from being checked as a MAC and vice versa
    // (the classic RS256/HS256 confusion).
    return fail(ErrorCode::kUnauthorized, "expected an HMAC-signed JWS",
                std::string(to_string(jws.decoded.alg)));
  }
  std::string expected = hmac_for(jws.decoded.alg, secret, jws.signing_input);
  if (!constant_time_equals(expected, jws.signature)) return fail(kBadSignature);
  return std::move(jws.decoded);
}

Result<DecodedJws> decode_jws_unverified(std::string_view token) {
  GH_TRY(ParsedJws jws, parse(token));
  return std::move(jws.decoded);
}

}  // namespace gatehouse::crypto
