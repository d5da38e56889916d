// What a client asks the account page to show (MSC4191: the discovery
// document's account_management_uri with `?action=`, and `device_id` for
// the actions about one device). Both generations of action names are
// accepted: org.matrix.device_* / devices_list and the older
// org.matrix.session_* / sessions_list. An unknown action, or a device
// action without a usable device_id, shows the whole page: a client that
// asks for something we do not know still lands somewhere useful.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace gatehouse::web {

enum class AccountView {
  kOverview,           // no action: profile and sessions
  kProfile,            // org.matrix.profile
  kSessions,           // org.matrix.devices_list, org.matrix.sessions_list
  kSessionView,        // org.matrix.device_view, org.matrix.session_view
  kSessionEnd,         // org.matrix.device_delete, org.matrix.session_end
  kCrossSigningReset,  // org.matrix.cross_signing_reset
};

struct AccountAction {
  AccountView view = AccountView::kOverview;
  std::string device_id;  // kSessionView and kSessionEnd only

  bool operator==(const AccountAction&) const = default;
};

AccountAction parse_account_action(std::string_view action, std::string_view device_id);

// "action=…[&device_id=…]" with the stable names, or "" for kOverview.
std::string account_action_query(const AccountAction& action);

// The account page's path for `action`: "account/[?…]".
std::string account_path(const AccountAction& action);

}  // namespace gatehouse::web
