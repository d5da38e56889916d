// GET /_matrix/client/{version}/login/sso/redirect[/ or /{idpId}]
// ?redirectUrl=…: starts the m.login.sso handshake (compat_sso.h) and sends
// the browser to the web page that confirms it. A known idpId sends it
// straight to that upstream provider (upstream/authorize/<idpId>), which
// comes back to the same confirmation page; an unknown or disabled one is
// 404 M_NOT_FOUND.
#include "auth/compat/compat_routes.h"
#include "auth/compat/compat_sso.h"

namespace gatehouse::auth::compat {

CompatResult<std::string> handle_sso_redirect(const CompatContext& ctx,
                                              const httplib::Request& req,
                                              std::string_view idp_id) {
  if (!idp_id.empty()) {
    bool known = false;
    for (const auto& provider : ctx.config.upstream_oauth2.providers) {
      known |= provider.enabled && provider.id == idp_id;
    }
    if (!known) return reject({404, "M_NOT_FOUND", "Unknown identity provider"});
  }
  if (!req.has_param("redirectUrl")) {
    return reject(CompatError::missing_param("'redirectUrl' is required"));
  }
  std::string redirect = req.get_param_value("redirectUrl");
  if (!is_valid_redirect_url(redirect)) {
    return reject(CompatError::invalid_param("'redirectUrl' must be an absolute URL"));
  }
  auto tx = ctx.db->begin(storage::TxMode::kWrite);
  if (!tx) return reject(internal_error("begin", tx.error()));
  auto id = add_sso_login(**tx, ctx.new_id(), std::move(redirect), ctx.now_ms());
  if (!id) return reject(internal_error("add sso login", id.error()));
  if (auto committed = (*tx)->commit(); !committed) {
    return reject(internal_error("commit sso login", committed.error()));
  }
  if (!idp_id.empty()) {
    return ctx.config.http.public_base + "upstream/authorize/" + std::string(idp_id) +
           "?kind=continue_compat_sso_login&id=" + *id;
  }
  return ctx.config.http.public_base + "complete-compat-sso/" + *id;
}

}  // namespace gatehouse::auth::compat
