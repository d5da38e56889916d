// /api/admin/v1/user-registration-tokens: list (filter[used], [revoked],
// [expired], [valid]; paged), create (POST {token?, usage_limit?,
// expires_at?}: 12 random letters and digits, unlimited and never expiring
// unless given, as MAS), get, update (PUT {usage_limit?, expires_at?}: the
// fields given change, null clears), revoke and unrevoke. The tokens the
// registration page asks for (account.password_registration_token_required).
#include "auth/admin/admin_filters.h"
#include "auth/admin/admin_resources.h"
#include "auth/admin/admin_routes.h"
#include "shared/crypto/random.h"
#include "shared/ids/ulid.h"
#include "shared/storage/registration_token_repository.h"

namespace gatehouse::auth::admin {
namespace {

using http::Method;
using storage::RegistrationToken;

AdminReply token_reply(const RegistrationToken& t, std::int64_t now_ms, int status = 200) {
  return {status, single_document(registration_token_resource(t, now_ms)), {}};
}

tl::expected<RegistrationToken, AdminError> require_token(const AdminRequest& r) {
  const auto id = std::string(r.params.get("id"));
  auto found = storage::registration_tokens::find(r.tx, id);
  if (!found) return tl::unexpected(AdminError::internal("find token", found.error()));
  if (!*found) return tl::unexpected(AdminError::not_found("Registration token ID " + id + " not found"));
  return std::move(**found);
}

AdminResult list_tokens(const AdminRequest& r) {
  auto page = parse_page(r.http);
  if (!page) return tl::unexpected(page.error());
  ListFilters filters(r.http);
  const storage::registration_tokens::TokenFilter filter{
      filters.flag("used"), filters.flag("revoked"), filters.flag("expired"), filters.flag("valid"),
      r.now_ms};
  if (filters.error()) return tl::unexpected(*filters.error());
  auto found = storage::registration_tokens::list_page(r.tx, filter, page->after, page->first + 1);
  if (!found) return tl::unexpected(AdminError::internal("list tokens", found.error()));
  auto count = storage::registration_tokens::count(r.tx, filter);
  if (!count) return tl::unexpected(AdminError::internal("count tokens", count.error()));
  return AdminReply{200,
                    page_of(std::move(*found), *count, "/user-registration-tokens", filters.query(), *page,
                            [&](const RegistrationToken& t) { return registration_token_resource(t, r.now_ms); }),
                    {}};
}

// usage_limit: a positive number or null; expires_at: RFC 3339 or null.
tl::expected<std::optional<std::int64_t>, AdminError> limit_of(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  if (!value.is_number_integer() || value.get<std::int64_t>() < 1) {
    return tl::unexpected(AdminError::bad_request("usage_limit must be a positive number or null"));
  }
  return value.get<std::int64_t>();
}

tl::expected<std::optional<std::int64_t>, AdminError> expiry_of(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  std::optional<std::int64_t> at;
  if (value.is_string()) at = parse_rfc3339(value.get<std::string>());
  if (!at) return tl::unexpected(AdminError::bad_request("expires_at must be an RFC 3339 date or null"));
  return at;
}

AdminResult create_token(const AdminRequest& r) {
  auto body = r.body();
  if (!body) return tl::unexpected(body.error());
  RegistrationToken t;
  t.id = ids::Ulid::generate(*r.ctx.clock).to_string();
  t.token = crypto::random_alnum(12);
  if (body->contains("token")) {
    const auto& given = (*body)["token"];
    if (!given.is_string() || given.get<std::string>().empty()) {
      return tl::unexpected(AdminError::bad_request("token must be a non-empty string"));
    }
    t.token = given.get<std::string>();
  }
  if (body->contains("usage_limit")) {
    auto limit = limit_of((*body)["usage_limit"]);
    if (!limit) return tl::unexpected(limit.error());
    t.usage_limit = *limit;
  }
  if (body->contains("expires_at")) {
    auto expiry = expiry_of((*body)["expires_at"]);
    if (!expiry) return tl::unexpected(expiry.error());
    t.expires_at = *expiry;
  }
  t.created_at = r.now_ms;
  if (auto added = storage::registration_tokens::add(r.tx, t); !added) {
    if (added.error().code == ErrorCode::kConflict) {
      return tl::unexpected(AdminError::conflict("A registration token with the same token already exists"));
    }
    return tl::unexpected(AdminError::internal("add token", added.error()));
  }
  return token_reply(t, r.now_ms, 201);
}

AdminResult update_token(const AdminRequest& r) {
  auto t = require_token(r);
  if (!t) return tl::unexpected(t.error());
  auto body = r.body();
  if (!body) return tl::unexpected(body.error());
  auto limit = body->contains("usage_limit") ? limit_of((*body)["usage_limit"]) : t->usage_limit;
  if (!limit) return tl::unexpected(limit.error());
  auto expiry = body->contains("expires_at") ? expiry_of((*body)["expires_at"]) : t->expires_at;
  if (!expiry) return tl::unexpected(expiry.error());
  if (auto set = storage::registration_tokens::set_limits(r.tx, t->id, *limit, *expiry); !set) {
    return tl::unexpected(AdminError::internal("update token", set.error()));
  }
  t->usage_limit = *limit;
  t->expires_at = *expiry;
  return token_reply(*t, r.now_ms);
}

AdminResult revoke_token(const AdminRequest& r) {
  auto t = require_token(r);
  if (!t) return tl::unexpected(t.error());
  if (t->revoked_at) return tl::unexpected(AdminError::bad_request("Registration token is already revoked"));
  if (auto done = storage::registration_tokens::revoke(r.tx, t->id, r.now_ms); !done) {
    return tl::unexpected(AdminError::internal("revoke token", done.error()));
  }
  t->revoked_at = r.now_ms;
  return token_reply(*t, r.now_ms);
}

AdminResult unrevoke_token(const AdminRequest& r) {
  auto t = require_token(r);
  if (!t) return tl::unexpected(t.error());
  if (!t->revoked_at) return tl::unexpected(AdminError::bad_request("Registration token is not revoked"));
  if (auto done = storage::registration_tokens::unrevoke(r.tx, t->id); !done) {
    return tl::unexpected(AdminError::internal("unrevoke token", done.error()));
  }
  t->revoked_at.reset();
  return token_reply(*t, r.now_ms);
}

}  // namespace

void register_registration_token_routes(http::Routes& routes, const AdminContext& ctx) {
  const std::string base = std::string(kBase) + "/user-registration-tokens";
  auto read = [&](auto fn) { return admin_handler(ctx, storage::TxMode::kRead, fn); };
  auto write = [&](auto fn) { return admin_handler(ctx, storage::TxMode::kWrite, fn); };
  routes.add("adminapi", Method::kGet, base, read(list_tokens));
  routes.add("adminapi", Method::kPost, base, write(create_token));
  routes.add("adminapi", Method::kGet, base + "/{id}", read([](const AdminRequest& r) -> AdminResult {
               auto t = require_token(r);
               if (!t) return tl::unexpected(t.error());
               return token_reply(*t, r.now_ms);
             }));
  routes.add("adminapi", Method::kPut, base + "/{id}", write(update_token));
  routes.add("adminapi", Method::kPost, base + "/{id}/revoke", write(revoke_token));
  routes.add("adminapi", Method::kPost, base + "/{id}/unrevoke", write(unrevoke_token));
}

}  // namespace gatehouse::auth::admin
