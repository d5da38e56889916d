// Fetching a client's `jwks_uri` (private_key_jwt, RFC 7523 §2.2) with a
// small time-bounded cache, behind an interface so tests use a fake.
// Thread safety: implementations are safe to call from many threads.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "shared/core/clock.h"
#include "shared/core/error.h"

namespace gatehouse::auth::oauth2 {

class JwksFetcher {
 public:
  virtual ~JwksFetcher() = default;
  // The JWK Set document at `uri`. kUnavailable when it cannot be fetched
  // or is not a JSON object.
  virtual Result<nlohmann::json> fetch(const std::string& uri) = 0;
  // Drops what is cached for `uri`, so the next fetch asks again (a key
  // that rotated in the meantime). Default: nothing is cached.
  virtual void forget(const std::string& /*uri*/) {}
};

// http::web_get (http and https, 5-second timeouts, no redirects);
// documents are cached for `ttl` (a failed fetch is not cached).
class HttpJwksFetcher final : public JwksFetcher {
 public:
  HttpJwksFetcher(std::shared_ptr<const Clock> clock, std::chrono::seconds ttl);
  Result<nlohmann::json> fetch(const std::string& uri) override;
  void forget(const std::string& uri) override;

 private:
  struct Entry {
    nlohmann::json jwks;
    std::chrono::system_clock::time_point expires;
  };
  std::shared_ptr<const Clock> clock_;
  std::chrono::seconds ttl_;
  std::mutex mutex_;
  std::map<std::string, Entry> cache_;
};

}  // namespace gatehouse::auth::oauth2
