// Synapse's provisioning API for MAS, /_synapse/mas/* (homeserver-protocol.md),
// plus Gatehouse's extension POST /_gatehouse/v1/invalidate. Every route
// requires `Authorization: Bearer <matrix_authentication_service.secret>`
// (constant-time comparison), else 403 "This endpoint must only be called
// by MAS". Paths that remove devices or users evict their cached tokens
// after committing, so the next request with such a token is 401.
//
// Thread safety: handlers run concurrently; the Context outlives them.
#pragma once

#include <string_view>

#include "homeserver/api/matrix_error.h"
#include "homeserver/context.h"
#include "shared/http/routes.h"
#include "shared/storage/database.h"

namespace gatehouse::homeserver::provisioning {

void register_provisioning(http::Routes& routes, Context& ctx);

// --- shared by the handler files -------------------------------------------

// Registers `handler` under the `client` resource behind the secret check.
void add_route(http::Routes& routes, http::Method method, const char* path, const Context& ctx,
               api::ApiHandler handler);

// 403 unless the Bearer token is the shared secret.
api::ApiStatus require_auth_service(const httplib::Request& req, const Context& ctx);

// A write transaction, or 503/500.
api::ApiResult<std::unique_ptr<gatehouse::storage::Transaction>> begin(const Context& ctx);

// 404 "User not found" unless the localpart exists.
api::ApiStatus require_user(gatehouse::storage::Transaction& tx, std::string_view localpart);

// Synapse's check for a new localpart: empty, characters outside
// [a-z0-9._=\-/+], a leading '_' or a user ID over 255 characters → false.
bool is_valid_localpart(std::string_view localpart, std::string_view server_name);

void register_user_routes(http::Routes& routes, Context& ctx);
void register_device_routes(http::Routes& routes, Context& ctx);
void register_invalidate_route(http::Routes& routes, Context& ctx);

}  // namespace gatehouse::homeserver::provisioning
