#include "auth/syn2mas/synapse_source.h"

#include <filesystem>

#include <SQLiteCpp/SQLiteCpp.h>
#include <pqxx/pqxx>

namespace gatehouse::auth::syn2mas {
namespace {

class SqliteSource final : public SynapseSource {
 public:
  explicit SqliteSource(const std::string& path)
      : db_(path, SQLite::OPEN_READONLY), snapshot_(db_, "BEGIN") {}

  Result<std::vector<TextRow>> query(const std::string& sql) override {
    try {
      SQLite::Statement statement(db_, sql);
      std::vector<TextRow> rows;
      while (statement.executeStep()) {
        TextRow row;
        for (int i = 0; i < statement.getColumnCount(); ++i) {
          auto column = statement.getColumn(i);
          row.push_back(column.isNull() ? std::nullopt : std::optional<std::string>(column.getString()));
        }
        rows.push_back(std::move(row));
      }
      return rows;
    } catch (const std::exception& e) {
      return fail(ErrorCode::kUnavailable, "reading Synapse's SQLite database failed", e.what());
    }
  }
  const char* engine() const override { return "sqlite"; }

 private:
  // A read transaction held for the whole migration: one snapshot.
  struct Snapshot {
    Snapshot(SQLite::Database& db, const char* begin) { db.exec(begin); }
  };
  SQLite::Database db_;
  Snapshot snapshot_;
};

class PostgresSource final : public SynapseSource {
 public:
  explicit PostgresSource(const std::string& uri) : connection_(uri), tx_(connection_) {}

  Result<std::vector<TextRow>> query(const std::string& sql) override {
    try {
      const pqxx::result result = tx_.exec(sql);
      std::vector<TextRow> rows;
      rows.reserve(result.size());
      for (const auto& r : result) {
        TextRow row;
        for (const auto& field : r) {
          row.push_back(field.is_null() ? std::nullopt : std::optional<std::string>(field.c_str()));
        }
        rows.push_back(std::move(row));
      }
      return rows;
    } catch (const std::exception& e) {
      return fail(ErrorCode::kUnavailable, "reading Synapse's PostgreSQL database failed", e.what());
    }
  }
  const char* engine() const override { return "postgres"; }

 private:
  pqxx::connection connection_;
  pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::readwrite_policy::read_only> tx_;
};

}  // namespace

Result<std::unique_ptr<SynapseSource>> open_synapse_source(const std::string& uri) {
  try {
    if (uri.starts_with("sqlite:")) {
      std::string path = uri.substr(7);
      if (path.starts_with("//")) path = path.substr(2);
      if (!std::filesystem::exists(path)) {
        return fail(ErrorCode::kUnavailable, "Synapse's database " + path + " does not exist");
      }
      return std::unique_ptr<SynapseSource>(new SqliteSource(path));
    }
    if (uri.starts_with("postgresql://") || uri.starts_with("postgres://")) {
      return std::unique_ptr<SynapseSource>(new PostgresSource(uri));
    }
  } catch (const std::exception& e) {
    return fail(ErrorCode::kUnavailable, "cannot open Synapse's database", e.what());
  }
  return fail(ErrorCode::kConfig, "Synapse's database URI must be sqlite:PATH or postgresql://…");
}

}  // namespace gatehouse::auth::syn2mas
