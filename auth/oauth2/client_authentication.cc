#include "auth/oauth2/client_authentication.h"

#include <spdlog/spdlog.h>

#include "auth/oauth2/client_cache.h"
#include "shared/crypto/constant_time.h"
#include "shared/crypto/encoding.h"
#include "shared/crypto/jwk.h"
#include "shared/crypto/jws.h"
#include "shared/storage/oauth2_client_repository.h"
#include "shared/storage/oauth2_consent_repository.h"

namespace gatehouse::auth::oauth2 {
namespace {

using Kind = ClientCredentials::Kind;
constexpr std::int64_t kLeewayMs = 60'000;

// RFC 6749 §2.3.1: the Basic credentials are form-urlencoded before base64.
OAuthResult<ClientCredentials> parse_basic(std::string_view header) {
  auto decoded = crypto::base64_decode(header.substr(6));
  if (!decoded) return reject(OAuthError::invalid_client("malformed Basic credentials", true));
  const std::size_t colon = decoded->find(':');
  if (colon == std::string::npos) {
    return reject(OAuthError::invalid_client("malformed Basic credentials", true));
  }
  ClientCredentials c;
  c.kind = Kind::kBasic;
  c.client_id = httplib::detail::decode_url(decoded->substr(0, colon), true);
  c.secret = httplib::detail::decode_url(decoded->substr(colon + 1), true);
  return c;
}

bool method_matches(std::string_view method, Kind kind) {
  switch (kind) {
    case Kind::kNone: return method == "none";
    case Kind::kBasic: return method == "client_secret_basic";
    case Kind::kPost: return method == "client_secret_post";
    case Kind::kAssertion: return method == "client_secret_jwt" || method == "private_key_jwt";
  }
  return false;
}

OAuthError bad_client(const ClientCredentials& c, std::string description) {
  return OAuthError::invalid_client(std::move(description), c.kind == Kind::kBasic);
}

OAuthResult<std::string> client_secret(const storage::OAuth2Client& client,
                                       const ClientAuthContext& ctx) {
  if (!client.encrypted_client_secret || !ctx.encrypter) {
    return reject(OAuthError::server_error());
  }
  auto secret = ctx.clients ? ctx.clients->secret(client, *ctx.encrypter)
                            : ctx.encrypter->decrypt(*client.encrypted_client_secret);
  if (!secret) {
    spdlog::error("client {}: stored secret cannot be decrypted: {}", client.id,
               secret.error().describe());
    return reject(OAuthError::server_error());
  }
  return std::move(*secret);
}

// The verified JWS payload of a client assertion.
OAuthResult<nlohmann::json> verify_assertion(const storage::OAuth2Client& client,
                                             const ClientCredentials& c,
                                             const ClientAuthContext& ctx) {
  Result<crypto::DecodedJws> jws = fail(ErrorCode::kUnauthorized, "");
  if (client.client_auth_method == "client_secret_jwt") {
    auto secret = client_secret(client, ctx);
    if (!secret) return reject(secret.error());
    jws = crypto::verify_jws_hmac(c.assertion, *secret,
                                  {crypto::JwsAlgorithm::kHS256, crypto::JwsAlgorithm::kHS384,
                                   crypto::JwsAlgorithm::kHS512});
  } else {
    nlohmann::json jwks;
    if (client.jwks) {
      jwks = nlohmann::json::parse(*client.jwks, nullptr, false);
    } else if (client.jwks_uri && ctx.jwks_fetcher) {
      auto fetched = ctx.jwks_fetcher->fetch(*client.jwks_uri);
      if (!fetched) return reject(bad_client(c, "the client's jwks_uri cannot be fetched"));
      jwks = std::move(*fetched);
    }
    auto keys = crypto::parse_jwks(jwks);
    if (!keys) return reject(bad_client(c, "the client has no usable keys"));
    std::vector<crypto::JwsAlgorithm> allowed;
    for (auto alg : crypto::all_jws_algorithms()) {
      if (!crypto::is_hmac(alg)) allowed.push_back(alg);
    }
    jws = crypto::verify_jws(c.assertion, *keys, allowed);
  }
  if (!jws) return reject(bad_client(c, "client assertion signature is invalid"));
  auto claims = nlohmann::json::parse(jws->payload, nullptr, false);
  if (!claims.is_object()) return reject(bad_client(c, "client assertion is not a JWT"));
  return claims;
}

bool audience_ok(const nlohmann::json& aud, const std::vector<std::string>& audiences) {
  auto one = [&](const nlohmann::json& v) {
    if (!v.is_string()) return false;
    for (const auto& a : audiences) {
      if (v.get<std::string>() == a) return true;
    }
    return false;
  };
  if (aud.is_array()) {
    for (const auto& v : aud) {
      if (one(v)) return true;
    }
    return false;
  }
  return one(aud);
}

}  // namespace

OAuthResult<ClientCredentials> extract_client_credentials(std::string_view authorization,
                                                          const Form& form) {
  const auto form_id = form.get("client_id");
  const auto form_secret = form.get("client_secret");
  const auto assertion = form.get("client_assertion");
  int methods = 0;
  ClientCredentials c;
  if (authorization.size() > 6 && authorization.substr(0, 6) == "Basic ") {
    auto basic = parse_basic(authorization);
    if (!basic) return basic;
    c = std::move(*basic);
    ++methods;
  }
  if (form_secret) {
    ++methods;
    c.kind = Kind::kPost;
    c.secret = std::string(*form_secret);
  }
  if (assertion) {
    ++methods;
    if (form.get("client_assertion_type") != kJwtBearerAssertionType) {
      return reject(OAuthError::invalid_request("unsupported client_assertion_type"));
    }
    c.kind = Kind::kAssertion;
    c.assertion = std::string(*assertion);
    // RFC 7523 §3: the client is the assertion's `sub` (= `iss`).
    auto unverified = crypto::decode_jws_unverified(*assertion);
    if (!unverified) return reject(OAuthError::invalid_client("malformed client assertion"));
    auto claims = nlohmann::json::parse(unverified->payload, nullptr, false);
    if (!claims.is_object() || !claims.contains("sub") || !claims["sub"].is_string()) {
      return reject(OAuthError::invalid_client("client assertion has no sub"));
    }
    c.client_id = claims["sub"].get<std::string>();
  }
  if (methods > 1) {
    return reject(OAuthError::invalid_request("more than one client authentication method"));
  }
  if (methods == 0) {
    if (!form_id) return reject(OAuthError::invalid_client("client authentication required"));
    c.kind = Kind::kNone;
    c.client_id = std::string(*form_id);
    return c;
  }
  if (c.kind == Kind::kPost) {
    if (!form_id) return reject(OAuthError::invalid_request("client_id is required"));
    c.client_id = std::string(*form_id);
  } else if (form_id && *form_id != c.client_id) {
    return reject(OAuthError::invalid_request("client_id does not match the credentials"));
  }
  return c;
}

OAuthResult<AssertionClaims> check_assertion_claims(const nlohmann::json& claims,
                                                    std::string_view client_id,
                                                    const std::vector<std::string>& audiences,
                                                    std::int64_t now_ms) {
  auto text = [&](const char* name) -> std::string {
    auto it = claims.find(name);
    return it != claims.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto bad = [](std::string why) { return reject(OAuthError::invalid_client(std::move(why))); };
  if (text("iss") != client_id || text("sub") != client_id) {
    return bad("client assertion iss and sub must be the client_id");
  }
  if (!claims.contains("aud") || !audience_ok(claims["aud"], audiences)) {
    return bad("client assertion aud must be the token endpoint or the issuer");
  }
  auto exp = claims.find("exp");
  if (exp == claims.end() || !exp->is_number()) return bad("client assertion has no exp");
  const std::int64_t exp_ms = static_cast<std::int64_t>(exp->get<double>() * 1000);
  if (exp_ms + kLeewayMs <= now_ms) return bad("client assertion has expired");
  auto nbf = claims.find("nbf");
  if (nbf != claims.end() && nbf->is_number() &&
      static_cast<std::int64_t>(nbf->get<double>() * 1000) > now_ms + kLeewayMs) {
    return bad("client assertion is not valid yet");
  }
  AssertionClaims out{text("jti"), exp_ms + kLeewayMs};
  if (out.jti.empty()) return bad("client assertion has no jti");
  return out;
}

namespace {

// Checks what the request presents against `client`; writes nothing. For an
// assertion, returns its claims (the caller records the jti).
OAuthResult<std::optional<AssertionClaims>> check_credentials(const storage::OAuth2Client& client,
                                                              const ClientCredentials& c,
                                                              const ClientAuthContext& ctx) {
  if (!method_matches(client.client_auth_method, c.kind)) {
    return reject(bad_client(c, "the client must authenticate with " + client.client_auth_method));
  }
  switch (c.kind) {
    case Kind::kNone:
      return std::optional<AssertionClaims>();
    case Kind::kBasic:
    case Kind::kPost: {
      auto secret = client_secret(client, ctx);
      if (!secret) return reject(secret.error());
      if (!crypto::constant_time_equals(*secret, c.secret)) {
        return reject(bad_client(c, "wrong client secret"));
      }
      return std::optional<AssertionClaims>();
    }
    case Kind::kAssertion:
      break;
  }
  auto claims = verify_assertion(client, c, ctx);
  if (!claims) return reject(claims.error());
  auto checked = check_assertion_claims(*claims, client.id, ctx.audiences, ctx.now_ms);
  if (!checked) return reject(checked.error());
  return std::optional<AssertionClaims>(std::move(*checked));
}

}  // namespace

OAuthResult<storage::OAuth2Client> authenticate_client(storage::Transaction& tx,
                                                       const ClientCredentials& c,
                                                       const ClientAuthContext& ctx) {
  auto lookup = [&](bool fresh) -> OAuthResult<storage::OAuth2Client> {
    auto found = ctx.clients ? ctx.clients->find(tx, c.client_id, ctx.now_ms, fresh)
                             : storage::oauth2_clients::find(tx, c.client_id);
    if (!found) return reject(OAuthError::server_error());
    if (!*found) return reject(bad_client(c, "unknown client"));
    return std::move(**found);
  };
  auto client = lookup(/*fresh=*/false);
  if (!client) return reject(client.error());
  auto checked = check_credentials(*client, c, ctx);
  if (!checked && ctx.clients && checked.error().status < 500) {
    // A remembered client may predate a change (a rotated secret or key, a
    // new auth method): read it again before refusing.
    client = lookup(/*fresh=*/true);
    if (!client) return reject(client.error());
    checked = check_credentials(*client, c, ctx);
  }
  if (!checked) return reject(checked.error());
  if (*checked) {
    // RFC 7523 §3 item 7: a jti may be used once (until the assertion expires).
    auto fresh = storage::oauth2_client_assertions::remember(tx, client->id, (*checked)->jti,
                                                             (*checked)->expires_at_ms, ctx.now_ms);
    if (!fresh) return reject(OAuthError::server_error());
    if (!*fresh) return reject(bad_client(c, "client assertion was already used"));
  }
  return client;
}

}  // namespace gatehouse::auth::oauth2
