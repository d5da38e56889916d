#include "shared/storage/dialect.h"

#include <cctype>

namespace gatehouse::storage::dialect {

namespace {

// Copies a quoted section ('...' or "...", doubled quote escapes) verbatim and
// returns the index after it.
std::size_t copy_quoted(std::string_view sql, std::size_t i, std::string& out) {
  const char quote = sql[i];
  out += sql[i++];
  while (i < sql.size()) {
    out += sql[i];
    if (sql[i] == quote) {
      if (i + 1 < sql.size() && sql[i + 1] == quote) {
        out += sql[++i];
      } else {
        return i + 1;
      }
    }
    ++i;
  }
  return i;
}

// Copies a comment verbatim so that a "$1" inside it is not a placeholder.
std::size_t copy_comment(std::string_view sql, std::size_t i, std::string& out) {
  const bool line = sql[i] == '-';
  const std::string_view end = line ? "\n" : "*/";
  std::size_t stop = sql.find(end, i + 2);
  stop = stop == std::string_view::npos ? sql.size() : stop + end.size();
  out.append(sql.substr(i, stop - i));
  return stop;
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool word_at(std::string_view sql, std::size_t i, std::string_view word) {
  if (i > 0 && is_word_char(sql[i - 1])) return false;
  if (sql.size() - i < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (std::toupper(static_cast<unsigned char>(sql[i + k])) != word[k]) return false;
  }
  return i + word.size() == sql.size() || !is_word_char(sql[i + word.size()]);
}

std::string rewrite_for_sqlite(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {
      i = copy_quoted(sql, i, out);
    } else if ((c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') ||
               (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*')) {
      i = copy_comment(sql, i, out);
    } else if (c == '$' && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
      out += '?';  // $7 -> ?7: SQLite's numbered parameter, same index
      ++i;
      while (i < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i]))) out += sql[i++];
    } else if (word_at(sql, i, "ILIKE")) {
      out += "LIKE";
      i += 5;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace

std::string rewrite_sql(Dialect dialect, std::string_view postgres_sql) {
  if (dialect == Dialect::kSqlite) return rewrite_for_sqlite(postgres_sql);
  return std::string(postgres_sql);
}

bool is_plain_select(std::string_view sql) {
  std::string lower;
  lower.reserve(sql.size());
  for (char c : sql) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto start = lower.find_first_not_of(" \t\r\n(");
  if (start == std::string::npos || lower.compare(start, 6, "select") != 0) return false;
  for (std::string_view locking : {" for update", " for share", " for no key", " for key share",
                                   "pg_advisory", "nextval"}) {
    if (lower.find(locking) != std::string::npos) return false;
  }
  return true;
}

Value bind_value(Dialect dialect, const Value& value) {
  if (dialect == Dialect::kSqlite) {
    if (const bool* b = value.as_bool()) return Value(*b ? 1 : 0);
  }
  return value;
}

std::string_view begin_statement(Dialect dialect, TxMode mode) {
  if (dialect == Dialect::kSqlite) {
    return mode == TxMode::kRead ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE";
  }
  return mode == TxMode::kSerializable ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                                       : "BEGIN ISOLATION LEVEL READ COMMITTED";
}

std::optional<std::string_view> migration_lock_statement(Dialect dialect) {
  if (dialect == Dialect::kSqlite) return std::nullopt;
  // A transaction-scoped advisory lock: the pool hands out transactions, not
  // sessions, so a session lock could outlive its holder's interest. The
  // migrator re-reads schema_migrations after taking it. The key is
  // arbitrary but fixed ("gatehous" in ASCII).
  return "SELECT pg_advisory_xact_lock(7449363237540164979)";
}

std::string_view table_exists_query(Dialect dialect) {
  if (dialect == Dialect::kSqlite) {
    return "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1";
  }
  return "SELECT 1 FROM information_schema.tables "
         "WHERE table_schema = current_schema() AND table_name = $1";
}

}  // namespace gatehouse::storage::dialect

namespace gatehouse::storage {
std::string_view to_string(Dialect dialect) {
  return dialect == Dialect::kSqlite ? "sqlite" : "postgres";
}
}  // namespace gatehouse::storage
