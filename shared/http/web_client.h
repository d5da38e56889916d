// Calls to other parties' servers: an upstream identity provider's
// discovery, token, userinfo and JWKS endpoints, a client's jwks_uri.
// cpp-httplib's client over http or https (certificates checked against the
// system's CA store), 5-second timeouts, redirects not followed.
// Thread safety: each call uses its own connection.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "shared/core/error.h"
#include "shared/core/percent_encoding.h"

namespace gatehouse::http {

struct WebReply {
  int status = 0;
  std::string content_type;
  std::string body;
};

// "name=value&…", each part percent_encode()d (application/
// x-www-form-urlencoded).
std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields);

// kInvalidInput: not an http(s) URL; kUnavailable: no answer (the cause in
// the error's detail).
Result<WebReply> web_get(const std::string& url, const httplib::Headers& headers = {});
// POSTs `form` (application/x-www-form-urlencoded, already encoded).
Result<WebReply> web_post_form(const std::string& url, const std::string& form,
                               const httplib::Headers& headers = {});

// The body as a JSON object; kUnavailable when the status is not 200 or the
// body is not a JSON object. `what` names the endpoint in the message.
Result<nlohmann::json> json_object_of(const WebReply& reply, std::string_view what);

}  // namespace gatehouse::http
