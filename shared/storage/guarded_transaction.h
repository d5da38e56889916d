// The Transaction state machine both adapters share: values are bound for
// the dialect once here (the adapters rewrite SQL once per cached
// statement); a failed statement poisons the
// transaction (PostgreSQL aborts it; SQLite is made to behave the same so
// code tested on one backend behaves on the other); commit or rollback
// finishes it and releases the connection. An adapter supplies the do_* primitives and calls
// finish_on_destruction() from its destructor (a base destructor cannot
// reach the derived primitives). Not thread-safe: one thread at a time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shared/storage/database.h"

namespace gatehouse::storage {

class GuardedTransaction : public Transaction {
 public:
  Result<std::int64_t> execute(std::string_view sql, const Params& params) final;
  Result<std::vector<Row>> query(std::string_view sql, const Params& params) final;
  Status execute_deferred(std::string_view sql, const Params& params) final;
  Status execute_script(std::string_view sql) final;
  Status commit() final;
  Status rollback() final;
  Dialect dialect() const final { return dialect_; }

 protected:
  explicit GuardedTransaction(Dialect dialect) : dialect_(dialect) {}

  // `sql` is as the caller wrote it (PostgreSQL syntax): the adapter
  // rewrites it (dialect::rewrite_sql) when it prepares it, once per
  // connection. `params` are already bound (bool → 0/1).
  virtual Result<std::int64_t> do_execute(std::string_view sql, const Params& params) = 0;
  virtual Result<std::vector<Row>> do_query(std::string_view sql, const Params& params) = 0;
  virtual Status do_script(std::string_view sql) = 0;
  // Runs COMMIT or ROLLBACK.
  virtual Status do_control(std::string_view statement) = 0;
  struct Deferred {
    std::string sql;
    Params params;  // bound
  };
  // At commit(), when the only things left are deferred statements and
  // nothing has been sent inside the transaction yet: run them as the whole
  // transaction and commit it. Returns false when the adapter cannot (they
  // then run as usual, followed by COMMIT).
  virtual Result<bool> do_commit_deferred(const std::vector<Deferred>& /*statements*/) { return false; }
  // Called once the transaction is over: give the connection (and any lock)
  // back now, not when the object dies, so a finished transaction kept in
  // scope blocks nobody.
  virtual void release() = 0;

  void finish_on_destruction();

 private:
  Status usable() const;
  template <class T>
  T note(T result) {
    if (!result) failed_ = true;
    return result;
  }
  Result<Params> bind(const Params& params) const;
  // Runs the deferred statements, in order.
  Status run_deferred();

  std::vector<Deferred> deferred_;
  Dialect dialect_;
  bool failed_ = false;
  bool finished_ = false;
};

}  // namespace gatehouse::storage
