// One HTTP call to the homeserver and the mapping of its answer to an error
// value (shared by SynapseClient and `gatehouse doctor`).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <httplib.h>

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

// The same on a client of the caller's (keep-alive, see synapse_client.h)
// for `origin`; `path` is relative to it.
Result<HttpAnswer> http_call_on(httplib::Client& client, const std::string& origin,
                                const std::string& method, const std::string& path,
                                const std::string& bearer, const std::string& json_body);

// A client for `origin` ("scheme://host:port") with `timeout` for
// connecting, reading and writing, TCP_NODELAY, redirects not followed.
std::unique_ptr<httplib::Client> make_client(const std::string& origin,
                                             std::chrono::seconds timeout,
                                             bool keep_alive);

// The status and the first bytes of the body, for error messages.
std::string summarize(const HttpAnswer& answer);

// 2xx: ok; 403: kForbidden (secrets differ); 404: kNotFound; other 4xx:
// kInvalidInput; 5xx: kUnavailable. `what` names the call.
Status expect_success(const std::string& what, const HttpAnswer& answer);

}  // namespace gatehouse::auth::homeserver_client
