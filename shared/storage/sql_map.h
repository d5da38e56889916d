// A map keyed by SQL text that is searched with a string_view, so the
// per-connection statement caches find a statement without copying its
// text on every query.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace gatehouse::storage {

struct SqlTextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view sql) const noexcept {
    return std::hash<std::string_view>{}(sql);
  }
};

template <class V>
using SqlMap = std::unordered_map<std::string, V, SqlTextHash, std::equal_to<>>;

}  // namespace gatehouse::storage
