// The filter[…] parameters of an admin API list request, read and checked
// one by one, and echoed (URL-encoded) into the page links. The first bad
// one is kept as error(): read every filter, then check error() once.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>

#include "auth/admin/admin_request.h"

namespace gatehouse::auth::admin {

class ListFilters {
 public:
  explicit ListFilters(const httplib::Request& req) : req_(req) {}

  // filter[name]: an id (a ULID).
  std::optional<std::string> id(std::string_view name);
  // filter[name]=true|false.
  std::optional<bool> flag(std::string_view name);
  // filter[name]: one of `values`.
  std::optional<std::string> one_of(std::string_view name,
                                    std::initializer_list<std::string_view> values);
  // filter[name]: any text.
  std::optional<std::string> text(std::string_view name);

  const std::optional<AdminError>& error() const { return error_; }
  // "filter[a]=x&filter[b]=y", for the page links.
  const std::string& query() const { return query_; }

 private:
  std::optional<std::string> read(std::string_view name);
  void refuse(std::string_view name, std::string_view expected);

  const httplib::Request& req_;
  std::optional<AdminError> error_;
  std::string query_;
};

}  // namespace gatehouse::auth::admin
