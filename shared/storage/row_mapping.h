// Turning query results into model structs, shared by the repositories:
// `from_row` is a function Row → Result<T> each repository writes once.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::storage {

// The only row mapped, or nullopt when the query returns none.
template <class FromRow>
auto query_optional(Transaction& tx, std::string_view sql, const Params& params,
                    FromRow from_row)
    -> Result<std::optional<typename decltype(from_row(std::declval<const Row&>()))::value_type>> {
  using T = typename decltype(from_row(std::declval<const Row&>()))::value_type;
  GH_TRY(auto row, tx.query_one(sql, params));
  if (!row) return std::optional<T>{};
  GH_TRY(T value, from_row(*row));
  return std::optional<T>(std::move(value));
}

// Every row mapped, in query order.
template <class FromRow>
auto query_all(Transaction& tx, std::string_view sql, const Params& params, FromRow from_row)
    -> Result<std::vector<typename decltype(from_row(std::declval<const Row&>()))::value_type>> {
  using T = typename decltype(from_row(std::declval<const Row&>()))::value_type;
  GH_TRY(auto rows, tx.query(sql, params));
  std::vector<T> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    GH_TRY(T value, from_row(row));
    out.push_back(std::move(value));
  }
  return out;
}

// true when the statement changed at least one row.
inline Result<bool> execute_changed(Transaction& tx, std::string_view sql, const Params& params) {
  GH_TRY(std::int64_t n, tx.execute(sql, params));
  return n > 0;
}

// "$first, $first+1, ..." : `count` placeholders, for an INSERT whose
// parameters follow another statement's in a combined one.
inline std::string placeholders(int first, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    if (i) out += ", ";
    out += "$" + std::to_string(first + i);
  }
  return out;
}

}  // namespace gatehouse::storage
