#include "shared/storage/postgres/pg_errors.h"

#include <string>

#include <pqxx/except>

namespace gatehouse::storage::postgres {

Error to_error(const std::exception& e, std::string_view what) {
  const std::string prefix(what);
  if (dynamic_cast<const pqxx::unique_violation*>(&e)) {
    return Error{ErrorCode::kConflict, prefix + ": a row with this key already exists", one_line(e.what())};
  }
  if (is_broken_connection(e)) {
    return Error{ErrorCode::kUnavailable, prefix + ": lost the connection to PostgreSQL", one_line(e.what())};
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string& state = sql->sqlstate();
    std::string detail = one_line(e.what()) + (state.empty() ? "" : " [SQLSTATE " + state + "]");
    if (state == "40001" || state == "40P01") {
      return Error{ErrorCode::kConflict, prefix + ": concurrent update; retry the transaction",
                   std::move(detail)};
    }
    return Error{ErrorCode::kDatabase, prefix + " failed", std::move(detail)};
  }
  return Error{ErrorCode::kDatabase, prefix + " failed", one_line(e.what())};
}

std::string one_line(std::string_view message) {
  std::string out;
  bool space = false;
  for (char c : message) {
    if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool is_broken_connection(const std::exception& e) {
  return dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr ||
         dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr;
}

}  // namespace gatehouse::storage::postgres
