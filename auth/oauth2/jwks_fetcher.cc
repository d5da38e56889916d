#include "auth/oauth2/jwks_fetcher.h"

#include <httplib.h>

namespace gatehouse::auth::oauth2 {
namespace {

Result<nlohmann::json> get_json(const std::string& uri) {
  // Split "scheme://host[:port]" from the path for httplib.
  const std::size_t scheme_end = uri.find("://");
  if (scheme_end == std::string::npos) return fail(ErrorCode::kInvalidInput, "jwks_uri is not a URL");
  const std::size_t path_start = uri.find('/', scheme_end + 3);
  const std::string origin = uri.substr(0, path_start);
  const std::string path = path_start == std::string::npos ? "/" : uri.substr(path_start);
  httplib::Client client(origin);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(5, 0);
  client.set_follow_location(false);
  auto res = client.Get(path);
  if (!res) return fail(ErrorCode::kUnavailable, "cannot fetch jwks_uri", httplib::to_string(res.error()));
  if (res->status != 200) {
    return fail(ErrorCode::kUnavailable, "jwks_uri answered HTTP " + std::to_string(res->status));
  }
  auto json = nlohmann::json::parse(res->body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return fail(ErrorCode::kInvalidInput, "jwks_uri is not a JSON object");
  return json;
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

}  // namespace gatehouse::auth::oauth2
