#include "shared/config/clients.h"

#include "shared/ids/ulid.h"

namespace gatehouse::config {
namespace {

// The rules of MAS's ClientConfig::validate: what each method needs.
void validate(Section& item, const ClientConfig& c) {
  bool secret_method = c.client_auth_method == "client_secret_basic" ||
                       c.client_auth_method == "client_secret_post" ||
                       c.client_auth_method == "client_secret_jwt";
  bool has_secret = item.has("client_secret") || item.has("client_secret_file");
  bool has_keys = item.has("jwks") || item.has("jwks_uri");
  const std::string& method = c.client_auth_method;
  if (secret_method && !has_secret) {
    item.diag().error(item.path("client_secret"),
                      "required when client_auth_method is " + method +
                          " (client_secret or client_secret_file)");
  }
  if (!secret_method && has_secret) {
    item.diag().error(item.path("client_secret"),
                      "not allowed when client_auth_method is " + method);
  }
  if (item.has("jwks") && item.has("jwks_uri")) {
    item.diag().error(item.path("jwks"), "set either `jwks` or `jwks_uri`, not both");
  }
  if (method == "private_key_jwt" && !has_keys) {
    item.diag().error(item.path("jwks"),
                      "required when client_auth_method is private_key_jwt (jwks or jwks_uri)");
  }
  if (method != "private_key_jwt" && has_keys) {
    item.diag().error(item.path("jwks"), "only allowed when client_auth_method is private_key_jwt");
  }
}

}  // namespace

void decode_clients(Section& root, std::vector<ClientConfig>& out) {
  root.each("clients", [&](Section& item, std::size_t) {
    ClientConfig c;
    item.require("client_id", "a ULID, e.g. 01JQ0Z6QH3RA7V8XMEAC4DJWZK");
    if (item.get("client_id", c.client_id) && !ids::is_ulid(c.client_id)) {
      item.diag().error(item.path("client_id"),
                        "expected a ULID (26 characters of Crockford base32), got \"" +
                            c.client_id + "\"");
    }
    item.require("client_auth_method",
                 "none, client_secret_basic, client_secret_post, client_secret_jwt or "
                 "private_key_jwt");
    item.get_enum("client_auth_method", c.client_auth_method,
                  {"none", "client_secret_basic", "client_secret_post", "client_secret_jwt",
                   "private_key_jwt"});
    if (auto secret = item.secret("client_secret")) c.client_secret = *secret;
    if (const auto* jwks = item.raw("jwks")) {
      if (jwks->is_object() && jwks->contains("keys")) {
        c.jwks = *jwks;
      } else {
        item.diag().error(item.path("jwks"), "expected a JWK set ({keys: [...]}), got " +
                                                 describe(*jwks, false));
      }
    }
    item.get_url("jwks_uri", c.jwks_uri, /*trailing_slash=*/false);
    item.get("redirect_uris", c.redirect_uris);
    item.get("client_name", c.client_name);
    item.get_url("client_uri", c.client_uri, /*trailing_slash=*/false);
    if (!c.client_auth_method.empty()) validate(item, c);
    out.push_back(std::move(c));
  });
}

}  // namespace gatehouse::config
