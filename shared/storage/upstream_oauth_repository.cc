#include "shared/storage/upstream_oauth_repository.h"

#include "shared/storage/page_query.h"
#include "shared/storage/row_mapping.h"

namespace gatehouse::storage {
namespace upstream_oauth_links {
namespace {

constexpr std::string_view kColumns =
    "id, provider_id, subject, user_id, human_account_name, created_at";

Result<UpstreamOAuthLink> from_row(const Row& row) {
  UpstreamOAuthLink l;
  GH_TRY(l.id, row.get_text("id"));
  GH_TRY(l.provider_id, row.get_text("provider_id"));
  GH_TRY(l.subject, row.get_text("subject"));
  GH_TRY(l.user_id, row.get_optional_text("user_id"));
  GH_TRY(l.human_account_name, row.get_optional_text("human_account_name"));
  GH_TRY(l.created_at, row.get_int("created_at"));
  return l;
}

std::string select_where(std::string_view condition) {
  return "SELECT " + std::string(kColumns) + " FROM upstream_oauth_links WHERE " +
         std::string(condition);
}

}  // namespace

Status add(Transaction& tx, const UpstreamOAuthLink& l) {
  GH_TRY_STATUS(tx.execute("INSERT INTO upstream_oauth_links (" + std::string(kColumns) +
                               ") VALUES ($1, $2, $3, $4, $5, $6)",
                           {l.id, l.provider_id, l.subject, l.user_id, l.human_account_name,
                            l.created_at}));
  return ok();
}

Result<std::optional<UpstreamOAuthLink>> find(Transaction& tx, std::string_view id) {
  return query_optional(tx, select_where("id = $1"), {id}, from_row);
}

Result<std::optional<UpstreamOAuthLink>> find_by_subject(Transaction& tx,
                                                         std::string_view provider_id,
                                                         std::string_view subject) {
  return query_optional(tx, select_where("provider_id = $1 AND subject = $2"),
                        {provider_id, subject}, from_row);
}

Result<std::vector<UpstreamOAuthLink>> list_for_user(Transaction& tx, std::string_view user_id) {
  return query_all(tx, select_where("user_id = $1 ORDER BY created_at, id"), {user_id}, from_row);
}

Result<bool> associate(Transaction& tx, std::string_view id, std::string_view user_id) {
  return execute_changed(
      tx, "UPDATE upstream_oauth_links SET user_id = $2 WHERE id = $1 AND user_id IS NULL",
      {id, user_id});
}

Result<bool> remove(Transaction& tx, std::string_view id) {
  return execute_changed(tx, "DELETE FROM upstream_oauth_links WHERE id = $1", {id});
}

Result<std::int64_t> remove_for_user_and_provider(Transaction& tx, std::string_view user_id,
                                                  std::string_view provider_id) {
  return tx.execute("DELETE FROM upstream_oauth_links WHERE user_id = $1 AND provider_id = $2",
                    {user_id, provider_id});
}

namespace {

PageQuery query_of(const LinkFilter& filter) {
  PageQuery q;
  if (filter.user_id) q.equals("user_id", *filter.user_id);
  if (filter.provider_id) q.equals("provider_id", *filter.provider_id);
  if (filter.subject) q.equals("subject", *filter.subject);
  return q;
}

}  // namespace

Result<std::vector<UpstreamOAuthLink>> list_page(Transaction& tx, const LinkFilter& filter,
                                                 std::string_view after, std::int64_t limit) {
  return page_rows(tx, query_of(filter), kColumns, "upstream_oauth_links", after, limit, from_row);
}

Result<std::int64_t> count(Transaction& tx, const LinkFilter& filter) {
  return count_rows(tx, query_of(filter), "upstream_oauth_links");
}

}  // namespace upstream_oauth_links

namespace upstream_oauth_sessions {
namespace {

constexpr std::string_view kColumns =
    "id, provider_id, state, nonce, code_verifier, continuation, created_at, completed_at, "
    "consumed_at, link_id, id_token_claims, userinfo_claims";

Result<UpstreamOAuthSession> from_row(const Row& row) {
  UpstreamOAuthSession s;
  GH_TRY(s.id, row.get_text("id"));
  GH_TRY(s.provider_id, row.get_text("provider_id"));
  GH_TRY(s.state, row.get_text("state"));
  GH_TRY(s.nonce, row.get_text("nonce"));
  GH_TRY(s.code_verifier, row.get_optional_text("code_verifier"));
  GH_TRY(s.continuation, row.get_text("continuation"));
  GH_TRY(s.created_at, row.get_int("created_at"));
  GH_TRY(s.completed_at, row.get_optional_int("completed_at"));
  GH_TRY(s.consumed_at, row.get_optional_int("consumed_at"));
  GH_TRY(s.link_id, row.get_optional_text("link_id"));
  GH_TRY(s.id_token_claims, row.get_optional_text("id_token_claims"));
  GH_TRY(s.userinfo_claims, row.get_optional_text("userinfo_claims"));
  return s;
}

std::string select_where(std::string_view condition) {
  return "SELECT " + std::string(kColumns) + " FROM upstream_oauth_sessions WHERE " +
         std::string(condition);
}

}  // namespace

Status add(Transaction& tx, const UpstreamOAuthSession& s) {
  GH_TRY_STATUS(tx.execute("INSERT INTO upstream_oauth_sessions (" + std::string(kColumns) +
                               ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                           {s.id, s.provider_id, s.state, s.nonce, s.code_verifier, s.continuation,
                            s.created_at, s.completed_at, s.consumed_at, s.link_id,
                            s.id_token_claims, s.userinfo_claims}));
  return ok();
}

Result<std::optional<UpstreamOAuthSession>> find(Transaction& tx, std::string_view id) {
  return query_optional(tx, select_where("id = $1"), {id}, from_row);
}

Result<std::optional<UpstreamOAuthSession>> find_by_state(Transaction& tx, std::string_view state) {
  return query_optional(tx, select_where("state = $1"), {state}, from_row);
}

Result<bool> complete(Transaction& tx, std::string_view id, std::string_view link_id,
                      std::string_view id_token_claims,
                      const std::optional<std::string>& userinfo_claims, std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE upstream_oauth_sessions SET completed_at = $2, link_id = $3, "
                         "id_token_claims = $4, userinfo_claims = $5 "
                         "WHERE id = $1 AND completed_at IS NULL",
                         {id, now_ms, link_id, id_token_claims, userinfo_claims});
}

Result<bool> consume(Transaction& tx, std::string_view id, std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE upstream_oauth_sessions SET consumed_at = $2 WHERE id = $1 AND "
                         "completed_at IS NOT NULL AND consumed_at IS NULL",
                         {id, now_ms});
}

}  // namespace upstream_oauth_sessions
}  // namespace gatehouse::storage
