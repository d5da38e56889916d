// The human pages and browser-facing endpoints, one file each; routes.cc
// mounts them. Every handler is a straight line: parse, load the visitor,
// repository calls in one transaction committed at the end, render. None
// throws.
#pragma once

#include <string_view>

#include <httplib.h>

#include "auth/web/visitor.h"
#include "auth/web/web_context.h"

namespace gatehouse::web {

// GET /authorize (authorize.cc)
void handle_authorize(const WebContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET|POST /login (login.cc)
void handle_login_page(const WebContext& ctx, const httplib::Request& req, httplib::Response& res);
void handle_login_submit(const WebContext& ctx, const httplib::Request& req,
                         httplib::Response& res);
// GET|POST /register (register.cc)
void handle_register(const WebContext& ctx, const httplib::Request& req, httplib::Response& res);
// POST /logout (logout.cc)
void handle_logout(const WebContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET|POST /consent/{grant_id} (consent.cc)
void handle_consent(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                    std::string_view grant_id);
// GET|POST /complete-compat-sso/{id} (compat_sso.cc)
void handle_compat_sso(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                       std::string_view id);
// GET|POST /link (link.cc)
void handle_link(const WebContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET|POST /device/{grant_id} (device_consent.cc)
void handle_device_consent(const WebContext& ctx, const httplib::Request& req,
                           httplib::Response& res, std::string_view grant_id);
// GET /account, GET /.well-known/change-password and GET|POST /account/
// (account.cc)
void handle_account_redirect(const WebContext& ctx, const httplib::Request& req,
                             httplib::Response& res);
void handle_change_password_redirect(const WebContext& ctx, const httplib::Request& req,
                                     httplib::Response& res);
void handle_account(const WebContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET /upstream/authorize/{provider_id}, GET|POST
// /upstream/callback/{provider_id}, GET|POST /upstream/link/{trip_id}
// (upstream_authorize.cc, upstream_callback.cc, upstream_link.cc)
void handle_upstream_authorize(const WebContext& ctx, const httplib::Request& req,
                               httplib::Response& res, std::string_view provider_id);
void handle_upstream_callback(const WebContext& ctx, const httplib::Request& req,
                              httplib::Response& res, std::string_view provider_id);
void handle_upstream_link(const WebContext& ctx, const httplib::Request& req,
                          httplib::Response& res, std::string_view trip_id);
// GET|POST /account/email/{id} (account_email.cc)
void handle_account_email(const WebContext& ctx, const httplib::Request& req,
                          httplib::Response& res, std::string_view id);
// GET|POST /register/verify (register_verify.cc)
void handle_register_verify(const WebContext& ctx, const httplib::Request& req,
                            httplib::Response& res);
// GET|POST /recover, GET|POST /recover/{token} (recover.cc)
void handle_recover(const WebContext& ctx, const httplib::Request& req, httplib::Response& res);
void handle_recover_link(const WebContext& ctx, const httplib::Request& req,
                         httplib::Response& res, std::string_view token);
// The login page's "Forgot your password?" link; "" when recovery is off.
std::string recover_url(const WebContext& ctx);
// GET|POST /oauth2/userinfo (userinfo.cc)
void handle_userinfo(const WebContext& ctx, const httplib::Request& req, httplib::Response& res);
// GET /oauth2/logout (end_session.cc)
void handle_end_session(const WebContext& ctx, const httplib::Request& req,
                        httplib::Response& res);

}  // namespace gatehouse::web
