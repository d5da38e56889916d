// /api/admin/v1/users: list (filter[admin], filter[status], paged), get by
// id or username, create, and the account changes MAS's admin API offers:
// set-password, set-admin, lock, unlock, deactivate, reactivate. Each
// change reaches the homeserver as `gatehouse manage` makes it
// (auth/sessions/account_status.h).
#include "auth/admin/admin_routes.h"

#include <spdlog/spdlog.h>

#include "auth/accounts/account_service.h"
#include "auth/accounts/localpart.h"
#include "auth/accounts/password_strength.h"
#include "auth/admin/admin_filters.h"
#include "auth/admin/admin_resources.h"
#include "auth/sessions/account_status.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::admin {
namespace {

using http::Method;

AdminReply user_reply(const storage::User& user, int status = 200) {
  return {status, single_document(user_resource(user)), {}};
}

tl::expected<storage::User, AdminError> require_user(const AdminRequest& r) {
  const auto id = std::string(r.params.get("id"));
  auto user = storage::users::find(r.tx, id);
  if (!user) return tl::unexpected(AdminError::internal("find user", user.error()));
  if (!*user) return tl::unexpected(AdminError::not_found("User ID " + id + " not found"));
  return std::move(**user);
}

// The user again after a change, as the answer.
AdminResult reread(const AdminRequest& r, AdminReply reply = {}) {
  auto user = require_user(r);
  if (!user) return tl::unexpected(user.error());
  reply.body = single_document(user_resource(*user));
  return reply;
}

AdminResult list_users(const AdminRequest& r) {
  auto page = parse_page(r.http);
  if (!page) return tl::unexpected(page.error());
  ListFilters filters(r.http);
  const storage::users::UserFilter filter{filters.flag("admin"),
                                          filters.one_of("status", {"active", "locked", "deactivated"})};
  if (filters.error()) return tl::unexpected(*filters.error());
  // One more than asked: whether a next page exists.
  auto users = storage::users::list_page(r.tx, filter, page->after, page->first + 1);
  if (!users) return tl::unexpected(AdminError::internal("list users", users.error()));
  auto count = storage::users::count(r.tx, filter);
  if (!count) return tl::unexpected(AdminError::internal("count users", count.error()));
  return AdminReply{200, page_of(std::move(*users), *count, "/users", filters.query(), *page, user_resource),
                    {}};
}

AdminResult get_user_by_username(const AdminRequest& r) {
  const auto username = std::string(r.params.get("username"));
  auto user = storage::users::find_by_username(r.tx, username);
  if (!user) return tl::unexpected(AdminError::internal("find user", user.error()));
  if (!*user) return tl::unexpected(AdminError::not_found("User with username " + username + " not found"));
  return user_reply(**user);
}

AdminResult set_password(const AdminRequest& r) {
  auto user = require_user(r);
  if (!user) return tl::unexpected(user.error());
  auto body = r.body();
  if (!body) return tl::unexpected(body.error());
  const auto password = body->value("password", std::string());
  if (password.empty()) return tl::unexpected(AdminError::bad_request("password is required"));
  if (!body->value("skip_password_check", false)) {
    const auto strength = accounts::check_password_strength(
        password, r.ctx.config.passwords.minimum_complexity, {user->username});
    if (!strength.acceptable) {
      return tl::unexpected(AdminError::bad_request("Password is too weak: " + strength.reason));
    }
  }
  // Hashed in the route's read transaction, then stored in a short write
  // one: the slow hash holds up no other writer.
  auto hashed = r.ctx.passwords.hash(password);
  if (!hashed) return tl::unexpected(AdminError::internal("hash password", hashed.error()));
  auto write = r.ctx.db->begin(storage::TxMode::kWrite);
  if (!write) return tl::unexpected(AdminError::internal("begin", write.error()));
  if (auto set = accounts::set_password(**write, *r.ctx.clock, user->id, *hashed); !set) {
    return tl::unexpected(AdminError::internal("set password", set.error()));
  }
  if (auto committed = (*write)->commit(); !committed) {
    return tl::unexpected(AdminError::internal("commit", committed.error()));
  }
  return AdminReply{204, std::nullopt, {}};
}

AdminResult set_admin(const AdminRequest& r) {
  auto user = require_user(r);
  if (!user) return tl::unexpected(user.error());
  auto body = r.body();
  if (!body) return tl::unexpected(body.error());
  if (!body->contains("admin") || !(*body)["admin"].is_boolean()) {
    return tl::unexpected(AdminError::bad_request("admin must be true or false"));
  }
  if (auto set = storage::users::set_can_request_admin(r.tx, user->id, (*body)["admin"].get<bool>());
      !set) {
    return tl::unexpected(AdminError::internal("set admin", set.error()));
  }
  return reread(r);
}

// After the commit: the user's cached tokens fail at the homeserver at once.
std::function<void()> announce(const AdminRequest& r, sessions::EndedSessions ended) {
  return [&ctx = r.ctx, ended = std::move(ended)] {
    ended.announce(ctx.homeserver.get(), *ctx.db, *ctx.clock);
  };
}

AdminResult lock(const AdminRequest& r) {
  auto user = require_user(r);
  if (!user) return tl::unexpected(user.error());
  sessions::EndedSessions ended;
  if (auto locked = sessions::lock_account(r.tx, *r.ctx.clock, *user, ended); !locked) {
    return tl::unexpected(AdminError::internal("lock", locked.error()));
  }
  return reread(r, {200, std::nullopt, announce(r, std::move(ended))});
}

AdminResult unlock(const AdminRequest& r) {
  auto user = require_user(r);
  if (!user) return tl::unexpected(user.error());
  if (auto unlocked = sessions::unlock_account(r.tx, *r.ctx.clock, *user); !unlocked) {
    return tl::unexpected(AdminError::internal("unlock", unlocked.error()));
  }
  return reread(r);
}

// MAS locks and deactivates, and asks the homeserver to erase the user's
// data unless the body says {"skip_erase": true}.
AdminResult deactivate(const AdminRequest& r) {
  auto user = require_user(r);
  if (!user) return tl::unexpected(user.error());
  auto body = r.body();
  if (!body) return tl::unexpected(body.error());
  const bool erase = !body->value("skip_erase", false);
  sessions::EndedSessions ended;
  if (auto locked = sessions::lock_account(r.tx, *r.ctx.clock, *user, ended); !locked) {
    return tl::unexpected(AdminError::internal("lock", locked.error()));
  }
  if (auto done = sessions::deactivate_account(r.tx, *r.ctx.clock, *user, erase, ended); !done) {
    return tl::unexpected(AdminError::internal("deactivate", done.error()));
  }
  return reread(r, {200, std::nullopt, announce(r, std::move(ended))});
}

AdminResult reactivate(const AdminRequest& r) {
  auto user = require_user(r);
  if (!user) return tl::unexpected(user.error());
  if (auto done = sessions::reactivate_account(r.tx, *r.ctx.clock, *user); !done) {
    return tl::unexpected(AdminError::internal("reactivate", done.error()));
  }
  return reread(r);
}

// POST /users {username, skip_homeserver_check?}: the homeserver is asked
// whether the username is free before any transaction opens (a slow or
// absent homeserver holds up no writer). The homeserver account follows
// through the provision-user job, as with `manage register-user`.
void create_user(const AdminContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (auto caller = check_caller(ctx, req); !caller) return write_admin_error(res, caller.error());
  auto body = json_body(req);
  if (!body) return write_admin_error(res, body.error());
  if (!body->contains("username") || !(*body)["username"].is_string()) {
    return write_admin_error(res, AdminError::bad_request("username is required"));
  }
  const auto username = (*body)["username"].get<std::string>();
  // Refused here before the homeserver is asked (it would only say "not available").
  if (auto valid = accounts::validate_localpart(username, ctx.config.matrix.homeserver); !valid) {
    return write_admin_error(res, AdminError::bad_request("Invalid username: " + valid.error().message));
  }
  if (ctx.homeserver && !body->value("skip_homeserver_check", false)) {
    auto free = ctx.homeserver->is_localpart_available(username);
    if (!free) {
      spdlog::warn("admin api: is_localpart_available: {}", free.error().describe());
      return write_admin_error(res, AdminError{503, "The homeserver could not be asked whether the username is "
                                                    "free; retry, or send skip_homeserver_check: true"});
    }
    if (!*free) {
      return write_admin_error(res, AdminError::conflict("Username is not available on the homeserver"));
    }
  }
  auto tx = ctx.db->begin(storage::TxMode::kWrite);
  if (!tx) return write_admin_error(res, AdminError::internal("begin", tx.error()));
  auto user = accounts::register_user(**tx, *ctx.clock, ctx.config.matrix.homeserver,
                                      accounts::NewUser{username});
  if (!user) {
    const auto& e = user.error();
    if (e.code == ErrorCode::kInvalidInput) return write_admin_error(res, AdminError::bad_request(e.message));
    if (e.code == ErrorCode::kConflict) return write_admin_error(res, AdminError::conflict(e.message));
    return write_admin_error(res, AdminError::internal("register user", e));
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return write_admin_error(res, AdminError::internal("commit", committed.error()));
  }
  write_admin_reply(res, user_reply(*user, 201));
}

}  // namespace

void register_user_routes(http::Routes& routes, const AdminContext& ctx) {
  const std::string base = std::string(kBase) + "/users";
  auto read = [&](auto fn) { return admin_handler(ctx, storage::TxMode::kRead, fn); };
  auto write = [&](auto fn) { return admin_handler(ctx, storage::TxMode::kWrite, fn); };
  routes.add("adminapi", Method::kGet, base, read(list_users));
  routes.add("adminapi", Method::kPost, base,
             [&ctx](const httplib::Request& req, httplib::Response& res) { create_user(ctx, req, res); });
  routes.add("adminapi", Method::kGet, base + "/by-username/{username}", read(get_user_by_username));
  routes.add("adminapi", Method::kGet, base + "/{id}", read([](const AdminRequest& r) -> AdminResult {
               auto user = require_user(r);
               if (!user) return tl::unexpected(user.error());
               return user_reply(*user);
             }));
  routes.add("adminapi", Method::kPost, base + "/{id}/set-password", read(set_password));
  routes.add("adminapi", Method::kPost, base + "/{id}/set-admin", write(set_admin));
  routes.add("adminapi", Method::kPost, base + "/{id}/lock", write(lock));
  routes.add("adminapi", Method::kPost, base + "/{id}/unlock", write(unlock));
  routes.add("adminapi", Method::kPost, base + "/{id}/deactivate", write(deactivate));
  routes.add("adminapi", Method::kPost, base + "/{id}/reactivate", write(reactivate));
}

}  // namespace gatehouse::auth::admin
