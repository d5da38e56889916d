#include "shared/storage/row.h"

#include <string>

namespace gatehouse::storage {

Row::Row(Columns columns, std::vector<Value> values)
    : columns_(std::move(columns)), values_(std::move(values)) {}

const Value* Row::find(std::string_view column) const {
  for (std::size_t i = 0; i < columns_->size() && i < values_.size(); ++i) {
    if ((*columns_)[i] == column) return &values_[i];
  }
  return nullptr;
}

Result<const Value*> Row::lookup(std::string_view column, bool allow_null) const {
  const Value* v = find(column);
  if (!v) {
    return fail(ErrorCode::kDatabase, "result has no column '" + std::string(column) + "'");
  }
  if (v->is_null() && !allow_null) {
    return fail(ErrorCode::kDatabase, "column '" + std::string(column) + "' is unexpectedly NULL");
  }
  return v;
}

namespace {
Error wrong_type(std::string_view column, std::string_view wanted, const Value& v) {
  return Error{ErrorCode::kDatabase,
               "column '" + std::string(column) + "' holds " + std::string(v.type_name()) +
                   ", expected " + std::string(wanted),
               {}};
}
}  // namespace

Result<std::string> Row::get_text(std::string_view column) const {
  GH_TRY(const Value* v, lookup(column, false));
  if (auto* s = v->as_text()) return *s;
  return fail(wrong_type(column, "text", *v));
}

Result<std::int64_t> Row::get_int(std::string_view column) const {
  GH_TRY(const Value* v, lookup(column, false));
  if (auto* i = v->as_int()) return *i;
  return fail(wrong_type(column, "int", *v));
}

Result<double> Row::get_double(std::string_view column) const {
  GH_TRY(const Value* v, lookup(column, false));
  if (auto* d = v->as_double()) return *d;
  if (auto* i = v->as_int()) return static_cast<double>(*i);
  return fail(wrong_type(column, "double", *v));
}

Result<bool> Row::get_bool(std::string_view column) const {
  GH_TRY(const Value* v, lookup(column, false));
  if (auto* b = v->as_bool()) return *b;
  // SQLite has no boolean type; the conventions store 0/1 integers.
  if (auto* i = v->as_int(); i && (*i == 0 || *i == 1)) return *i == 1;
  return fail(wrong_type(column, "bool", *v));
}

Result<Blob> Row::get_blob(std::string_view column) const {
  GH_TRY(const Value* v, lookup(column, false));
  if (auto* b = v->as_blob()) return *b;
  return fail(wrong_type(column, "blob", *v));
}

namespace {
// The optional getters share one shape: NULL → nullopt, else the plain getter
// (which also reports a missing column).
template <class T>
Result<std::optional<T>> optional_of(const Row& row, std::string_view column,
                                     Result<T> (Row::*plain)(std::string_view) const) {
  if (const Value* v = row.find(column); v && v->is_null()) return std::optional<T>{};
  GH_TRY(T value, (row.*plain)(column));
  return std::optional<T>(std::move(value));
}
}  // namespace

Result<std::optional<std::string>> Row::get_optional_text(std::string_view column) const {
  return optional_of(*this, column, &Row::get_text);
}
Result<std::optional<std::int64_t>> Row::get_optional_int(std::string_view column) const {
  return optional_of(*this, column, &Row::get_int);
}
Result<std::optional<bool>> Row::get_optional_bool(std::string_view column) const {
  return optional_of(*this, column, &Row::get_bool);
}
Result<std::optional<Blob>> Row::get_optional_blob(std::string_view column) const {
  return optional_of(*this, column, &Row::get_blob);
}

}  // namespace gatehouse::storage
