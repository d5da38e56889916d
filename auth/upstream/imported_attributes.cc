#include "auth/upstream/imported_attributes.h"

namespace gatehouse::auth::upstream {
namespace {

std::optional<std::string> non_empty(std::string value) {
  if (value.empty()) return std::nullopt;
  return value;
}

}  // namespace

nlohmann::json claims_context(const nlohmann::json& id_token_claims,
                              const nlohmann::json& userinfo_claims) {
  nlohmann::json user = id_token_claims.is_object() ? id_token_claims : nlohmann::json::object();
  if (userinfo_claims.is_object()) {
    for (const auto& [key, value] : userinfo_claims.items()) user[key] = value;
  }
  return {{"user", std::move(user)},
          {"id_token_claims", id_token_claims.is_object() ? id_token_claims : nlohmann::json::object()},
          {"userinfo_claims", userinfo_claims.is_object() ? userinfo_claims : nlohmann::json::object()}};
}

ImportedAttributes import_attributes(const UpstreamProvider& provider,
                                     const nlohmann::json& context) {
  ImportedAttributes out;
  out.subject = provider.subject.render(context);
  if (out.subject.empty()) out.subject = context["user"].value("sub", "");
  out.localpart = non_empty(provider.localpart.render(context));
  out.displayname = non_empty(provider.displayname.render(context));
  out.email = non_empty(provider.email.render(context));
  if (provider.account_name) out.account_name = non_empty(provider.account_name->render(context));
  return out;
}

}  // namespace gatehouse::auth::upstream
