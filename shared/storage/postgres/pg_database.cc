#include "shared/storage/postgres/pg_database.h"

#include <cctype>
#include <charconv>
#include <optional>
#include <string>
#include <unordered_map>

#include <pqxx/pqxx>

#include "shared/storage/connection_pool.h"
#include "shared/storage/dialect.h"
#include "shared/storage/sql_map.h"
#include "shared/storage/guarded_transaction.h"
#include "shared/storage/postgres/pg_create_database.h"
#include "shared/storage/postgres/pg_errors.h"

namespace gatehouse::storage::postgres {
// One parameter in libpq's text format; nullopt is SQL NULL. Bytea travels as
// its hex text form, so every parameter can use the same text path.
struct PgParam {
  std::optional<std::string> text;
};
}  // namespace gatehouse::storage::postgres

namespace pqxx {
template <>
struct string_traits<gatehouse::storage::postgres::PgParam> {
  using T = gatehouse::storage::postgres::PgParam;
  static constexpr const char* name() noexcept { return "PgParam"; }
  static constexpr bool has_null() noexcept { return true; }
  static bool is_null(const T& v) { return !v.text; }
  static T null() { return T{}; }
  static void from_string(const char s[], T& v) { v.text = s; }
  static std::string to_string(const T& v) { return *v.text; }
};
}  // namespace pqxx

namespace gatehouse::storage::postgres {

namespace {

// A connection with the names of its prepared statements. Sent unprepared,
// every statement is parsed and planned by the server on each request; the
// repositories send a handful of fixed SQL strings, so each is prepared once
// per connection (docs/performance.md). Server-side prepared statements
// outlive transactions and die with the connection, as this cache does.
struct PgConnection {
  static constexpr std::size_t kMaxPrepared = 256;
  struct Prepared {
    std::string name;
    bool plain_select;  // dialect::is_plain_select, worked out once
    Row::Columns columns;  // its column names, shared by the rows it returns
  };
  std::unique_ptr<pqxx::connection> conn;
  SqlMap<Prepared> prepared;  // SQL -> its prepared statement
  std::size_t next_name = 0;

  // The statement `sql` is prepared as (libpqxx prepares it on first use).
  Prepared& statement(std::string_view sql) {
    auto it = prepared.find(sql);
    if (it != prepared.end()) return it->second;
    if (prepared.size() >= kMaxPrepared) {
      // A bound on what a caller building SQL on the fly could pile up.
      for (const auto& [text, p] : prepared) conn->unprepare(p.name);
      prepared.clear();
    }
    std::string name = "gh_" + std::to_string(next_name++);
    conn->prepare(name, std::string(sql));
    return prepared.emplace(std::string(sql), Prepared{std::move(name), dialect::is_plain_select(sql), nullptr})
        .first->second;
  }
};

using Pool = ConnectionPool<PgConnection>;

constexpr char kHex[] = "0123456789abcdef";

PgParam to_param(const Value& v) {
  if (v.is_null()) return {};
  if (auto* i = v.as_int()) return {std::to_string(*i)};
  if (auto* b = v.as_bool()) return {*b ? "true" : "false"};
  if (auto* s = v.as_text()) return {*s};
  if (auto* d = v.as_double()) {
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, *d);  // shortest exact form
    return {std::string(buf, res.ptr)};
  }
  std::string hex = "\\x";
  for (unsigned char c : v.as_blob()->bytes) {
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  return {std::move(hex)};
}

int hex_digit(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

// Type OIDs from pg_type.dat; every other type is read as text.
Value to_value(const pqxx::field& f, pqxx::oid type) {
  if (f.is_null()) return Value();
  const std::string_view s(f.c_str(), f.size());
  switch (type) {
    case 16: return Value(s == "t");
    case 20: case 21: case 23: case 26: {
      std::int64_t n = 0;
      std::from_chars(s.data(), s.data() + s.size(), n);
      return Value(n);
    }
    case 700: case 701: {
      double d = 0;
      std::from_chars(s.data(), s.data() + s.size(), d);
      return Value(d);
    }
    case 17: {  // bytea, hex output format: \x0a1b...
      Blob blob;
      for (std::size_t i = 2; i + 1 < s.size(); i += 2) {
        blob.bytes += static_cast<char>(hex_digit(s[i]) * 16 + hex_digit(s[i + 1]));
      }
      return Value(std::move(blob));
    }
    default: return Value(std::string(s));
  }
}

class PgTransaction final : public GuardedTransaction {
 public:
  explicit PgTransaction(Pool::Lease lease)
      : GuardedTransaction(Dialect::kPostgres), lease_(std::move(lease)) {
    work_.emplace(*(*lease_)->conn);
  }
  ~PgTransaction() override { finish_on_destruction(); }

  // Runs BEGIN; separate from the constructor so its failure is a value.
  // A READ COMMITTED transaction defers its BEGIN until a statement needs
  // one: every statement takes its own snapshot anyway, so plain SELECTs
  // run as autocommit statements see the same data. A one-query read
  // (introspection, most page loads) costs one round trip, not three; a
  // write whose reads come first and whose only write is deferred
  // (execute_deferred) costs one per read plus one. SERIALIZABLE starts at
  // once: its snapshot must cover the reads.
  Status start(TxMode mode) {
    const auto begin = dialect::begin_statement(Dialect::kPostgres, mode);
    if (mode != TxMode::kSerializable) {
      deferred_begin_ = begin;
      return ok();
    }
    return run_plain(begin, "BEGIN");
  }

 protected:
  Result<std::int64_t> do_execute(std::string_view sql, const Params& params) override {
    GH_TRY(PgConnection::Prepared * statement, prepared(sql));
    GH_TRY_STATUS(begin_if_deferred());
    GH_TRY(pqxx::result r, run(*statement, params));
    return static_cast<std::int64_t>(r.affected_rows());
  }

  Result<std::vector<Row>> do_query(std::string_view sql, const Params& params) override {
    GH_TRY(PgConnection::Prepared * statement, prepared(sql));
    if (!statement->plain_select) GH_TRY_STATUS(begin_if_deferred());
    GH_TRY(pqxx::result r, run(*statement, params));
    const auto columns = static_cast<std::size_t>(r.columns());
    Row::Columns& names = statement->columns;
    if (!names || names->size() != columns) {
      auto fresh = std::make_shared<std::vector<std::string>>();
      for (pqxx::row_size_type c = 0; c < r.columns(); ++c) fresh->push_back(r.column_name(c));
      names = std::move(fresh);
    }
    std::vector<pqxx::oid> types;
    types.reserve(columns);
    for (pqxx::row_size_type c = 0; c < r.columns(); ++c) types.push_back(r.column_type(c));
    std::vector<Row> rows;
    rows.reserve(r.size());
    for (const auto& row : r) {
      std::vector<Value> values;
      values.reserve(types.size());
      for (pqxx::row_size_type c = 0; c < r.columns(); ++c) values.push_back(to_value(row[c], types[c]));
      rows.emplace_back(names, std::move(values));
    }
    return rows;
  }

  Status do_script(std::string_view sql) override {
    GH_TRY_STATUS(begin_if_deferred());
    return run_plain(sql, "migration script");
  }
  Status do_control(std::string_view statement) override {
    // COMMIT or ROLLBACK of a transaction that never needed its BEGIN:
    // nothing to end.
    if (deferred_begin_) return ok();
    return run_plain(statement, statement);
  }
  // One statement left and no BEGIN sent: it runs as one autocommit
  // statement, one round trip instead of three (BEGIN, it, COMMIT).
  Result<bool> do_commit_deferred(const std::vector<Deferred>& statements) override {
    if (statements.size() != 1 || !deferred_begin_) return false;
    GH_TRY(PgConnection::Prepared * statement, prepared(statements.front().sql));
    GH_TRY(pqxx::result r, run(*statement, statements.front().params));
    (void)r;
    return true;
  }

 private:
  // The connection's prepared statement for `sql` (prepared on first use;
  // valid until the next call, which may prune the cache).
  Result<PgConnection::Prepared*> prepared(std::string_view sql) {
    try {
      return &(*lease_)->statement(sql);
    } catch (const std::exception& e) {
      return fail(on_exception(e, "prepare"));
    }
  }

  Result<pqxx::result> run(const PgConnection::Prepared& statement, const Params& params) {
    std::vector<PgParam> converted;
    converted.reserve(params.size());
    for (const Value& v : params) converted.push_back(to_param(v));
    try {
      return work_->exec_prepared(statement.name, pqxx::prepare::make_dynamic_params(converted));
    } catch (const std::exception& e) {
      return fail(on_exception(e, "statement"));
    }
  }

  Status run_plain(std::string_view sql, std::string_view what) {
    try {
      work_->exec(std::string(sql));
      return ok();
    } catch (const std::exception& e) {
      return fail(on_exception(e, what));
    }
  }

  Error on_exception(const std::exception& e, std::string_view what) {
    if (is_broken_connection(e)) lease_->discard();
    return to_error(e, what);
  }

  void release() override {
    work_.reset();  // before the connection goes back
    lease_.reset();
  }

  Status begin_if_deferred() {
    if (!deferred_begin_) return ok();
    const auto begin = *deferred_begin_;
    deferred_begin_.reset();
    return run_plain(begin, "BEGIN");
  }

  std::optional<std::string_view> deferred_begin_;  // BEGIN, not sent yet
  std::optional<Pool::Lease> lease_;  // both empty once finished
  // Autocommit mode: we issue BEGIN/COMMIT/ROLLBACK ourselves (dialect.cc).
  std::optional<pqxx::nontransaction> work_;
};

class PgDatabase final : public Database {
 public:
  explicit PgDatabase(std::shared_ptr<Pool> pool) : pool_(std::move(pool)) {}

  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
    GH_TRY(Pool::Lease lease, pool_->acquire());
    auto tx = std::make_unique<PgTransaction>(std::move(lease));
    GH_TRY_STATUS(tx->start(mode));
    return std::unique_ptr<Transaction>(std::move(tx));
  }

  Status ping() override {
    GH_TRY(auto tx, begin(TxMode::kRead));
    GH_TRY_STATUS(tx->query("SELECT 1"));
    return tx->commit();
  }

  PoolStats pool_stats() const override { return pool_->stats(); }
  Dialect dialect() const override { return Dialect::kPostgres; }

 private:
  std::shared_ptr<Pool> pool_;
};

Result<std::unique_ptr<PgConnection>> connect(const std::string& conninfo,
                                              const std::string& redacted) {
  try {
    auto connection = std::make_unique<PgConnection>();
    connection->conn = std::make_unique<pqxx::connection>(conninfo);
    return connection;
  } catch (const std::exception& e) {
    return fail(ErrorCode::kUnavailable, "cannot connect to PostgreSQL at " + redacted, one_line(e.what()));
  }
}

}  // namespace

Result<std::shared_ptr<Database>> open(const Options& options, const PgUri& uri) {
  const std::string conninfo =
      uri.with_default_param("connect_timeout", std::to_string(options.connect_timeout.count()))
          .to_string();
  const std::string redacted = redact_pg_uri(uri.to_string());
  auto first = connect(conninfo, redacted);
  if (!first) {
    GH_TRY_STATUS(ensure_database_exists(uri, first.error()));
    first = connect(conninfo, redacted);
    if (!first) return fail(std::move(first).error());
  }
  first->reset();  // it proved the database is reachable; the pool opens its own
  auto pool = Pool::create(options.max_connections, options.acquire_timeout,
                           [conninfo, redacted] { return connect(conninfo, redacted); });
  GH_TRY_STATUS(pool->warm_up(options.min_connections));
  return std::shared_ptr<Database>(new PgDatabase(std::move(pool)));
}

}  // namespace gatehouse::storage::postgres
