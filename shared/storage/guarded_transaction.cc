#include "shared/storage/guarded_transaction.h"

#include "shared/storage/dialect.h"

namespace gatehouse::storage {

Result<std::optional<Row>> Transaction::query_one(std::string_view sql, const Params& params) {
  GH_TRY(std::vector<Row> rows, query(sql, params));
  if (rows.empty()) return std::optional<Row>{};
  if (rows.size() > 1) {
    return fail(ErrorCode::kDatabase, "query expected at most one row, got " + std::to_string(rows.size()),
                std::string(sql.substr(0, 200)));
  }
  return std::optional<Row>(std::move(rows.front()));
}

Status GuardedTransaction::usable() const {
  if (finished_) return fail(ErrorCode::kInternal, "transaction already committed or rolled back");
  if (failed_) {
    return fail(ErrorCode::kDatabase,
                "transaction aborted by an earlier error; roll it back and retry");
  }
  return ok();
}

Result<Params> GuardedTransaction::bind(const Params& params) const {
  Params bound;
  bound.reserve(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    // PostgreSQL text cannot hold NUL (libpq would silently truncate at it);
    // refuse on every dialect so behaviour does not depend on the backend.
    if (const std::string* s = params[i].as_text(); s && s->find('\0') != std::string::npos) {
      return fail(ErrorCode::kInvalidInput,
                  "parameter $" + std::to_string(i + 1) + " is text containing a NUL byte; bind a Blob");
    }
    bound.push_back(dialect::bind_value(dialect_, params[i]));
  }
  return bound;
}

Status GuardedTransaction::run_deferred() {
  std::vector<Deferred> pending;
  pending.swap(deferred_);
  for (const Deferred& d : pending) {
    GH_TRY_STATUS(note(do_execute(d.sql, d.params)));
  }
  return ok();
}

Result<std::int64_t> GuardedTransaction::execute(std::string_view sql, const Params& params) {
  GH_TRY_STATUS(usable());
  GH_TRY(Params bound, note(bind(params)));
  GH_TRY_STATUS(run_deferred());
  return note(do_execute(sql, bound));
}

Result<std::vector<Row>> GuardedTransaction::query(std::string_view sql, const Params& params) {
  GH_TRY_STATUS(usable());
  GH_TRY(Params bound, note(bind(params)));
  GH_TRY_STATUS(run_deferred());
  return note(do_query(sql, bound));
}

Status GuardedTransaction::execute_deferred(std::string_view sql, const Params& params) {
  GH_TRY_STATUS(usable());
  GH_TRY(Params bound, note(bind(params)));
  deferred_.push_back(Deferred{std::string(sql), std::move(bound)});
  return ok();
}

Status GuardedTransaction::execute_script(std::string_view sql) {
  GH_TRY_STATUS(usable());
  GH_TRY_STATUS(run_deferred());
  return note(do_script(sql));
}

Status GuardedTransaction::commit() {
  if (failed_ && !finished_) {
    (void)rollback();
    return fail(ErrorCode::kDatabase, "cannot commit: an earlier statement failed; rolled back");
  }
  GH_TRY_STATUS(usable());
  if (!deferred_.empty()) {
    Result<bool> alone = do_commit_deferred(deferred_);
    if (!alone) {
      failed_ = true;
      deferred_.clear();
      (void)rollback();
      return fail(alone.error());
    }
    if (*alone) {
      deferred_.clear();
      finished_ = true;
      release();
      return ok();
    }
  }
  if (auto ran = run_deferred(); !ran) {
    (void)rollback();
    return ran;
  }
  finished_ = true;
  Status status = do_control("COMMIT");
  release();
  return status;
}

Status GuardedTransaction::rollback() {
  deferred_.clear();
  if (finished_) return ok();
  finished_ = true;
  Status status = do_control("ROLLBACK");
  release();
  return status;
}

void GuardedTransaction::finish_on_destruction() { (void)rollback(); }

}  // namespace gatehouse::storage
