// Who is calling: the access token of a client-server request, resolved
// (cheapest first) as
//  1. the shared secret itself → the auth service (Synapse's MAS rule);
//  2. an appservice as_token → that appservice, acting as its sender or as
//     `?user_id=` inside its namespaces (no introspection);
//  3. a cached introspection result (token_cache.h) → the user;
//  4. otherwise introspection (interpret() in introspected_token.h), then
//     the device must exist locally, then the result is cached.
// Errors: 401 M_MISSING_TOKEN (no token), 401 M_UNKNOWN_TOKEN (inactive,
// no C-S scope, unknown device), 403 M_FORBIDDEN (appservice outside its
// namespace), 503 "Unable to introspect the access token", 500.
//
// Each user token marks its device as used (last_seen.h: in memory, at
// most once a minute per device). A cache hit does no database read: every path that removes a device or
// a user (provisioning API, MSC4190 DELETE, /_gatehouse/v1/invalidate)
// evicts its entries, so an entry's device existed when it was cached and
// still exists.
//
// Thread safety: authenticate() from any thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>

#include "homeserver/api/matrix_error.h"
#include "shared/appservice/registry.h"
#include "homeserver/introspection/introspector.h"
#include "homeserver/introspection/last_seen.h"
#include "homeserver/introspection/token_cache.h"

namespace gatehouse::homeserver::introspection {

struct Requester {
  std::string localpart;  // empty for the auth service itself
  std::optional<std::string> device_id;
  bool admin = false;
  bool from_auth_service = false;
  const appservice::Registration* appservice = nullptr;
  // The introspection result it came from (users only; shared with the cache).
  std::shared_ptr<const CachedToken> token;
};

// Whether (localpart, device_id) is a device in the homeserver's database.
using DeviceExists =
    std::function<Result<bool>(std::string_view localpart, std::string_view device_id)>;

// The token from `Authorization: Bearer` or the `access_token` query
// parameter (deprecated, still accepted by Synapse); empty when none.
std::string_view access_token(const httplib::Request& req);

class Authenticator {
 public:
  // Every reference must outlive the Authenticator.
  Authenticator(std::string server_name, const std::string& secret,
                const appservice::Registry& appservices, Introspector& introspector,
                TokenCache& cache, DeviceExists device_exists,
                LastSeenRecorder* last_seen = nullptr)
      : server_name_(std::move(server_name)),
        secret_(secret),
        appservices_(appservices),
        introspector_(introspector),
        cache_(cache),
        device_exists_(std::move(device_exists)),
        last_seen_(last_seen) {}

  api::ApiResult<Requester> authenticate(const httplib::Request& req) const;

 private:
  api::ApiResult<Requester> as_appservice(const httplib::Request& req,
                                          const appservice::Registration& registration) const;
  api::ApiResult<Requester> introspect(std::string_view token, const std::string& fingerprint) const;

  std::string server_name_;
  const std::string& secret_;
  const appservice::Registry& appservices_;
  Introspector& introspector_;
  TokenCache& cache_;
  DeviceExists device_exists_;
  LastSeenRecorder* last_seen_;  // null: not recorded (tests)
};

}  // namespace gatehouse::homeserver::introspection
