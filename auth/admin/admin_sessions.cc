// /api/admin/v1/oauth2-sessions/{id} and /compat-sessions/{id}: get, and
// finish (POST …/finish), which ends the session as a revocation does: its
// tokens fail at the homeserver at once and its device goes.
#include "auth/admin/admin_resources.h"
#include "auth/admin/admin_routes.h"
#include "auth/sessions/ended_sessions.h"
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/oauth2_session_repository.h"

namespace gatehouse::auth::admin {
namespace {

using http::Method;

// One kind of session: how to find and finish it, how to show it, and
// whose device to note when it ends.
template <class Session>
struct SessionKind {
  std::string_view noun;  // "OAuth 2.0 session"
  Result<std::optional<Session>> (*find)(storage::Transaction&, std::string_view);
  Result<bool> (*finish)(storage::Transaction&, std::string_view, std::int64_t);
  nlohmann::json (*resource)(const Session&);
  Status (*note)(storage::Transaction&, const Session&, sessions::EndedSessions&);
};

Status note_oauth2(storage::Transaction& tx, const storage::OAuth2Session& s,
                   sessions::EndedSessions& ended) {
  return ended.note(tx, s);
}

Status note_compat(storage::Transaction& tx, const storage::CompatSession& s,
                   sessions::EndedSessions& ended) {
  return ended.note_user(tx, s.user_id, s.device_id);
}

constexpr SessionKind<storage::OAuth2Session> kOAuth2{
    "OAuth 2.0 session", storage::oauth2_sessions::find, storage::oauth2_sessions::finish,
    oauth2_session_resource, note_oauth2};
constexpr SessionKind<storage::CompatSession> kCompat{
    "Compatibility session", storage::compat_sessions::find, storage::compat_sessions::finish,
    compat_session_resource, note_compat};

template <class Session>
tl::expected<Session, AdminError> require(const SessionKind<Session>& kind, const AdminRequest& r) {
  const auto id = std::string(r.params.get("id"));
  auto found = kind.find(r.tx, id);
  if (!found) return tl::unexpected(AdminError::internal("find session", found.error()));
  if (!*found) return tl::unexpected(AdminError::not_found(std::string(kind.noun) + " ID " + id + " not found"));
  return std::move(**found);
}

template <class Session>
AdminResult get(const SessionKind<Session>& kind, const AdminRequest& r) {
  auto session = require(kind, r);
  if (!session) return tl::unexpected(session.error());
  return AdminReply{200, single_document(kind.resource(*session)), {}};
}

template <class Session>
AdminResult finish(const SessionKind<Session>& kind, const AdminRequest& r) {
  auto session = require(kind, r);
  if (!session) return tl::unexpected(session.error());
  if (session->finished_at) {
    return tl::unexpected(AdminError::bad_request(std::string(kind.noun) + " is already finished"));
  }
  if (auto done = kind.finish(r.tx, session->id, r.now_ms); !done) {
    return tl::unexpected(AdminError::internal("finish session", done.error()));
  }
  sessions::EndedSessions ended;
  if (auto noted = kind.note(r.tx, *session, ended); !noted) {
    return tl::unexpected(AdminError::internal("note ended session", noted.error()));
  }
  auto after = require(kind, r);
  if (!after) return tl::unexpected(after.error());
  return AdminReply{200, single_document(kind.resource(*after)),
                    [&ctx = r.ctx, ended = std::move(ended)] {
                      ended.announce(ctx.homeserver.get(), *ctx.db, *ctx.clock);
                    }};
}

template <class Session>
void add_kind(http::Routes& routes, const AdminContext& ctx, const std::string& collection,
              const SessionKind<Session>& kind) {
  const std::string base = std::string(kBase) + "/" + collection + "/{id}";
  routes.add("adminapi", Method::kGet, base,
             admin_handler(ctx, storage::TxMode::kRead, [&kind](const AdminRequest& r) { return get(kind, r); }));
  routes.add("adminapi", Method::kPost, base + "/finish",
             admin_handler(ctx, storage::TxMode::kWrite,
                           [&kind](const AdminRequest& r) { return finish(kind, r); }));
}

}  // namespace

void register_session_routes(http::Routes& routes, const AdminContext& ctx) {
  add_kind(routes, ctx, "oauth2-sessions", kOAuth2);
  add_kind(routes, ctx, "compat-sessions", kCompat);
}

}  // namespace gatehouse::auth::admin
