#include "auth/web/account_action.h"

#include <array>
#include <utility>

#include "auth/web/authorization_response.h"

namespace gatehouse::web {
namespace {

// The stable name first: account_action_query writes it.
constexpr std::array<std::pair<std::string_view, AccountView>, 8> kActions = {{
    {"org.matrix.profile", AccountView::kProfile},
    {"org.matrix.devices_list", AccountView::kSessions},
    {"org.matrix.device_view", AccountView::kSessionView},
    {"org.matrix.device_delete", AccountView::kSessionEnd},
    {"org.matrix.cross_signing_reset", AccountView::kCrossSigningReset},
    {"org.matrix.sessions_list", AccountView::kSessions},
    {"org.matrix.session_view", AccountView::kSessionView},
    {"org.matrix.session_end", AccountView::kSessionEnd},
}};

// Device IDs come from clients (any string for a compat /login), so the
// page only compares them with the user's own; this bounds what it echoes.
bool usable_device_id(std::string_view id) {
  if (id.empty() || id.size() > 255) return false;
  for (unsigned char c : id) {
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

}  // namespace

AccountAction parse_account_action(std::string_view action, std::string_view device_id) {
  for (const auto& [name, view] : kActions) {
    if (name != action) continue;
    const bool about_one_device = view == AccountView::kSessionView || view == AccountView::kSessionEnd;
    if (!about_one_device) return {view, ""};
    if (!usable_device_id(device_id)) return {AccountView::kSessions, ""};
    return {view, std::string(device_id)};
  }
  return {};
}

std::string account_action_query(const AccountAction& action) {
  for (const auto& [name, view] : kActions) {
    if (view != action.view) continue;
    std::string query = "action=" + std::string(name);
    if (!action.device_id.empty()) query += "&device_id=" + percent_encode(action.device_id);
    return query;
  }
  return {};
}

std::string account_path(const AccountAction& action) {
  const auto query = account_action_query(action);
  return query.empty() ? "account/" : "account/?" + query;
}

}  // namespace gatehouse::web
