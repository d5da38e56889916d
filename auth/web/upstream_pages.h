// What the upstream sign-in pages share (upstream_authorize.cc,
// upstream_callback.cc, upstream_link.cc, and the login page's buttons).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auth/web/continuation.h"
#include "auth/web/templates.h"
#include "auth/web/web_context.h"

namespace gatehouse::web {

// A trip to a provider and back must end within this time (the person may
// have to sign in there, with a second factor).
inline constexpr std::int64_t kUpstreamTripLifetimeMs = 30 * 60 * 1000;

// Our redirect_uri at the provider: <public_base>upstream/callback/<id>.
std::string upstream_callback_url(const WebContext& ctx, std::string_view provider_id);

// One "Continue with …" button per enabled provider, carrying `next`.
std::vector<UpstreamButton> upstream_buttons(const WebContext& ctx, const Continuation& next);

}  // namespace gatehouse::web
