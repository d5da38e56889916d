// /api/admin/v1/user-emails: list (filter[user], filter[email]; paged), get,
// add (POST {user_id, email}: confirmed, the admin vouches for it) and
// delete. The homeserver's copy of the user's addresses follows through a
// provision-user job.
#include "auth/accounts/account_service.h"
#include "auth/admin/admin_filters.h"
#include "auth/admin/admin_resources.h"
#include "auth/admin/admin_routes.h"
#include "shared/storage/user_email_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::admin {
namespace {

using http::Method;

AdminResult list_emails(const AdminRequest& r) {
  auto page = parse_page(r.http);
  if (!page) return tl::unexpected(page.error());
  ListFilters filters(r.http);
  const storage::user_emails::EmailFilter filter{filters.id("user"), filters.text("email")};
  if (filters.error()) return tl::unexpected(*filters.error());
  auto found = storage::user_emails::list_page(r.tx, filter, page->after, page->first + 1);
  if (!found) return tl::unexpected(AdminError::internal("list emails", found.error()));
  auto count = storage::user_emails::count(r.tx, filter);
  if (!count) return tl::unexpected(AdminError::internal("count emails", count.error()));
  return AdminReply{200, page_of(std::move(*found), *count, "/user-emails", filters.query(), *page,
                                 user_email_resource),
                    {}};
}

tl::expected<storage::UserEmail, AdminError> require_email(const AdminRequest& r) {
  const auto id = std::string(r.params.get("id"));
  auto found = storage::user_emails::find(r.tx, id);
  if (!found) return tl::unexpected(AdminError::internal("find email", found.error()));
  if (!*found) return tl::unexpected(AdminError::not_found("User email ID " + id + " not found"));
  return std::move(**found);
}

AdminResult get_email(const AdminRequest& r) {
  auto email = require_email(r);
  if (!email) return tl::unexpected(email.error());
  return AdminReply{200, single_document(user_email_resource(*email)), {}};
}

AdminResult add_email(const AdminRequest& r) {
  auto body = r.body();
  if (!body) return tl::unexpected(body.error());
  const auto user_id = body->value("user_id", std::string());
  const auto address = body->value("email", std::string());
  if (user_id.empty() || address.empty()) {
    return tl::unexpected(AdminError::bad_request("user_id and email are required"));
  }
  auto user = storage::users::find(r.tx, user_id);
  if (!user) return tl::unexpected(AdminError::internal("find user", user.error()));
  if (!*user) return tl::unexpected(AdminError::not_found("User ID " + user_id + " not found"));
  auto existing = storage::user_emails::find_by_email(r.tx, address);
  if (!existing) return tl::unexpected(AdminError::internal("find email", existing.error()));
  if (*existing) return tl::unexpected(AdminError::conflict("User email address is already in use"));
  if (auto added = accounts::add_email(r.tx, *r.ctx.clock, **user, address); !added) {
    if (added.error().code == ErrorCode::kInvalidInput) {
      return tl::unexpected(AdminError::bad_request(added.error().message));
    }
    return tl::unexpected(AdminError::internal("add email", added.error()));
  }
  if (auto job = accounts::schedule_provisioning(r.tx, *r.ctx.clock, user_id); !job) {
    return tl::unexpected(AdminError::internal("schedule provisioning", job.error()));
  }
  auto row = storage::user_emails::find_by_email(r.tx, address);
  if (!row) return tl::unexpected(AdminError::internal("reread email", row.error()));
  if (!*row) return tl::unexpected(AdminError::internal("reread email", {ErrorCode::kInternal, "the new row is missing"}));
  return AdminReply{201, single_document(user_email_resource(**row)), {}};
}

AdminResult delete_email(const AdminRequest& r) {
  auto email = require_email(r);
  if (!email) return tl::unexpected(email.error());
  if (auto removed = storage::user_emails::remove(r.tx, email->id); !removed) {
    return tl::unexpected(AdminError::internal("delete email", removed.error()));
  }
  if (auto job = accounts::schedule_provisioning(r.tx, *r.ctx.clock, email->user_id); !job) {
    return tl::unexpected(AdminError::internal("schedule provisioning", job.error()));
  }
  return AdminReply{204, std::nullopt, {}};
}

}  // namespace

void register_email_routes(http::Routes& routes, const AdminContext& ctx) {
  const std::string base = std::string(kBase) + "/user-emails";
  routes.add("adminapi", Method::kGet, base, admin_handler(ctx, storage::TxMode::kRead, list_emails));
  routes.add("adminapi", Method::kPost, base, admin_handler(ctx, storage::TxMode::kWrite, add_email));
  routes.add("adminapi", Method::kGet, base + "/{id}", admin_handler(ctx, storage::TxMode::kRead, get_email));
  routes.add("adminapi", Method::kDelete, base + "/{id}",
             admin_handler(ctx, storage::TxMode::kWrite, delete_email));
}

}  // namespace gatehouse::auth::admin
