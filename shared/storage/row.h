// One result row with typed access by column name.
//
// Getters never throw. A missing column or a value of the wrong type is a
// kDatabase error naming the column (the schema and the code disagree: a
// bug, as MAS's DatabaseInconsistencyError). NULL is an error for the plain
// getters and std::nullopt for the get_optional_* ones.
//
// Dialect differences are absorbed here: get_bool accepts SQLite's 0/1
// integers, get_double accepts integers (SQLite stores 1.0 as 1).
// Rows are immutable values; they share the column-name list of their result.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/value.h"

namespace gatehouse::storage {

class Row {
 public:
  using Columns = std::shared_ptr<const std::vector<std::string>>;

  Row(Columns columns, std::vector<Value> values);

  std::size_t size() const { return values_.size(); }
  const std::vector<std::string>& columns() const { return *columns_; }
  // The raw value, or nullptr when there is no such column.
  const Value* find(std::string_view column) const;

  Result<std::string> get_text(std::string_view column) const;
  Result<std::int64_t> get_int(std::string_view column) const;
  Result<double> get_double(std::string_view column) const;
  Result<bool> get_bool(std::string_view column) const;
  Result<Blob> get_blob(std::string_view column) const;

  Result<std::optional<std::string>> get_optional_text(std::string_view column) const;
  Result<std::optional<std::int64_t>> get_optional_int(std::string_view column) const;
  Result<std::optional<bool>> get_optional_bool(std::string_view column) const;
  Result<std::optional<Blob>> get_optional_blob(std::string_view column) const;

 private:
  Result<const Value*> lookup(std::string_view column, bool allow_null) const;

  Columns columns_;
  std::vector<Value> values_;
};

}  // namespace gatehouse::storage
