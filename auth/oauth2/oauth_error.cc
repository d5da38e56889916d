#include "auth/oauth2/oauth_error.h"

#include "shared/http/response.h"

namespace gatehouse::auth::oauth2 {
namespace {

OAuthError make(int status, std::string error, std::string description) {
  return OAuthError{status, std::move(error), std::move(description), false};
}

}  // namespace

OAuthError OAuthError::invalid_request(std::string d) { return make(400, "invalid_request", std::move(d)); }
OAuthError OAuthError::invalid_client(std::string d, bool basic) {
  OAuthError e = make(401, "invalid_client", std::move(d));
  e.basic_challenge = basic;
  return e;
}
OAuthError OAuthError::invalid_grant(std::string d) { return make(400, "invalid_grant", std::move(d)); }
OAuthError OAuthError::unauthorized_client(std::string d) {
  return make(400, "unauthorized_client", std::move(d));
}
OAuthError OAuthError::unsupported_grant_type(std::string d) {
  return make(400, "unsupported_grant_type", std::move(d));
}
OAuthError OAuthError::invalid_scope(std::string d) { return make(400, "invalid_scope", std::move(d)); }
OAuthError OAuthError::authorization_pending() {
  return make(400, "authorization_pending", "the user has not yet approved the request");
}
OAuthError OAuthError::slow_down() {
  return make(400, "slow_down", "polling too fast; add 5 seconds to the interval");
}
OAuthError OAuthError::expired_token() {
  return make(400, "expired_token", "the device code has expired");
}
OAuthError OAuthError::access_denied(std::string d) { return make(400, "access_denied", std::move(d)); }
OAuthError OAuthError::unsupported_token_type(std::string d) {
  return make(400, "unsupported_token_type", std::move(d));
}
OAuthError OAuthError::invalid_redirect_uri(std::string d) {
  return make(400, "invalid_redirect_uri", std::move(d));
}
OAuthError OAuthError::invalid_client_metadata(std::string d) {
  return make(400, "invalid_client_metadata", std::move(d));
}
OAuthError OAuthError::server_error() { return make(500, "server_error", "internal error"); }
OAuthError OAuthError::temporarily_unavailable() {
  return make(503, "temporarily_unavailable", "the service is temporarily unavailable");
}

void write_oauth_error(httplib::Response& res, const OAuthError& error) {
  http::write_oauth_error(res, error.status, error.error, error.description);
  if (error.basic_challenge) res.set_header("WWW-Authenticate", "Basic realm=\"gatehouse\"");
}

}  // namespace gatehouse::auth::oauth2
