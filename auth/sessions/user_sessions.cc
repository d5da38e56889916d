#include "auth/sessions/user_sessions.h"

#include <array>

#include "shared/storage/browser_session_repository.h"
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/oauth2_session_repository.h"

namespace gatehouse::auth::sessions {
namespace {

struct SessionKind {
  const char* name;
  Result<std::int64_t> (*count)(storage::Transaction&, std::string_view user_id);
  Result<std::int64_t> (*finish)(storage::Transaction&, std::string_view user_id, std::int64_t at);
};

template <auto kListActive>
Result<std::int64_t> count_of(storage::Transaction& tx, std::string_view user_id) {
  GH_TRY(auto active, kListActive(tx, user_id));
  return static_cast<std::int64_t>(active.size());
}

constexpr std::array kSessionKinds = {
    SessionKind{"browser", count_of<storage::browser_sessions::list_active>,
                storage::browser_sessions::finish_all_for_user},
    SessionKind{"compat", count_of<storage::compat_sessions::list_active_for_user>,
                storage::compat_sessions::finish_all_for_user},
    SessionKind{"oauth2", count_of<storage::oauth2_sessions::list_active_for_user>,
                storage::oauth2_sessions::finish_all_for_user},
};

}  // namespace

Result<std::vector<SessionCount>> count_live_sessions(storage::Transaction& tx,
                                                      std::string_view user_id) {
  std::vector<SessionCount> out;
  for (const auto& kind : kSessionKinds) {
    GH_TRY(auto n, kind.count(tx, user_id));
    out.push_back({kind.name, n});
  }
  return out;
}

Result<std::vector<SessionCount>> finish_all_sessions(storage::Transaction& tx,
                                                      std::string_view user_id, std::int64_t at) {
  std::vector<SessionCount> out;
  for (const auto& kind : kSessionKinds) {
    GH_TRY(auto n, kind.finish(tx, user_id, at));
    out.push_back({kind.name, n});
  }
  return out;
}

std::string describe(const std::vector<SessionCount>& counts) {
  std::string out;
  for (const auto& c : counts) {
    if (!out.empty()) out += ", ";
    out += std::to_string(c.count) + " " + c.kind;
  }
  return out;
}

}  // namespace gatehouse::auth::sessions
