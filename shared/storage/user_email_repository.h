// The `user_emails` table. Addresses are lower-cased on the way in (ASCII
// only; the local part of real addresses is case-insensitive in practice),
// so one address cannot be added twice in different cases. Functions over an
// open Transaction; they never commit.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/user_email.h"

namespace gatehouse::storage::user_emails {

// `email` lower-cased (ASCII letters only).
std::string normalize(std::string_view email);

// Inserts the address (normalized). Errors: kConflict when any user has it.
Status add(Transaction& tx, const UserEmail& email);

// The row holding `email` (normalized before the lookup), or nullopt.
Result<std::optional<UserEmail>> find_by_email(Transaction& tx, std::string_view email);

// A user's addresses, oldest first.
Result<std::vector<UserEmail>> list_for_user(Transaction& tx, std::string_view user_id);

Result<std::optional<UserEmail>> find(Transaction& tx, std::string_view id);
// false when there was no such row.
Result<bool> remove(Transaction& tx, std::string_view id);

// Which addresses a listing takes (the admin API's filters); empty: all.
struct EmailFilter {
  std::optional<std::string> user_id;
  std::optional<std::string> email;  // normalized before the lookup
};
// A page of addresses by id after `after`, and how many the filter takes
// (page_query.h).
Result<std::vector<UserEmail>> list_page(Transaction& tx, const EmailFilter& filter,
                                         std::string_view after, std::int64_t limit);
Result<std::int64_t> count(Transaction& tx, const EmailFilter& filter);

}  // namespace gatehouse::storage::user_emails
