#include "shared/crypto/jwk.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/param_build.h>

#include "shared/crypto/digest.h"
#include "shared/crypto/encoding.h"
#include "shared/crypto/openssl_handles.h"

namespace gatehouse::crypto {
namespace {

using nlohmann::json;

struct ParamBldFree { void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); } };
struct ParamFree { void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); } };

// A base64url member of a JWK, decoded.
Result<std::string> member(const json& jwk, const char* name) {
  auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) {
    return fail(ErrorCode::kInvalidInput, std::string("JWK lacks the string member \"") + name + "\"");
  }
  auto bytes = base64url_decode(it->get_ref<const std::string&>());
  if (!bytes || bytes->empty()) {
    return fail(ErrorCode::kInvalidInput, std::string("JWK member \"") + name + "\" is not base64url");
  }
  return bytes;
}

Result<std::shared_ptr<EVP_PKEY>> from_params(const char* type, OSSL_PARAM_BLD* bld) {
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld));
  internal::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return fail(ErrorCode::kInvalidInput, "JWK does not describe a valid public key",
                internal::drain_openssl_errors());
  }
  internal::PkeyPtr key(raw);
  // EVP_PKEY_fromdata does not promise point validation; check explicitly so
  // an invalid-curve point never reaches ECDSA verification.
  internal::PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) {
    return fail(ErrorCode::kInvalidInput, "JWK public key fails validation",
                internal::drain_openssl_errors());
  }
  return internal::share(std::move(key));
}

Result<std::shared_ptr<EVP_PKEY>> rsa_from_jwk(const json& jwk) {
  GH_TRY(std::string n, member(jwk, "n"));
  GH_TRY(std::string e, member(jwk, "e"));
  auto to_bn = [](const std::string& s) {
    return internal::BnPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(s.data()),
                                     static_cast<int>(s.size()), nullptr));
  };
  internal::BnPtr bn_n = to_bn(n), bn_e = to_bn(e);
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld(OSSL_PARAM_BLD_new());
  if (!bn_n || !bn_e || !bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get())) {
    return fail(ErrorCode::kCrypto, "could not build an RSA key", internal::drain_openssl_errors());
  }
  return from_params("RSA", bld.get());
}

Result<std::shared_ptr<EVP_PKEY>> ec_from_jwk(const json& jwk, const std::string& crv) {
  std::size_t size = 0;
  const char* group = nullptr;
  if (crv == "P-256") {
    size = 32;
    group = "prime256v1";
  } else if (crv == "P-384") {
    size = 48;
    group = "secp384r1";
  } else {
    return fail(ErrorCode::kCrypto, "unsupported EC curve; use P-256 or P-384", crv);
  }
  GH_TRY(std::string x, member(jwk, "x"));
  GH_TRY(std::string y, member(jwk, "y"));
  if (x.size() != size || y.size() != size) {
    return fail(ErrorCode::kInvalidInput, "EC JWK coordinates have the wrong length (RFC 7518 6.2.1.2)");
  }
  std::string point = "\x04" + x + y;  // SEC1 uncompressed point
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld(OSSL_PARAM_BLD_new());
  if (!bld || !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) ||
      !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size())) {
    return fail(ErrorCode::kCrypto, "could not build an EC key", internal::drain_openssl_errors());
  }
  return from_params("EC", bld.get());
}

Result<std::string> string_member(const json& jwk, const char* name) {
  auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) {
    return fail(ErrorCode::kInvalidInput, std::string("JWK lacks the string member \"") + name + "\"");
  }
  return it->get<std::string>();
}

Result<std::string> bn_param(const EVP_PKEY* key, const char* name, int pad) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) {
    return fail(ErrorCode::kCrypto, "could not read a public key parameter", internal::drain_openssl_errors());
  }
  internal::BnPtr bn(raw);
  int len = pad > 0 ? pad : BN_num_bytes(bn.get());
  std::string out(static_cast<std::size_t>(len), '\0');
  if (BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(out.data()), len) < 0) {
    return fail(ErrorCode::kCrypto, "public key parameter too large");
  }
  return out;
}

}  // namespace

Result<VerificationKey> parse_public_jwk(const json& jwk) {
  if (!jwk.is_object()) return fail(ErrorCode::kInvalidInput, "a JWK must be a JSON object");
  if (auto use = jwk.find("use"); use != jwk.end() && *use != "sig") {
    return fail(ErrorCode::kInvalidInput, "JWK is not a signature key (\"use\" is not \"sig\")");
  }
  GH_TRY(std::string kty, string_member(jwk, "kty"));
  std::shared_ptr<EVP_PKEY> key;
  if (kty == "RSA") {
    GH_TRY(key, rsa_from_jwk(jwk));
  } else if (kty == "EC") {
    GH_TRY(std::string crv, string_member(jwk, "crv"));
    GH_TRY(key, ec_from_jwk(jwk, crv));
  } else {
    return fail(ErrorCode::kCrypto, "unsupported JWK key type; use RSA or EC", kty);
  }
  GH_TRY(KeyType type, key_type_of(key.get()));
  std::string kid;
  if (auto it = jwk.find("kid"); it != jwk.end() && it->is_string()) kid = it->get<std::string>();
  std::optional<JwsAlgorithm> alg;
  if (auto it = jwk.find("alg"); it != jwk.end()) {
    alg = it->is_string() ? parse_jws_algorithm(it->get_ref<const std::string&>()) : std::nullopt;
    if (!alg || !key_type_supports(type, *alg)) {
      return fail(ErrorCode::kInvalidInput, "JWK \"alg\" does not fit its key", it->dump());
    }
  }
  return VerificationKey(std::move(key), type, std::move(kid), alg);
}

Result<std::vector<VerificationKey>> parse_jwks(const json& jwks) {
  if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array()) {
    return fail(ErrorCode::kInvalidInput, "a JWK Set must be an object with a \"keys\" array");
  }
  std::vector<VerificationKey> keys;
  for (const auto& jwk : jwks["keys"]) {
    auto key = parse_public_jwk(jwk);
    if (key) keys.push_back(std::move(*key));
  }
  return keys;
}

Result<json> public_jwk_of(const EVP_PKEY* key, KeyType type) {
  if (type == KeyType::kRsa) {
    GH_TRY(std::string n, bn_param(key, OSSL_PKEY_PARAM_RSA_N, 0));
    GH_TRY(std::string e, bn_param(key, OSSL_PKEY_PARAM_RSA_E, 0));
    return json{{"kty", "RSA"}, {"n", base64url_encode(n)}, {"e", base64url_encode(e)}};
  }
  int size = type == KeyType::kEcP256 ? 32 : 48;
  GH_TRY(std::string x, bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, size));
  GH_TRY(std::string y, bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, size));
  return json{{"kty", "EC"},
              {"crv", type == KeyType::kEcP256 ? "P-256" : "P-384"},
              {"x", base64url_encode(x)},
              {"y", base64url_encode(y)}};
}

Result<std::string> rfc7638_thumbprint(const json& jwk) {
  if (!jwk.is_object()) return fail(ErrorCode::kInvalidInput, "a JWK must be a JSON object");
  GH_TRY(std::string kty, string_member(jwk, "kty"));
  const char* const* required = nullptr;
  static const char* const kRsa[] = {"e", "kty", "n", nullptr};
  static const char* const kEc[] = {"crv", "kty", "x", "y", nullptr};
  if (kty == "RSA") required = kRsa;
  else if (kty == "EC") required = kEc;
  else return fail(ErrorCode::kInvalidInput, "thumbprints are supported for RSA and EC keys only", kty);
  // nlohmann::json objects are std::map-backed, so dump() writes members in
  // lexicographic order without whitespace: exactly RFC 7638 §3.3's form
  // for these all-ASCII members.
  json canonical = json::object();
  for (const char* const* m = required; *m != nullptr; ++m) {
    GH_TRY(std::string value, string_member(jwk, *m));
    canonical[*m] = std::move(value);
  }
  return base64url_encode(sha256(canonical.dump()));
}

}  // namespace gatehouse::crypto
