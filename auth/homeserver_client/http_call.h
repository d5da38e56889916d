// One HTTP call on a connection of its own (`gatehouse doctor`), and the
// mapping of an answer to an error value (shared with SynapseClient).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "shared/core/error.h"

namespace gatehouse::auth::homeserver_client {

struct HttpAnswer {
  int status = 0;
  std::string body;
};

// An absolute URL split into its origin ("scheme://host:port") and path
// ("/" when it has none); nullopt when it has no scheme.
struct SplitUrl {
  std::string origin;
  std::string path;
};
std::optional<SplitUrl> split_url(const std::string& url);

// `url` is absolute ("http://host:port/path?query"). `bearer` is sent as
// Authorization when non-empty and never appears in errors. JSON `body`
// when non-empty (POST), else GET. kUnavailable when nothing came back.
// A connection of its own, closed afterwards (`gatehouse doctor`).
Result<HttpAnswer> http_call(const std::string& method, const std::string& url,
                             const std::string& bearer, const std::string& json_body,
                             std::chrono::seconds timeout);

// The status and the first bytes of the body, for error messages.
std::string summarize(const HttpAnswer& answer);

// 2xx: ok; 403: kForbidden (secrets differ); 404: kNotFound; other 4xx:
// kInvalidInput; 5xx: kUnavailable. `what` names the call.
Status expect_success(const std::string& what, const HttpAnswer& answer);

}  // namespace gatehouse::auth::homeserver_client
