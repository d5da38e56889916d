// /api/admin/v1/oauth2-clients: the OAuth 2.0 clients, static (config) and
// registered (RFC 7591): list (filter[static]; paged) and get. Never their
// secrets or keys.
#include "auth/admin/admin_filters.h"
#include "auth/admin/admin_resources.h"
#include "auth/admin/admin_routes.h"
#include "shared/storage/oauth2_client_repository.h"

namespace gatehouse::auth::admin {
namespace {

using http::Method;

AdminResult list_clients(const AdminRequest& r) {
  auto page = parse_page(r.http);
  if (!page) return tl::unexpected(page.error());
  ListFilters filters(r.http);
  const auto is_static = filters.flag("static");
  if (filters.error()) return tl::unexpected(*filters.error());
  auto found = storage::oauth2_clients::list_page(r.tx, is_static, page->after, page->first + 1);
  if (!found) return tl::unexpected(AdminError::internal("list clients", found.error()));
  auto count = storage::oauth2_clients::count(r.tx, is_static);
  if (!count) return tl::unexpected(AdminError::internal("count clients", count.error()));
  return AdminReply{200, page_of(std::move(*found), *count, "/oauth2-clients", filters.query(),
                                 *page, oauth2_client_resource),
                    {}};
}

AdminResult get_client(const AdminRequest& r) {
  const auto id = std::string(r.params.get("id"));
  auto found = storage::oauth2_clients::find(r.tx, id);
  if (!found) return tl::unexpected(AdminError::internal("find client", found.error()));
  if (!*found) return tl::unexpected(AdminError::not_found("OAuth 2.0 client ID " + id + " not found"));
  return AdminReply{200, single_document(oauth2_client_resource(**found)), {}};
}

}  // namespace

void register_client_routes(http::Routes& routes, const AdminContext& ctx) {
  const std::string base = std::string(kBase) + "/oauth2-clients";
  routes.add("adminapi", Method::kGet, base, admin_handler(ctx, storage::TxMode::kRead, list_clients));
  routes.add("adminapi", Method::kGet, base + "/{id}",
             admin_handler(ctx, storage::TxMode::kRead, get_client));
}

}  // namespace gatehouse::auth::admin
