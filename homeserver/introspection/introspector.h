// The call to the auth service's RFC 7662 endpoint, exactly as Synapse
// makes it to MAS: POST {endpoint}oauth2/introspect, Bearer <secret>,
// token=…&token_type_hint=access_token, X-MAS-Supports-Device-Id: 1,
// Accept: application/json, answers up to 1 MiB.
//
// Thread safety: introspect() from any thread.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/http/http_client.h"
#include "shared/core/error.h"

namespace gatehouse::homeserver::introspection {

class Introspector {
 public:
  virtual ~Introspector() = default;
  // The parsed answer. kUnavailable when the auth service cannot be
  // reached or does not answer 200 with a JSON object.
  virtual Result<nlohmann::json> introspect(std::string_view token) = 0;
};

class HttpIntrospector final : public Introspector {
 public:
  // `client` and `secret` must outlive this object.
  HttpIntrospector(http::HttpClient& client, const std::string& secret)
      : client_(client), secret_(secret) {}
  Result<nlohmann::json> introspect(std::string_view token) override;

 private:
  http::HttpClient& client_;
  const std::string& secret_;
};

}  // namespace gatehouse::homeserver::introspection
