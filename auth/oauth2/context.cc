#include "auth/oauth2/context.h"

#include "auth/oauth2/discovery.h"
#include "shared/crypto/encoding.h"

namespace gatehouse::auth::oauth2 {
namespace {

// jwks_uri documents change rarely; a client rotating keys waits this long.
constexpr std::chrono::seconds kJwksCacheTtl{300};

Result<std::shared_ptr<const crypto::Keystore>> load_keystore(const config::SecretsConfig& secrets) {
  std::vector<crypto::SigningKey> keys;
  for (const auto& k : secrets.keys) {
    GH_TRY(auto key, crypto::SigningKey::from_pem(k.pem, k.password, k.kid));
    keys.push_back(std::move(key));
  }
  GH_TRY(auto store, crypto::Keystore::create(std::move(keys)));
  return std::make_shared<const crypto::Keystore>(std::move(store));
}

}  // namespace

std::string endpoint_url(const OAuth2Context& ctx, std::string_view path) {
  return ctx.public_base + std::string(path);
}

Result<std::shared_ptr<OAuth2Context>> make_oauth2_context(const config::Config& config,
                                                           std::shared_ptr<storage::Database> db,
                                                           std::shared_ptr<const Clock> clock) {
  auto ctx = std::make_shared<OAuth2Context>();
  ctx->db = std::move(db);
  ctx->clock = clock;
  GH_TRY(ctx->keystore, load_keystore(config.secrets));
  if (!config.secrets.encryption_key.empty()) {
    GH_TRY(auto e, crypto::Encrypter::from_hex(crypto::hex_encode(config.secrets.encryption_key)));
    ctx->encrypter = std::make_shared<const crypto::Encrypter>(std::move(e));
  }
  ctx->jwks_fetcher = std::make_shared<HttpJwksFetcher>(clock, kJwksCacheTtl);
  ctx->issuer = config.http.issuer;
  ctx->public_base = config.http.public_base;
  ctx->token_endpoint = endpoint_url(*ctx, "oauth2/token");
  ctx->matrix_secret = config.matrix.secret;
  ctx->access_token_ttl_s = config.experimental.access_token_ttl;
  ctx->oauth = config.oauth;
  ctx->password_registration_enabled = config.account.password_registration_enabled;
  ctx->openid_configuration = render_discovery_document(*ctx);
  ctx->oauth_metadata = ctx->openid_configuration;
  return ctx;
}

}  // namespace gatehouse::auth::oauth2
