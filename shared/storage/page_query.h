// Filtered, paged listings (the admin API's): a WHERE clause built from the
// filters that are set, with $n parameters, and the page's SQL around it.
// Pages are keyed by id (a ULID, so creation order): `after` is the id the
// page starts after, `limit` how many rows at most.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/row_mapping.h"
#include "shared/storage/value.h"

namespace gatehouse::storage {

class PageQuery {
 public:
  // `column = value`.
  PageQuery& equals(std::string_view column, Value value) {
    params_.push_back(std::move(value));
    return where(std::string(column) + " = $" + std::to_string(params_.size()));
  }
  // A condition with one parameter, written `?`: "expires_at > ?".
  PageQuery& where(std::string_view condition, Value value) {
    params_.push_back(std::move(value));
    std::string text(condition);
    text.replace(text.find('?'), 1, "$" + std::to_string(params_.size()));
    return where(std::move(text));
  }
  // A condition without parameters, e.g. "finished_at IS NULL".
  PageQuery& where(std::string condition) {
    conditions_.push_back(std::move(condition));
    return *this;
  }

  // "SELECT COUNT(*) AS n FROM table WHERE …" and its parameters.
  std::string count_sql(std::string_view table) const {
    return "SELECT COUNT(*) AS n FROM " + std::string(table) + clause(conditions_);
  }
  const Params& params() const { return params_; }

  // "SELECT columns FROM table WHERE … [AND id > $n] ORDER BY id LIMIT $m"
  // and its parameters.
  std::pair<std::string, Params> page_sql(std::string_view columns, std::string_view table,
                                          std::string_view after, std::int64_t limit) const {
    Params params = params_;
    auto conditions = conditions_;
    if (!after.empty()) {
      params.emplace_back(after);
      conditions.push_back("id > $" + std::to_string(params.size()));
    }
    params.emplace_back(limit);
    return {"SELECT " + std::string(columns) + " FROM " + std::string(table) + clause(conditions) +
                " ORDER BY id LIMIT $" + std::to_string(params.size()),
            std::move(params)};
  }

 private:
  static std::string clause(const std::vector<std::string>& conditions) {
    std::string sql;
    for (const auto& c : conditions) sql += (sql.empty() ? " WHERE " : " AND ") + c;
    return sql;
  }

  std::vector<std::string> conditions_;
  Params params_;
};

// The filters every kind of session shares: its user, finished or not.
inline PageQuery session_query(const std::optional<std::string>& user_id,
                               std::optional<bool> finished) {
  PageQuery q;
  if (user_id) q.equals("user_id", *user_id);
  if (finished) q.where(*finished ? "finished_at IS NOT NULL" : "finished_at IS NULL");
  return q;
}

// The page of `table` rows the query takes, mapped by `from_row`.
template <class FromRow>
auto page_rows(Transaction& tx, const PageQuery& query, std::string_view columns,
               std::string_view table, std::string_view after, std::int64_t limit,
               FromRow from_row) {
  auto [sql, params] = query.page_sql(columns, table, after, limit);
  return query_all(tx, sql, params, from_row);
}

// How many rows of `table` the query's filters take.
inline Result<std::int64_t> count_rows(Transaction& tx, const PageQuery& query,
                                       std::string_view table) {
  GH_TRY(auto row, tx.query_one(query.count_sql(table), query.params()));
  if (!row) return std::int64_t{0};
  return row->get_int("n");
}

}  // namespace gatehouse::storage
