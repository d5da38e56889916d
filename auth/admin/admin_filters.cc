#include "auth/admin/admin_filters.h"

#include "shared/ids/ulid.h"

namespace gatehouse::auth::admin {
namespace {

std::string key_of(std::string_view name) { return "filter[" + std::string(name) + "]"; }

}  // namespace

std::optional<std::string> ListFilters::read(std::string_view name) {
  const auto key = key_of(name);
  if (!req_.has_param(key)) return std::nullopt;
  auto value = req_.get_param_value(key);
  query_ += (query_.empty() ? "" : "&") + key + "=" + httplib::detail::encode_query_param(value);
  return value;
}

void ListFilters::refuse(std::string_view name, std::string_view expected) {
  if (!error_) error_ = AdminError::bad_request(key_of(name) + " must be " + std::string(expected));
}

std::optional<std::string> ListFilters::id(std::string_view name) {
  auto value = read(name);
  if (value && !ids::is_ulid(*value)) {
    refuse(name, "an id (a ULID)");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> ListFilters::flag(std::string_view name) {
  auto value = one_of(name, {"true", "false"});
  if (!value) return std::nullopt;
  return *value == "true";
}

std::optional<std::string> ListFilters::one_of(std::string_view name,
                                               std::initializer_list<std::string_view> values) {
  auto value = read(name);
  if (!value) return std::nullopt;
  for (auto allowed : values) {
    if (*value == allowed) return value;
  }
  std::string expected;
  for (auto allowed : values) expected += (expected.empty() ? "" : " or ") + std::string(allowed);
  refuse(name, expected);
  return std::nullopt;
}

std::optional<std::string> ListFilters::text(std::string_view name) { return read(name); }

}  // namespace gatehouse::auth::admin
