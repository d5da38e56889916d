// The token endpoint driven without HTTP: fulfilled grants inserted through
// the repositories (as the browser half does after login and consent), then
// exchanged; refresh rotation and recovery; client_credentials; device code.
#include "auth/oauth2/token_endpoint.h"

#include "auth/oauth2/introspection.h"

#include "auth/oauth2/test_support.h"
#include "auth/homeserver_client/fake_homeserver_client.h"
#include "shared/storage/queue_job_repository.h"
#include "shared/crypto/pkce.h"
#include "shared/crypto/random.h"
#include "shared/ids/token.h"
#include "shared/storage/oauth2_authorization_grant_repository.h"
#include "shared/storage/oauth2_device_code_grant_repository.h"
#include "shared/storage/oauth2_session_repository.h"
#include "shared/storage/oauth2_token_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::oauth2 {
namespace {

constexpr const char* kPublic = "01HCL1ENT0000000000000000P";
constexpr const char* kUser = "01HUSER0000000000000000000";
constexpr const char* kBrowser = "01HUSERSESS000000000000000";
const std::string kVerifier(50, 'v');

struct CodeFixture : testing::Fixture {
  CodeFixture() {
    add_client(kPublic, "none");
    exec("INSERT INTO users (id, username, created_at) VALUES ($1, 'alice', 1)", {kUser});
    exec("INSERT INTO user_sessions (id, user_id, created_at) VALUES ($1, $2, 1)", {kBrowser, kUser});
  }

  // A grant fulfilled for a new session; returns the code.
  std::string fulfilled_grant(std::string scope = "openid urn:matrix:client:api:*") {
    auto tx = ctx->db->begin();
    REQUIRE(tx);
    storage::OAuth2Session s;
    s.id = ctx->new_id();
    s.client_id = kPublic;
    s.user_id = kUser;
    s.user_session_id = kBrowser;
    s.scope = scope;
    s.created_at = clock->unix_millis();
    REQUIRE(storage::oauth2_sessions::add(**tx, s));
    storage::OAuth2AuthorizationGrant g;
    g.id = ctx->new_id();
    g.client_id = kPublic;
    g.redirect_uri = "https://app.example/cb";
    g.scope = scope;
    g.nonce = "nonce-1";
    g.code_challenge = crypto::pkce_s256_challenge(kVerifier);
    g.code_challenge_method = "S256";
    g.response_mode = "fragment";
    g.created_at = clock->unix_millis();
    REQUIRE(storage::oauth2_authorization_grants::add(**tx, g));
    const std::string code = crypto::random_alnum(32);
    REQUIRE(*storage::oauth2_authorization_grants::fulfill(
        **tx, g.id, {s.id, kBrowser, clock->unix_millis(), ids::token_fingerprint(code)},
        clock->unix_millis()));
    REQUIRE((*tx)->commit());
    session_id = s.id;
    return code;
  }

  OAuthResult<TokenResponse> token(const std::string& body) {
    auto form = parse_form(body);
    REQUIRE(form);
    return handle_token_request(*ctx, "", *form);
  }

  OAuthResult<TokenResponse> exchange(const std::string& code, const std::string& verifier = kVerifier,
                                      const std::string& redirect = "https%3A%2F%2Fapp.example%2Fcb") {
    return token("grant_type=authorization_code&client_id=" + std::string(kPublic) + "&code=" + code +
                 "&redirect_uri=" + redirect + "&code_verifier=" + verifier);
  }

  OAuthResult<TokenResponse> refresh(const std::string& refresh_token) {
    return token("grant_type=refresh_token&client_id=" + std::string(kPublic) +
                 "&refresh_token=" + refresh_token);
  }

  storage::OAuth2Session session() {
    auto tx = ctx->db->begin(storage::TxMode::kRead);
    auto s = storage::oauth2_sessions::find(**tx, session_id);
    REQUIRE(s);
    REQUIRE(s->has_value());
    return **s;
  }

  void mark_used(const std::string& access_token) {
    auto tx = ctx->db->begin();
    auto t = storage::oauth2_access_tokens::find_by_fingerprint(**tx, ids::token_fingerprint(access_token));
    REQUIRE(*storage::oauth2_access_tokens::mark_used(**tx, (*t)->id, clock->unix_millis()));
    REQUIRE((*tx)->commit());
  }

  // A pending device authorization of the public client for `scope`;
  // returns the grant (device_code in `device_code`).
  storage::OAuth2DeviceCodeGrant device_grant(const std::string& scope, const std::string& user_code) {
    device_code = crypto::random_alnum(32);
    storage::OAuth2DeviceCodeGrant g;
    g.id = ctx->new_id();
    g.client_id = kPublic;
    g.scope = scope;
    g.device_code_fingerprint = ids::token_fingerprint(device_code);
    g.user_code = user_code;
    g.created_at = clock->unix_millis();
    g.expires_at = g.created_at + 1'200'000;
    auto tx = ctx->db->begin();
    REQUIRE(storage::oauth2_device_code_grants::add(**tx, g));
    REQUIRE((*tx)->commit());
    return g;
  }

  // The token request polling `device_code`.
  std::string device_poll() const {
    return "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=" +
           std::string(kPublic) + "&device_code=" + device_code;
  }

  std::string session_id;
  std::string device_code;
};

}  // namespace

TEST_CASE("token: authorization_code exchange returns tokens, a refresh token and an id_token") {
  CodeFixture f;
  auto r = f.exchange(f.fulfilled_grant());
  REQUIRE(r);
  CHECK(ids::check_token(r->access_token) == ids::TokenType::kAccessToken);
  REQUIRE(r->refresh_token);
  CHECK(r->expires_in == 300);
  CHECK(r->scope == "openid urn:matrix:client:api:*");
  REQUIRE(r->id_token);
  auto json = nlohmann::json::parse(to_json_text(*r));
  CHECK(json["token_type"] == "Bearer");
  CHECK(json["access_token"] == r->access_token);
  CHECK(json["refresh_token"] == *r->refresh_token);
  CHECK(json["id_token"] == *r->id_token);
  CHECK(json["expires_in"] == 300);
  CHECK(json["scope"] == r->scope);
}

TEST_CASE("token: no openid, no id_token (matrix-js-sdk 43)") {
  CodeFixture f;
  auto r = f.exchange(f.fulfilled_grant("urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ"));
  REQUIRE(r);
  CHECK(!r->id_token);
  CHECK(r->refresh_token);
}

TEST_CASE("token: wrong PKCE verifier is invalid_grant and the code stays usable") {
  CodeFixture f;
  const auto code = f.fulfilled_grant();
  auto wrong = f.exchange(code, std::string(50, 'w'));
  REQUIRE(!wrong);
  CHECK(wrong.error().error == "invalid_grant");
  CHECK(f.exchange(code));
}

TEST_CASE("token: redirect_uri mismatch is invalid_grant") {
  CodeFixture f;
  const auto code = f.fulfilled_grant();
  auto r = f.exchange(code, kVerifier, "https%3A%2F%2Fapp.example%2Fother");
  REQUIRE(!r);
  CHECK(r.error().error == "invalid_grant");
  CHECK(r.error().description.find("redirect_uri") != std::string::npos);
}

TEST_CASE("token: a replayed code is invalid_grant and finishes the session") {
  CodeFixture f;
  const auto code = f.fulfilled_grant();
  auto first = f.exchange(code);
  REQUIRE(first);
  CHECK(!f.session().is_finished());
  auto again = f.exchange(code);
  REQUIRE(!again);
  CHECK(again.error().error == "invalid_grant");
  CHECK(f.session().is_finished());
  // The tokens of the first exchange are dead with it.
  auto r = f.refresh(*first->refresh_token);
  REQUIRE(!r);
  CHECK(r.error().error == "invalid_grant");
}

TEST_CASE("token: the session's device exists on the homeserver before the answer") {
  CodeFixture f;
  auto hs = std::make_shared<homeserver_client::FakeHomeserverClient>();
  f.ctx->homeserver = hs;
  REQUIRE(hs->provision_user({.localpart = "alice"}));
  auto tokens = f.exchange(f.fulfilled_grant("urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ"));
  REQUIRE(tokens);
  CHECK(hs->user("alice")->devices.count("ABCDEFGHIJ") == 1);
  CHECK(!f.session().is_finished());
}

TEST_CASE("token: a homeserver that cannot take the device fails the exchange and ends the session") {
  CodeFixture f;
  auto hs = std::make_shared<homeserver_client::FakeHomeserverClient>();
  f.ctx->homeserver = hs;
  REQUIRE(hs->provision_user({.localpart = "alice"}));
  hs->set_failure(Error{ErrorCode::kUnavailable, "the homeserver is down", {}});
  const auto code = f.fulfilled_grant("urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ");
  auto tokens = f.exchange(code);
  REQUIRE(!tokens);
  CHECK(tokens.error().status == 503);
  CHECK(tokens.error().error == "temporarily_unavailable");
  CHECK(f.session().is_finished());
  auto tx = f.ctx->db->begin(storage::TxMode::kRead);
  REQUIRE(tx);
  auto jobs = storage::queue_jobs::list(**tx, "sync-devices");
  REQUIRE(jobs);
  CHECK(jobs->size() == 1);  // the fallback that removes what was half-made
  hs->set_failure(std::nullopt);
  CHECK(!f.exchange(code));  // the code is spent; the client starts a new login
  CHECK(hs->user("alice")->devices.empty());
}

TEST_CASE("token: an expired code and an unknown code are invalid_grant") {
  CodeFixture f;
  const auto code = f.fulfilled_grant();
  f.clock->advance(std::chrono::minutes(11));
  CHECK(f.exchange(code).error().error == "invalid_grant");
  CHECK(f.exchange("nope").error().error == "invalid_grant");
}

TEST_CASE("token: refresh rotates; reuse is refused unless the response was lost") {
  CodeFixture f;
  auto first = f.exchange(f.fulfilled_grant());
  REQUIRE(first);
  auto second = f.refresh(*first->refresh_token);
  REQUIRE(second);
  CHECK(*second->refresh_token != *first->refresh_token);
  CHECK(!second->id_token);

  // Lost response: the client retries with the old token; the unused pair
  // is replaced by a fresh one.
  auto recovered = f.refresh(*first->refresh_token);
  REQUIRE(recovered);
  CHECK(!f.refresh(*second->refresh_token));  // replaced pair is revoked

  // Once the new access token was used, the old token is dead for good.
  f.mark_used(recovered->access_token);
  auto reuse = f.refresh(*first->refresh_token);
  REQUIRE(!reuse);
  CHECK(reuse.error().error == "invalid_grant");
  CHECK(!f.session().is_finished());  // as MAS: the session stays
  CHECK(f.refresh(*recovered->refresh_token));
}

TEST_CASE("token: refresh with a wider scope is invalid_scope; another client is invalid_grant") {
  CodeFixture f;
  auto first = f.exchange(f.fulfilled_grant());
  REQUIRE(first);
  auto wider = f.token("grant_type=refresh_token&client_id=" + std::string(kPublic) +
                       "&refresh_token=" + *first->refresh_token + "&scope=email");
  REQUIRE(!wider);
  CHECK(wider.error().error == "invalid_scope");
  f.add_client("01HCL1ENT0000000000000000Q", "none");
  auto other = f.token("grant_type=refresh_token&client_id=01HCL1ENT0000000000000000Q&refresh_token=" +
                       *first->refresh_token);
  REQUIRE(!other);
  CHECK(other.error().error == "invalid_grant");
}

TEST_CASE("token: client_credentials needs a confidential client; grant types are enforced") {
  CodeFixture f;
  f.add_client("01HCL1ENT0000000000000000S", "client_secret_post", "s3cret");
  auto ok = f.token("grant_type=client_credentials&client_id=01HCL1ENT0000000000000000S&client_secret=s3cret");
  REQUIRE(ok);
  CHECK(!ok->refresh_token);
  CHECK(ok->scope.empty());
  auto pub = f.token(std::string("grant_type=client_credentials&client_id=") + kPublic);
  REQUIRE(!pub);
  CHECK(pub.error().error == "unauthorized_client");
  auto api = f.token("grant_type=client_credentials&client_id=01HCL1ENT0000000000000000S"
                     "&client_secret=s3cret&scope=urn%3Amatrix%3Aclient%3Aapi%3A*");
  REQUIRE(!api);
  CHECK(api.error().error == "invalid_scope");
  CHECK(f.token("grant_type=password&client_id=x").error().error == "unsupported_grant_type");
  CHECK(f.token("client_id=x").error().error == "invalid_request");
}

TEST_CASE("token: device code pending (400), slow_down, approved, exchanged once, expired") {
  CodeFixture f;
  const auto g = f.device_grant("openid urn:matrix:client:api:*", "ABC123");
  const std::string body = f.device_poll();
  auto pending = f.token(body);
  REQUIRE(!pending);
  CHECK(pending.error().error == "authorization_pending");
  CHECK(pending.error().status == 400);
  f.clock->advance(std::chrono::seconds(1));
  CHECK(f.token(body).error().error == "slow_down");
  f.clock->advance(std::chrono::seconds(6));
  CHECK(f.token(body).error().error == "authorization_pending");

  f.fulfilled_grant();  // creates a session for the approval
  {
    auto tx = f.ctx->db->begin();
    REQUIRE(*storage::oauth2_device_code_grants::fulfill(**tx, g.id, f.session_id, kBrowser,
                                                         f.clock->unix_millis()));
    REQUIRE((*tx)->commit());
  }
  auto r = f.token(body);
  REQUIRE(r);
  CHECK(r->refresh_token);
  CHECK(r->id_token);
  CHECK(f.token(body).error().error == "invalid_grant");
  f.clock->advance(std::chrono::minutes(30));
  CHECK(f.token(body).error().error == "invalid_grant");
}

TEST_CASE("introspection: MAS's fields for a user token, device_id on request, locked users") {
  CodeFixture f;
  auto r = f.exchange(f.fulfilled_grant("urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ"));
  REQUIRE(r);
  auto ask = [&](const std::string& token, bool device_header, std::string auth = "Bearer homeserver-shared-secret") {
    auto form = parse_form("token=" + token);
    REQUIRE(form);
    auto out = handle_introspection(*f.ctx, auth, *form, device_header);
    return out ? OAuthResult<nlohmann::json>(nlohmann::json::parse(*out)) : reject(out.error());
  };
  auto plain = ask(r->access_token, false);
  REQUIRE(plain);
  std::vector<std::string> keys;
  for (auto it = plain->begin(); it != plain->end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"active", "client_id", "exp", "expires_in", "iat", "jti",
                                         "nbf", "scope", "sub", "token_type", "username"});
  CHECK((*plain)["username"] == "alice");
  CHECK((*plain)["sub"] == kUser);
  CHECK((*plain)["scope"] ==
        "urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ "
        "urn:matrix:org.matrix.msc2967.client:api:* "
        "urn:matrix:org.matrix.msc2967.client:device:ABCDEFGHIJ");
  auto with_device = ask(r->access_token, true);
  REQUIRE(with_device);
  CHECK((*with_device)["device_id"] == "ABCDEFGHIJ");
  auto refresh = ask(*r->refresh_token, false);
  REQUIRE(refresh);
  CHECK((*refresh)["token_type"] == "refresh_token");
  CHECK(!refresh->contains("exp"));
  CHECK(ask(r->access_token, false, "Bearer wrong").error().status == 401);
  // First use is recorded: the lost-response recovery no longer applies.
  {
    auto tx = f.ctx->db->begin(storage::TxMode::kRead);
    auto t = storage::oauth2_access_tokens::find_by_fingerprint(**tx, ids::token_fingerprint(r->access_token));
    CHECK((*t)->first_used_at);
  }
  f.exec("UPDATE users SET locked_at = 5 WHERE id = $1", {kUser});
  CHECK(*ask(r->access_token, false) == nlohmann::json{{"active", false}});
  f.exec("UPDATE users SET locked_at = NULL WHERE id = $1", {kUser});
  CHECK((*ask(r->access_token, false))["active"] == true);
  f.clock->advance(std::chrono::seconds(301));
  CHECK(*ask(r->access_token, false) == nlohmann::json{{"active", false}});
}

TEST_CASE("token: a narrower scope on refresh narrows the new access token, not the session") {
  CodeFixture f;
  auto first = f.exchange(f.fulfilled_grant("openid email urn:matrix:client:api:*"));
  REQUIRE(first);
  auto refresh_with = [&](const std::string& refresh_token, const std::string& scope) {
    return f.token("grant_type=refresh_token&client_id=" + std::string(kPublic) +
                   "&refresh_token=" + refresh_token + "&scope=" + scope);
  };
  auto narrow = refresh_with(*first->refresh_token, "openid%20urn%3Amatrix%3Aclient%3Aapi%3A*");
  REQUIRE(narrow);
  CHECK(narrow->scope == "openid urn:matrix:client:api:*");
  auto introspect = [&](const std::string& token) {
    auto form = parse_form("token=" + token);
    REQUIRE(form);
    auto out = handle_introspection(*f.ctx, "Bearer homeserver-shared-secret", *form, false);
    REQUIRE(out);
    return nlohmann::json::parse(*out);
  };
  CHECK(introspect(narrow->access_token)["scope"] ==
        "openid urn:matrix:client:api:* urn:matrix:org.matrix.msc2967.client:api:*");
  CHECK(f.session().scope == "openid email urn:matrix:client:api:*");
  // No scope: the original grant again (RFC 6749 §6), still no wider.
  auto whole = f.refresh(*narrow->refresh_token);
  REQUIRE(whole);
  CHECK(whole->scope == "openid email urn:matrix:client:api:*");
  CHECK(introspect(whole->access_token)["scope"] ==
        "openid email urn:matrix:client:api:* urn:matrix:org.matrix.msc2967.client:api:*");
  auto wider = refresh_with(*whole->refresh_token, "openid%20urn%3Amas%3Agraphql%3A*");
  REQUIRE(!wider);
  CHECK(wider.error().error == "invalid_scope");
  CHECK(f.refresh(*whole->refresh_token));  // a refused refresh changed nothing
}

TEST_CASE("token: admin scopes are checked again at refresh and at device-code exchange") {
  CodeFixture f;
  auto set_admin = [&](bool admin) {
    auto tx = f.ctx->db->begin();
    REQUIRE(*storage::users::set_can_request_admin(**tx, kUser, admin));
    REQUIRE((*tx)->commit());
  };
  set_admin(true);
  auto first = f.exchange(f.fulfilled_grant("urn:matrix:client:api:* urn:synapse:admin:*"));
  REQUIRE(first);
  auto second = f.refresh(*first->refresh_token);
  REQUIRE(second);
  set_admin(false);
  auto refused = f.refresh(*second->refresh_token);
  REQUIRE(!refused);
  CHECK(refused.error().error == "invalid_scope");
  set_admin(true);
  CHECK(f.refresh(*second->refresh_token));  // the refused attempt used nothing up

  // A device grant approved while the user was an admin, exchanged after.
  const auto g = f.device_grant("urn:matrix:client:api:* urn:mas:admin", "ADM123");
  f.fulfilled_grant(g.scope);
  {
    auto tx = f.ctx->db->begin();
    REQUIRE(*storage::oauth2_device_code_grants::fulfill(**tx, g.id, f.session_id, kBrowser,
                                                         f.clock->unix_millis()));
    REQUIRE((*tx)->commit());
  }
  set_admin(false);
  const std::string body = f.device_poll();
  auto device = f.token(body);
  REQUIRE(!device);
  CHECK(device.error().error == "invalid_scope");
  set_admin(true);
  CHECK(f.token(body));
}

}  // namespace gatehouse::auth::oauth2
