#include "shared/config/upstream_oauth2.h"

#include "shared/ids/ulid.h"

namespace gatehouse::config {
namespace {

const std::vector<std::string> kAuthMethods = {"none", "client_secret_basic", "client_secret_post",
                                               "client_secret_jwt", "private_key_jwt"};

ImportAction parse_action(const std::string& text) {
  if (text == "suggest") return ImportAction::kSuggest;
  if (text == "force") return ImportAction::kForce;
  if (text == "require") return ImportAction::kRequire;
  return ImportAction::kIgnore;
}

void decode_import(Section& parent, std::string_view key, ClaimImport& out) {
  Section s = parent.child(key);
  std::string action;
  if (s.get_enum("action", action, {"ignore", "suggest", "force", "require"})) {
    out.action = parse_action(action);
  }
  s.get("template", out.template_text);
}

void decode_claims_imports(Section& provider, ClaimsImports& out) {
  Section s = provider.child("claims_imports");
  s.child("subject").get("template", out.subject_template);
  s.get("skip_confirmation", out.skip_confirmation);
  {
    Section localpart = s.child("localpart");
    std::string action;
    if (localpart.get_enum("action", action, {"ignore", "suggest", "force", "require"})) {
      out.localpart.action = parse_action(action);
    }
    localpart.get("template", out.localpart.template_text);
    std::string conflict;
    if (localpart.get_enum("on_conflict", conflict, {"fail", "add", "replace", "set"})) {
      out.on_conflict = conflict == "add"       ? LocalpartConflict::kAdd
                        : conflict == "replace" ? LocalpartConflict::kReplace
                        : conflict == "set"     ? LocalpartConflict::kSet
                                                : LocalpartConflict::kFail;
    }
    const bool imported = out.localpart.action == ImportAction::kForce ||
                          out.localpart.action == ImportAction::kRequire;
    if (out.on_conflict != LocalpartConflict::kFail && !imported) {
      s.diag().error(localpart.path("on_conflict"),
                     "add, replace and set need localpart.action force or require");
    }
  }
  decode_import(s, "displayname", out.displayname);
  decode_import(s, "email", out.email);
  std::string account_name;
  if (s.child("account_name").get("template", account_name)) out.account_name_template = account_name;

  // MAS's rule: with no confirmation page nothing may be left to choose.
  if (out.skip_confirmation) {
    if (out.localpart.action != ImportAction::kRequire) {
      s.diag().error(s.path("skip_confirmation"), "needs localpart.action: require");
    }
    if (out.displayname.action == ImportAction::kSuggest ||
        out.email.action == ImportAction::kSuggest) {
      s.diag().error(s.path("skip_confirmation"),
                     "needs displayname and email actions other than suggest");
    }
  }
}

void validate(Section& item, const UpstreamProviderConfig& p) {
  if (p.discovery_mode == "disabled") {
    for (const char* key : {"authorization_endpoint", "token_endpoint"}) {
      if (!item.has(key)) {
        item.diag().error(item.path(key), "required when discovery_mode is disabled");
      }
    }
    if (!item.has("jwks_uri") && p.scope.find("openid") != std::string::npos) {
      item.diag().error(item.path("jwks_uri"),
                        "required when discovery_mode is disabled (to check ID tokens)");
    }
  } else if (p.issuer.empty()) {
    item.diag().error(item.path("issuer"),
                      "required unless discovery_mode is disabled (the provider's issuer URL)");
  }
  const std::string& method = p.token_endpoint_auth_method;
  const bool uses_secret = method == "client_secret_basic" || method == "client_secret_post" ||
                           method == "client_secret_jwt";
  if (uses_secret && !p.client_secret) {
    item.diag().error(item.path("client_secret"), "required when token_endpoint_auth_method is " +
                                                      method + " (or client_secret_file)");
  }
  if (!method.empty() && !uses_secret && p.client_secret) {
    item.diag().error(item.path("client_secret"),
                      "not allowed when token_endpoint_auth_method is " + method);
  }
}

}  // namespace

void decode(Section& s, UpstreamOAuth2Config& out) {
  s.each("providers", [&](Section& item, std::size_t) {
    UpstreamProviderConfig p;
    item.require("id", "the provider's id, a ULID, e.g. 01H8PKNWKKRPCBW4YGH1RWV279");
    if (item.get("id", p.id) && !ids::is_ulid(p.id)) {
      item.diag().error(item.path("id"), "expected a ULID (26 characters of Crockford base32), got \"" +
                                             p.id + "\"");
    }
    item.get("enabled", p.enabled);
    std::string text;
    if (item.get("human_name", text)) p.human_name = text;
    if (item.get("brand_name", text)) p.brand_name = text;
    if (item.get("synapse_idp_id", text)) p.synapse_idp_id = text;

    item.get_url("issuer", p.issuer, /*trailing_slash=*/false);
    item.get_enum("discovery_mode", p.discovery_mode, {"oidc", "insecure", "disabled"});
    item.get_enum("pkce_method", p.pkce_method, {"auto", "always", "never"});
    item.get("fetch_userinfo", p.fetch_userinfo);

    item.require("client_id", "the client id Gatehouse has at the provider");
    item.get("client_id", p.client_id);
    item.require("token_endpoint_auth_method",
                 "none, client_secret_basic, client_secret_post, client_secret_jwt or "
                 "private_key_jwt");
    item.get_enum("token_endpoint_auth_method", p.token_endpoint_auth_method, kAuthMethods);
    p.client_secret = item.secret("client_secret");
    if (item.get("token_endpoint_auth_signing_alg", text)) p.token_endpoint_auth_signing_alg = text;
    item.get("id_token_signed_response_alg", p.id_token_signed_response_alg);
    item.require("scope", "the scopes asked of the provider, e.g. \"openid email profile\"");
    item.get("scope", p.scope);
    item.get_enum("response_mode", p.response_mode, {"query", "form_post"});

    item.get_url("authorization_endpoint", p.authorization_endpoint, false);
    item.get_url("token_endpoint", p.token_endpoint, false);
    item.get_url("userinfo_endpoint", p.userinfo_endpoint, false);
    item.get_url("jwks_uri", p.jwks_uri, false);

    if (const auto* params = item.raw("additional_authorization_parameters")) {
      if (!params->is_object()) {
        item.diag().error(item.path("additional_authorization_parameters"),
                          "expected a map of parameter name to template, got " + describe(*params));
      } else {
        for (const auto& [name, value] : params->items()) {
          if (value.is_string()) {
            p.additional_authorization_parameters[name] = value.get<std::string>();
          } else {
            item.diag().error(item.path("additional_authorization_parameters") + "." + name,
                              "expected a string, got " + describe(value));
          }
        }
      }
    }
    // MAS's deprecated switch, turned into the template it stands for.
    bool forward_login_hint = false;
    if (item.get("forward_login_hint", forward_login_hint) && forward_login_hint) {
      p.additional_authorization_parameters.try_emplace("login_hint", "{{ params.login_hint }}");
    }
    decode_claims_imports(item, p.claims_imports);

    for (const char* key : {"userinfo_signed_response_alg", "on_backchannel_logout",
                            "sign_in_with_apple", "registration_token_required"}) {
      item.unsupported(key);
    }
    validate(item, p);
    out.providers.push_back(std::move(p));
  });
}

}  // namespace gatehouse::config
