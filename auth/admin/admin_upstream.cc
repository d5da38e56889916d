// /api/admin/v1/upstream-oauth-links: list (filter[user], filter[provider],
// filter[subject]; paged), get, add (POST {user_id, provider_id, subject,
// human_account_name?}) and delete: how an operator ties users moved over
// from Synapse to their SSO accounts after the fact (MAS issue #3135).
// /api/admin/v1/upstream-oauth-providers: the configured providers (list
// with filter[enabled], get); they live in the config, not the database.
#include <algorithm>

#include "auth/admin/admin_filters.h"
#include "auth/admin/admin_resources.h"
#include "auth/admin/admin_routes.h"
#include "shared/ids/ulid.h"
#include "shared/storage/upstream_oauth_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::admin {
namespace {

using http::Method;

const config::UpstreamProviderConfig* find_provider(const AdminContext& ctx, std::string_view id) {
  for (const auto& p : ctx.config.upstream_oauth2.providers) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

AdminResult list_links(const AdminRequest& r) {
  auto page = parse_page(r.http);
  if (!page) return tl::unexpected(page.error());
  ListFilters filters(r.http);
  const storage::upstream_oauth_links::LinkFilter filter{filters.id("user"), filters.id("provider"),
                                                         filters.text("subject")};
  if (filters.error()) return tl::unexpected(*filters.error());
  auto found = storage::upstream_oauth_links::list_page(r.tx, filter, page->after, page->first + 1);
  if (!found) return tl::unexpected(AdminError::internal("list links", found.error()));
  auto count = storage::upstream_oauth_links::count(r.tx, filter);
  if (!count) return tl::unexpected(AdminError::internal("count links", count.error()));
  return AdminReply{200, page_of(std::move(*found), *count, "/upstream-oauth-links", filters.query(),
                                 *page, upstream_link_resource),
                    {}};
}

tl::expected<storage::UpstreamOAuthLink, AdminError> require_link(const AdminRequest& r) {
  const auto id = std::string(r.params.get("id"));
  auto found = storage::upstream_oauth_links::find(r.tx, id);
  if (!found) return tl::unexpected(AdminError::internal("find link", found.error()));
  if (!*found) return tl::unexpected(AdminError::not_found("Upstream OAuth 2.0 Link ID " + id + " not found"));
  return std::move(**found);
}

AdminResult get_link(const AdminRequest& r) {
  auto link = require_link(r);
  if (!link) return tl::unexpected(link.error());
  return AdminReply{200, single_document(upstream_link_resource(*link)), {}};
}

AdminResult add_link(const AdminRequest& r) {
  auto body = r.body();
  if (!body) return tl::unexpected(body.error());
  const auto user_id = body->value("user_id", std::string());
  const auto provider_id = body->value("provider_id", std::string());
  const auto subject = body->value("subject", std::string());
  if (user_id.empty() || provider_id.empty() || subject.empty()) {
    return tl::unexpected(AdminError::bad_request("user_id, provider_id and subject are required"));
  }
  auto user = storage::users::find(r.tx, user_id);
  if (!user) return tl::unexpected(AdminError::internal("find user", user.error()));
  if (!*user) return tl::unexpected(AdminError::not_found("User ID " + user_id + " not found"));
  if (!find_provider(r.ctx, provider_id)) {
    return tl::unexpected(
        AdminError::not_found("Upstream OAuth 2.0 Provider ID " + provider_id + " not found"));
  }
  auto existing = storage::upstream_oauth_links::find_by_subject(r.tx, provider_id, subject);
  if (!existing) return tl::unexpected(AdminError::internal("find link", existing.error()));
  if (*existing) {
    // Seen at a sign-in but never tied to a user: tie it now.
    if ((*existing)->user_id) {
      return tl::unexpected(AdminError::conflict("Upstream OAuth 2.0 Link already exists"));
    }
    auto tied = storage::upstream_oauth_links::associate(r.tx, (*existing)->id, user_id);
    if (!tied) return tl::unexpected(AdminError::internal("associate link", tied.error()));
    (*existing)->user_id = user_id;
    return AdminReply{200, single_document(upstream_link_resource(**existing)), {}};
  }
  storage::UpstreamOAuthLink link;
  link.id = ids::Ulid::generate(*r.ctx.clock).to_string();
  link.provider_id = provider_id;
  link.subject = subject;
  link.user_id = user_id;
  if (body->contains("human_account_name") && (*body)["human_account_name"].is_string()) {
    link.human_account_name = (*body)["human_account_name"].get<std::string>();
  }
  link.created_at = r.ctx.clock->unix_millis();
  if (auto added = storage::upstream_oauth_links::add(r.tx, link); !added) {
    return tl::unexpected(AdminError::internal("add link", added.error()));
  }
  return AdminReply{201, single_document(upstream_link_resource(link)), {}};
}

AdminResult delete_link(const AdminRequest& r) {
  auto link = require_link(r);
  if (!link) return tl::unexpected(link.error());
  if (auto removed = storage::upstream_oauth_links::remove(r.tx, link->id); !removed) {
    return tl::unexpected(AdminError::internal("delete link", removed.error()));
  }
  return AdminReply{204, std::nullopt, {}};
}

AdminResult list_providers(const AdminRequest& r) {
  auto page = parse_page(r.http);
  if (!page) return tl::unexpected(page.error());
  ListFilters filters(r.http);
  const auto enabled = filters.flag("enabled");
  if (filters.error()) return tl::unexpected(*filters.error());
  std::vector<config::UpstreamProviderConfig> matching;
  for (const auto& p : r.ctx.config.upstream_oauth2.providers) {
    if (!enabled || p.enabled == *enabled) matching.push_back(p);
  }
  std::sort(matching.begin(), matching.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  const auto count = static_cast<std::int64_t>(matching.size());
  std::vector<config::UpstreamProviderConfig> fetched;
  for (const auto& p : matching) {
    if (p.id > page->after && static_cast<std::int64_t>(fetched.size()) <= page->first) {
      fetched.push_back(p);
    }
  }
  return AdminReply{200, page_of(std::move(fetched), count, "/upstream-oauth-providers",
                                 filters.query(), *page, upstream_provider_resource),
                    {}};
}

AdminResult get_provider(const AdminRequest& r) {
  const auto id = std::string(r.params.get("id"));
  const auto* provider = find_provider(r.ctx, id);
  if (!provider) {
    return tl::unexpected(AdminError::not_found("Upstream OAuth 2.0 Provider ID " + id + " not found"));
  }
  return AdminReply{200, single_document(upstream_provider_resource(*provider)), {}};
}

}  // namespace

void register_upstream_routes(http::Routes& routes, const AdminContext& ctx) {
  const std::string links = std::string(kBase) + "/upstream-oauth-links";
  routes.add("adminapi", Method::kGet, links, admin_handler(ctx, storage::TxMode::kRead, list_links));
  routes.add("adminapi", Method::kPost, links, admin_handler(ctx, storage::TxMode::kWrite, add_link));
  routes.add("adminapi", Method::kGet, links + "/{id}", admin_handler(ctx, storage::TxMode::kRead, get_link));
  routes.add("adminapi", Method::kDelete, links + "/{id}",
             admin_handler(ctx, storage::TxMode::kWrite, delete_link));
  const std::string providers = std::string(kBase) + "/upstream-oauth-providers";
  routes.add("adminapi", Method::kGet, providers,
             admin_handler(ctx, storage::TxMode::kRead, list_providers));
  routes.add("adminapi", Method::kGet, providers + "/{id}",
             admin_handler(ctx, storage::TxMode::kRead, get_provider));
}

}  // namespace gatehouse::auth::admin
