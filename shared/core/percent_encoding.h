// Percent-encoding (RFC 3986 §2.1) of one value: every byte but the
// unreserved characters A-Z a-z 0-9 - . _ ~ becomes %XX. Good for URI
// components (user names in a database URI, query parameters) and for
// application/x-www-form-urlencoded values. Pure function.
#pragma once

#include <string>
#include <string_view>

namespace gatehouse {

std::string percent_encode(std::string_view value);

}  // namespace gatehouse
