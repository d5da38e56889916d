// /api/admin/v1/oauth2-sessions, /compat-sessions and /user-sessions (the
// browser sessions of the web pages): list (filter[user],
// filter[status]=active|finished, and for OAuth 2.0 filter[client]; paged),
// get, and finish (POST …/finish), which ends the session as a revocation
// does: its tokens fail at the homeserver at once and its device goes.
#include "auth/admin/admin_filters.h"
#include "auth/admin/admin_resources.h"
#include "auth/admin/admin_routes.h"
#include "auth/sessions/ended_sessions.h"
#include "shared/storage/browser_session_repository.h"
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/oauth2_session_repository.h"

namespace gatehouse::auth::admin {
namespace {

using http::Method;

// The list filters every kind shares (filter[client]: OAuth 2.0 only).
struct ListFilter {
  std::optional<std::string> user_id;
  std::optional<std::string> client_id;
  std::optional<bool> finished;
};

storage::oauth2_sessions::SessionFilter oauth2_filter(const ListFilter& f) {
  return {f.user_id, f.client_id, f.finished};
}
storage::compat_sessions::SessionFilter compat_filter(const ListFilter& f) {
  return {f.user_id, f.finished};
}
storage::browser_sessions::SessionFilter browser_filter(const ListFilter& f) {
  return {f.user_id, f.finished};
}

// One kind of session: how to list, find and finish it, how to show it,
// and whose device to note when it ends.
template <class Session, class Filter>
struct SessionKind {
  std::string_view noun;  // "OAuth 2.0 session"
  std::string_view collection;  // "oauth2-sessions"
  bool client_filter;
  Filter (*filter)(const ListFilter&);
  Result<std::vector<Session>> (*list)(storage::Transaction&, const Filter&, std::string_view, std::int64_t);
  Result<std::int64_t> (*count)(storage::Transaction&, const Filter&);
  Result<std::optional<Session>> (*find)(storage::Transaction&, std::string_view);
  Result<bool> (*finish)(storage::Transaction&, std::string_view, std::int64_t);
  nlohmann::json (*resource)(const Session&);
  Status (*note)(storage::Transaction&, const Session&, sessions::EndedSessions&);
};

Status note_oauth2(storage::Transaction& tx, const storage::OAuth2Session& s,
                   sessions::EndedSessions& ended) {
  return ended.note(tx, s);
}

// A browser session holds no device and no token of its own.
Status note_nothing(storage::Transaction&, const storage::BrowserSession&, sessions::EndedSessions&) {
  return ok();
}

Status note_compat(storage::Transaction& tx, const storage::CompatSession& s,
                   sessions::EndedSessions& ended) {
  return ended.note_user(tx, s.user_id, s.device_id);
}

constexpr SessionKind<storage::OAuth2Session, storage::oauth2_sessions::SessionFilter> kOAuth2{
    "OAuth 2.0 session", "oauth2-sessions", true, oauth2_filter,
    storage::oauth2_sessions::list_page, storage::oauth2_sessions::count,
    storage::oauth2_sessions::find, storage::oauth2_sessions::finish,
    oauth2_session_resource, note_oauth2};
constexpr SessionKind<storage::CompatSession, storage::compat_sessions::SessionFilter> kCompat{
    "Compatibility session", "compat-sessions", false, compat_filter,
    storage::compat_sessions::list_page, storage::compat_sessions::count,
    storage::compat_sessions::find, storage::compat_sessions::finish,
    compat_session_resource, note_compat};
constexpr SessionKind<storage::BrowserSession, storage::browser_sessions::SessionFilter> kBrowser{
    "User session", "user-sessions", false, browser_filter,
    storage::browser_sessions::list_page, storage::browser_sessions::count,
    storage::browser_sessions::find, storage::browser_sessions::finish,
    user_session_resource, note_nothing};

template <class Session, class Filter>
tl::expected<Session, AdminError> require(const SessionKind<Session, Filter>& kind, const AdminRequest& r) {
  const auto id = std::string(r.params.get("id"));
  auto found = kind.find(r.tx, id);
  if (!found) return tl::unexpected(AdminError::internal("find session", found.error()));
  if (!*found) return tl::unexpected(AdminError::not_found(std::string(kind.noun) + " ID " + id + " not found"));
  return std::move(**found);
}

template <class Session, class Filter>
AdminResult list(const SessionKind<Session, Filter>& kind, const AdminRequest& r) {
  auto page = parse_page(r.http);
  if (!page) return tl::unexpected(page.error());
  ListFilters filters(r.http);
  ListFilter filter;
  filter.user_id = filters.id("user");
  if (kind.client_filter) filter.client_id = filters.id("client");
  if (auto status = filters.one_of("status", {"active", "finished"})) filter.finished = *status == "finished";
  if (filters.error()) return tl::unexpected(*filters.error());
  const Filter storage_filter = kind.filter(filter);
  // One more than asked: whether a next page exists.
  auto found = kind.list(r.tx, storage_filter, page->after, page->first + 1);
  if (!found) return tl::unexpected(AdminError::internal("list sessions", found.error()));
  auto count = kind.count(r.tx, storage_filter);
  if (!count) return tl::unexpected(AdminError::internal("count sessions", count.error()));
  return AdminReply{200,
                    page_of(std::move(*found), *count, "/" + std::string(kind.collection),
                            filters.query(), *page, kind.resource),
                    {}};
}

template <class Session, class Filter>
AdminResult get(const SessionKind<Session, Filter>& kind, const AdminRequest& r) {
  auto session = require(kind, r);
  if (!session) return tl::unexpected(session.error());
  return AdminReply{200, single_document(kind.resource(*session)), {}};
}

template <class Session, class Filter>
AdminResult finish(const SessionKind<Session, Filter>& kind, const AdminRequest& r) {
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

template <class Session, class Filter>
void add_kind(http::Routes& routes, const AdminContext& ctx, const SessionKind<Session, Filter>& kind) {
  const std::string collection = std::string(kBase) + "/" + std::string(kind.collection);
  routes.add("adminapi", Method::kGet, collection,
             admin_handler(ctx, storage::TxMode::kRead, [&kind](const AdminRequest& r) { return list(kind, r); }));
  const std::string base = collection + "/{id}";
  routes.add("adminapi", Method::kGet, base,
             admin_handler(ctx, storage::TxMode::kRead, [&kind](const AdminRequest& r) { return get(kind, r); }));
  routes.add("adminapi", Method::kPost, base + "/finish",
             admin_handler(ctx, storage::TxMode::kWrite,
                           [&kind](const AdminRequest& r) { return finish(kind, r); }));
}

}  // namespace

void register_session_routes(http::Routes& routes, const AdminContext& ctx) {
  add_kind(routes, ctx, kOAuth2);
  add_kind(routes, ctx, kCompat);
  add_kind(routes, ctx, kBrowser);
}

}  // namespace gatehouse::auth::admin
