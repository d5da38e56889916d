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

Result<std::int64_t> GuardedTransaction::execute(std::string_view sql, const Params& params) {
  GH_TRY_STATUS(usable());
  GH_TRY(Params bound, note(bind(params)));
  return note(do_execute(sql, bound));
}

Result<std::vector<Row>> GuardedTransaction::query(std::string_view sql, const Params& params) {
  GH_TRY_STATUS(usable());
  GH_TRY(Params bound, note(bind(params)));
  return note(do_query(sql, bound));
}

Status GuardedTransaction::execute_script(std::string_view sql) {
  GH_TRY_STATUS(usable());
  return note(do_script(sql));
}

Status GuardedTransaction::commit() {
  if (failed_ && !finished_) {
    (void)rollback();
    return fail(ErrorCode::kDatabase, "cannot commit: an earlier statement failed; rolled back");
  }
  GH_TRY_STATUS(usable());
  finished_ = true;
  Status status = do_control("COMMIT");
  release();
  return status;
}

Status GuardedTransaction::rollback() {
  if (finished_) return ok();
  finished_ = true;
  Status status = do_control("ROLLBACK");
  release();
  return status;
}

void GuardedTransaction::finish_on_destruction() { (void)rollback(); }

}  // namespace gatehouse::storage
