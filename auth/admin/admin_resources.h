// The admin API's documents, shaped as MAS's (docs/admin-api.md):
//   one resource: {"data": {"type", "id", "attributes", "links": {"self"}},
//                  "links": {"self"}}
//   a page:       {"meta": {"count"}, "data": [...],
//                  "links": {"self", "first", "next"?}}
// Timestamps are RFC 3339 in UTC ("2026-11-24T09:00:00Z", milliseconds when
// not zero); absent ones are null.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "auth/admin/admin_request.h"
#include "shared/storage/model/browser_session.h"
#include "shared/storage/model/compat_session.h"
#include "shared/storage/model/registration_token.h"
#include "shared/storage/model/oauth2_client.h"
#include "shared/storage/model/oauth2_session.h"
#include "shared/storage/model/user.h"
#include "shared/storage/model/upstream_oauth.h"
#include "shared/storage/model/user_email.h"
#include "shared/config/upstream_oauth2.h"

namespace gatehouse::auth::admin {

inline constexpr std::string_view kBase = "/api/admin/v1";

std::string rfc3339(std::int64_t ms);
nlohmann::json rfc3339(const std::optional<std::int64_t>& ms);
// "2026-12-01T00:00:00Z", with optional fractional seconds and a numeric
// offset instead of Z, as ms since the epoch; nullopt when malformed.
std::optional<std::int64_t> parse_rfc3339(std::string_view text);

nlohmann::json user_resource(const storage::User& user);
nlohmann::json oauth2_session_resource(const storage::OAuth2Session& session);
nlohmann::json compat_session_resource(const storage::CompatSession& session);
nlohmann::json user_session_resource(const storage::BrowserSession& session);
nlohmann::json user_email_resource(const storage::UserEmail& email);
nlohmann::json registration_token_resource(const storage::RegistrationToken& token, std::int64_t now_ms);
nlohmann::json upstream_link_resource(const storage::UpstreamOAuthLink& link);
// Never the secret (encrypted or not) nor the keys.
nlohmann::json oauth2_client_resource(const storage::OAuth2Client& client);
// Providers live in the config; created_at is the time of their ULID.
nlohmann::json upstream_provider_resource(const config::UpstreamProviderConfig& provider);

// {"data": resource, "links": {"self": resource's self}}.
nlohmann::json single_document(nlohmann::json resource);

// page[first] (1–1000, default 10) and page[after] (a ULID cursor).
struct PageRequest {
  std::int64_t first = 10;
  std::string after;
};
tl::expected<PageRequest, AdminError> parse_page(const httplib::Request& req);

// A page of `resources` for the list at `path` with `query` (its filters,
// "filter[…]=…&…", may be empty); `more`: a next page exists.
nlohmann::json page_document(std::vector<nlohmann::json> resources, std::int64_t count,
                             const std::string& path, const std::string& query,
                             const PageRequest& page, bool more);

// The page document for items fetched with `page.first + 1` as the limit
// (the extra one only tells that a next page exists).
template <class T, class ToResource>
nlohmann::json page_of(std::vector<T> fetched, std::int64_t count, const std::string& path,
                       const std::string& query, const PageRequest& page, ToResource to_resource) {
  const bool more = static_cast<std::int64_t>(fetched.size()) > page.first;
  if (more) fetched.pop_back();
  std::vector<nlohmann::json> data;
  for (const auto& item : fetched) data.push_back(to_resource(item));
  return page_document(std::move(data), count, path, query, page, more);
}

}  // namespace gatehouse::auth::admin
