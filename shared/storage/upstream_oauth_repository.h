// The `upstream_oauth_links` and `upstream_oauth_sessions` tables: which
// provider account is which user, and each sign-in at a provider in
// progress. State changes are guarded in SQL (a session completes once and
// is consumed once), so a race has one winner.
// Functions never commit and are as thread-safe as the Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/upstream_oauth.h"

namespace gatehouse::storage {

namespace upstream_oauth_links {

// kConflict when the id, or the provider and subject, exist.
Status add(Transaction& tx, const UpstreamOAuthLink& link);
// nullopt when absent.
Result<std::optional<UpstreamOAuthLink>> find(Transaction& tx, std::string_view id);
Result<std::optional<UpstreamOAuthLink>> find_by_subject(Transaction& tx,
                                                         std::string_view provider_id,
                                                         std::string_view subject);
// The user's links, oldest first.
Result<std::vector<UpstreamOAuthLink>> list_for_user(Transaction& tx, std::string_view user_id);
// Ties a link that has no user to `user_id`; false when it already has one
// (or is absent).
Result<bool> associate(Transaction& tx, std::string_view id, std::string_view user_id);
// Removes the link; false when absent.
Result<bool> remove(Transaction& tx, std::string_view id);
// Removes the user's links to `provider_id` (on_conflict: replace); how many.
Result<std::int64_t> remove_for_user_and_provider(Transaction& tx, std::string_view user_id,
                                                  std::string_view provider_id);

// The admin API's listing: filters that are set must all match.
struct LinkFilter {
  std::optional<std::string> user_id;
  std::optional<std::string> provider_id;
  std::optional<std::string> subject;
};
// A page of links by id after `after`, and how many the filter takes
// (page_query.h).
Result<std::vector<UpstreamOAuthLink>> list_page(Transaction& tx, const LinkFilter& filter,
                                                 std::string_view after, std::int64_t limit);
Result<std::int64_t> count(Transaction& tx, const LinkFilter& filter);

}  // namespace upstream_oauth_links

namespace upstream_oauth_sessions {

// kConflict when the id or the state exists.
Status add(Transaction& tx, const UpstreamOAuthSession& session);
Result<std::optional<UpstreamOAuthSession>> find(Transaction& tx, std::string_view id);
Result<std::optional<UpstreamOAuthSession>> find_by_state(Transaction& tx, std::string_view state);
// The provider's answer was checked: records the link and the claims.
// false when already completed (or absent).
Result<bool> complete(Transaction& tx, std::string_view id, std::string_view link_id,
                      std::string_view id_token_claims,
                      const std::optional<std::string>& userinfo_claims, std::int64_t now_ms);
// Used once: false when not completed, already consumed, or absent.
Result<bool> consume(Transaction& tx, std::string_view id, std::int64_t now_ms);

}  // namespace upstream_oauth_sessions

}  // namespace gatehouse::storage
