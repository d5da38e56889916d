// A parameter or column value, the same on every dialect: null, a 64-bit
// integer, a double, a boolean, UTF-8 text, or a blob of bytes (NUL allowed).
//
// Construction is deliberately picky: a `const char*` becomes text (never a
// bool), any integer becomes int64, and std::optional<T> becomes null or T,
// so `{user.id, user.created_at, maybe_name}` binds as the reader expects.
// Values are plain data: copyable, no thread-safety concerns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace gatehouse::storage {

// Bytes, kept apart from text so that each dialect binds them as BLOB/BYTEA.
struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};

class Value {
 public:
  using Variant = std::variant<std::monostate, std::int64_t, double, bool, std::string, Blob>;

  Value() = default;  // NULL
  Value(std::nullptr_t) {}
  Value(bool v) : v_(v) {}
  template <class I>
    requires(std::is_integral_v<I> && !std::is_same_v<I, bool>)
  Value(I v) : v_(static_cast<std::int64_t>(v)) {}
  Value(double v) : v_(v) {}
  Value(const char* v) : v_(std::string(v)) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(std::string_view v) : v_(std::string(v)) {}
  Value(Blob v) : v_(std::move(v)) {}
  template <class T>
  Value(const std::optional<T>& v) {
    if (v) *this = Value(*v);
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  const Variant& variant() const { return v_; }

  // Typed views; nullptr when the value holds another type.
  const std::int64_t* as_int() const { return std::get_if<std::int64_t>(&v_); }
  const double* as_double() const { return std::get_if<double>(&v_); }
  const bool* as_bool() const { return std::get_if<bool>(&v_); }
  const std::string* as_text() const { return std::get_if<std::string>(&v_); }
  const Blob* as_blob() const { return std::get_if<Blob>(&v_); }

  // "null", "int", "double", "bool", "text", "blob": for error messages.
  std::string_view type_name() const;

  bool operator==(const Value&) const = default;

 private:
  Variant v_;
};

using Params = std::vector<Value>;

}  // namespace gatehouse::storage
