// MSC4191 account actions: both generations of names, device actions need a
// usable device_id, and the continuation through the login page keeps them.
#include "auth/web/account_action.h"

#include <doctest/doctest.h>

#include "auth/web/continuation.h"

namespace gatehouse::web {
namespace {

TEST_CASE("account actions: stable and older names mean the same view") {
  CHECK(parse_account_action("org.matrix.profile", "") == AccountAction{AccountView::kProfile, ""});
  CHECK(parse_account_action("org.matrix.devices_list", "") ==
        parse_account_action("org.matrix.sessions_list", ""));
  CHECK(parse_account_action("org.matrix.device_view", "ABCDEFGHIJ") ==
        AccountAction{AccountView::kSessionView, "ABCDEFGHIJ"});
  CHECK(parse_account_action("org.matrix.session_view", "ABCDEFGHIJ") ==
        AccountAction{AccountView::kSessionView, "ABCDEFGHIJ"});
  CHECK(parse_account_action("org.matrix.device_delete", "X") ==
        AccountAction{AccountView::kSessionEnd, "X"});
  CHECK(parse_account_action("org.matrix.session_end", "X") ==
        AccountAction{AccountView::kSessionEnd, "X"});
  CHECK(parse_account_action("org.matrix.cross_signing_reset", "ignored") ==
        AccountAction{AccountView::kCrossSigningReset, ""});
}

TEST_CASE("account actions: unknown ones show the whole page; a bad device_id the list") {
  CHECK(parse_account_action("", "") == AccountAction{});
  CHECK(parse_account_action("org.example.other", "X") == AccountAction{});
  CHECK(parse_account_action("org.matrix.device_view", "").view == AccountView::kSessions);
  CHECK(parse_account_action("org.matrix.device_delete", "two words").view == AccountView::kSessions);
  CHECK(parse_account_action("org.matrix.device_view", std::string(256, 'A')).view ==
        AccountView::kSessions);
}

TEST_CASE("account actions: the query uses the stable names and encodes the device") {
  CHECK(account_action_query({}).empty());
  CHECK(account_path({}) == "account/");
  CHECK(account_action_query({AccountView::kSessionEnd, "A&B=C"}) ==
        "action=org.matrix.device_delete&device_id=A%26B%3DC");
  CHECK(account_path({AccountView::kSessions, ""}) == "account/?action=org.matrix.devices_list");
}

TEST_CASE("account actions survive the login page round trip") {
  const Continuation next{Continuation::Kind::kManageAccount, "",
                          {AccountView::kSessionView, "ABCDEFGHIJ"}};
  CHECK(login_path(next) == "login?kind=manage_account&action=org.matrix.device_view&device_id=ABCDEFGHIJ");
  httplib::Request req;
  req.params.emplace("kind", "manage_account");
  req.params.emplace("action", "org.matrix.device_view");
  req.params.emplace("device_id", "ABCDEFGHIJ");
  CHECK(parse_continuation(req) == next);
  CHECK(continuation_path(next) == "account/?action=org.matrix.device_view&device_id=ABCDEFGHIJ");
  const Continuation plain{Continuation::Kind::kManageAccount, "", {}};
  CHECK(login_path(plain) == "login?kind=manage_account");
  CHECK(continuation_path(plain) == "account/");
}

}  // namespace
}  // namespace gatehouse::web
