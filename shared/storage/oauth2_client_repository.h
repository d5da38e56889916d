// The `oauth2_clients` table. Functions over an open Transaction: they never
// commit (the caller does) and are as thread-safe as the Transaction (one
// thread at a time). Lists are JSON arrays in TEXT columns.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/oauth2_client.h"

namespace gatehouse::storage::oauth2_clients {

// Inserts the client, or replaces every field of the one with the same id
// except created_at, which keeps its first value.
Status upsert(Transaction& tx, const OAuth2Client& client);

// The client, or nullopt when there is none with this id.
Result<std::optional<OAuth2Client>> find(Transaction& tx, std::string_view id);

// All clients (only the static ones if `only_static`), ordered by id.
Result<std::vector<OAuth2Client>> list(Transaction& tx, bool only_static = false);

// Deletes the client; false when there was none (not an error).
Result<bool> remove(Transaction& tx, std::string_view id);

// The admin API's listing: `is_static` set → only static (or only dynamic)
// clients. A page by id after `after`, and how many (page_query.h).
Result<std::vector<OAuth2Client>> list_page(Transaction& tx, std::optional<bool> is_static,
                                            std::string_view after, std::int64_t limit);
Result<std::int64_t> count(Transaction& tx, std::optional<bool> is_static);

}  // namespace gatehouse::storage::oauth2_clients
