#include "auth/oauth2/jwks_fetcher.h"

#include "shared/http/web_client.h"

namespace gatehouse::auth::oauth2 {
namespace {

Result<nlohmann::json> get_json(const std::string& uri) {
  GH_TRY(auto reply, http::web_get(uri));
  return http::json_object_of(reply, "jwks_uri");
}

}  // namespace

HttpJwksFetcher::HttpJwksFetcher(std::shared_ptr<const Clock> clock, std::chrono::seconds ttl)
    : clock_(std::move(clock)), ttl_(ttl) {}

Result<nlohmann::json> HttpJwksFetcher::fetch(const std::string& uri) {
  const auto now = clock_->now();
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(uri);
    if (it != cache_.end() && now < it->second.expires) return it->second.jwks;
  }
  // Fetched without the lock: a slow peer must not stall other clients.
  GH_TRY(auto jwks, get_json(uri));
  std::lock_guard lock(mutex_);
  cache_[uri] = Entry{jwks, now + ttl_};
  return jwks;
}

void HttpJwksFetcher::forget(const std::string& uri) {
  std::lock_guard lock(mutex_);
  cache_.erase(uri);
}

}  // namespace gatehouse::auth::oauth2
