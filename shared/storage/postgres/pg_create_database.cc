#include "shared/storage/postgres/pg_create_database.h"

#include <pqxx/pqxx>

#include "shared/storage/postgres/pg_errors.h"

namespace gatehouse::storage::postgres {

namespace {

// A double-quoted SQL identifier, for the statement we show to the operator.
std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Status ensure_database_exists(const PgUri& uri, const Error& connect_error) {
  if (uri.database.empty() || uri.database == "postgres") return fail(connect_error);
  std::unique_ptr<pqxx::connection> maintenance;
  try {
    maintenance = std::make_unique<pqxx::connection>(
        uri.with_database("postgres").with_default_param("connect_timeout", "10").to_string());
  } catch (const std::exception&) {
    return fail(connect_error);  // the server or the credentials are the problem
  }
  try {
    pqxx::nontransaction work(*maintenance);
    const pqxx::result exists =
        work.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", uri.database);
    if (!exists.empty()) return fail(connect_error);
    const pqxx::row role = work.exec1(
        "SELECT current_user AS name, rolcreatedb OR rolsuper AS may_create "
        "FROM pg_roles WHERE rolname = current_user");
    const std::string role_name = role["name"].c_str();
    const std::string sql = "CREATE DATABASE " + quote_identifier(uri.database) + " OWNER " +
                            quote_identifier(role_name) + ";";
    if (!role["may_create"].as<bool>()) {
      return fail(ErrorCode::kConfig,
                  "database \"" + uri.database + "\" does not exist and role \"" + role_name +
                      "\" may not create it; as a superuser run: " + sql);
    }
    try {
      // CREATE DATABASE cannot run inside a transaction block: autocommit.
      work.exec("CREATE DATABASE " + maintenance->quote_name(uri.database));
    } catch (const pqxx::sql_error& e) {
      if (e.sqlstate() != "42P04") throw;  // 42P04: another instance created it first
    }
    return ok();
  } catch (const std::exception& e) {
    Error error = to_error(e, "creating database \"" + uri.database + "\"");
    return fail(std::move(error));
  }
}

}  // namespace gatehouse::storage::postgres
