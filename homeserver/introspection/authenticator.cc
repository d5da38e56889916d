#include "homeserver/introspection/authenticator.h"

#include <nlohmann/json.hpp>

#include "homeserver/introspection/introspected_token.h"
#include "shared/core/log.h"
#include "shared/crypto/constant_time.h"
#include "shared/ids/token.h"

namespace gatehouse::homeserver::introspection {
namespace {

api::ApiError unknown_token(std::string message = "Invalid access token passed.") {
  return api::ApiError{401, "M_UNKNOWN_TOKEN", std::move(message)};
}

Requester from_cached(std::shared_ptr<const CachedToken> token) {
  Requester r;
  r.localpart = token->localpart;
  r.device_id = token->device_id;
  r.admin = token->admin;
  r.token = std::move(token);
  return r;
}

// {"user_id", "is_guest", "device_id"?}, as GET /account/whoami answers.
std::string render_whoami(const std::string& user_id, const std::optional<std::string>& device_id) {
  nlohmann::json body = {{"user_id", user_id}, {"is_guest", false}};
  if (device_id) body["device_id"] = *device_id;
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string_view access_token(const httplib::Request& req) {
  auto header = req.headers.find("Authorization");
  if (header != req.headers.end()) {
    std::string_view value = header->second;
    if (value.size() > 7 && (value.starts_with("Bearer ") || value.starts_with("bearer "))) {
      return value.substr(7);
    }
    return {};
  }
  auto param = req.params.find("access_token");
  return param == req.params.end() ? std::string_view{} : std::string_view(param->second);
}

api::ApiResult<Requester> Authenticator::authenticate(const httplib::Request& req) const {
  const std::string_view token = access_token(req);
  if (token.empty()) return api::api_fail(401, "M_MISSING_TOKEN", "Missing access token.");
  if (!secret_.empty() && crypto::constant_time_equals(token, secret_)) {
    Requester r;
    r.admin = true;
    r.from_auth_service = true;
    return r;
  }
  if (!appservices_.empty()) {
    if (const auto* registration = appservices_.by_token(token)) return as_appservice(req, *registration);
  }
  const std::string fingerprint = ids::token_fingerprint(token);
  auto cached = cache_.find(fingerprint);
  auto requester = cached ? api::ApiResult<Requester>(from_cached(std::move(cached)))
                          : introspect(token, fingerprint);
  if (requester && last_seen_) last_seen_->seen(*requester->token);
  return requester;
}

api::ApiResult<Requester> Authenticator::as_appservice(
    const httplib::Request& req, const appservice::Registration& registration) const {
  Requester r;
  r.appservice = &registration;
  r.localpart = registration.sender_localpart;
  if (auto asserted = req.params.find("user_id"); asserted != req.params.end()) {
    const std::string& user_id = asserted->second;
    const std::string suffix = ":" + server_name_;
    if (!user_id.starts_with('@') || !user_id.ends_with(suffix) ||
        !registration.may_act_as(user_id, server_name_)) {
      return api::api_fail(403, "M_FORBIDDEN",
                           "Application service cannot masquerade as this user (" + user_id + ").");
    }
    r.localpart = user_id.substr(1, user_id.size() - 1 - suffix.size());
  }
  // MSC3202: an appservice may name the device it acts through.
  for (const char* key : {"device_id", "org.matrix.msc3202.device_id"}) {
    auto device = req.params.find(key);
    if (device == req.params.end()) continue;
    auto exists = device_exists_(r.localpart, device->second);
    if (!exists) return tl::unexpected(api::from_error(exists.error()));
    if (*exists) r.device_id = device->second;
  }
  return r;
}

api::ApiResult<Requester> Authenticator::introspect(std::string_view token,
                                                    const std::string& fingerprint) const {
  const std::uint64_t epoch = cache_.epoch();
  auto answer = introspector_.introspect(token);
  if (!answer) {
    spdlog::warn("introspection failed: {}", answer.error().describe());
    return api::api_fail(503, "M_UNKNOWN", "Unable to introspect the access token");
  }
  auto meaning = interpret(*answer);
  if (!meaning) {
    if (meaning.error().code == ErrorCode::kUnauthorized) return tl::unexpected(unknown_token());
    return tl::unexpected(api::from_error(meaning.error()));
  }
  if (meaning->device_id) {
    // A device the homeserver does not know: its session ended (logout
    // deletes the device) or was never provisioned. Synapse treats the
    // token as inactive and drops the cache entry.
    auto exists = device_exists_(meaning->localpart, *meaning->device_id);
    if (!exists) return tl::unexpected(api::from_error(exists.error()));
    if (!*exists) {
      cache_.erase(fingerprint);
      return tl::unexpected(unknown_token());
    }
  }
  auto cached = std::make_shared<CachedToken>();
  cached->localpart = meaning->localpart;
  cached->device_id = meaning->device_id;
  cached->admin = meaning->admin;
  cached->whoami = render_whoami("@" + meaning->localpart + ":" + server_name_, meaning->device_id);
  cache_.insert(fingerprint, cached, meaning->expires_in, epoch);
  return from_cached(std::move(cached));
}

}  // namespace gatehouse::homeserver::introspection
