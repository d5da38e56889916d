// A pragmatic email address check for registration and `manage add-email`:
// catches typos and junk, not every RFC 5322 corner. The address is proven
// by the confirmation code sent to it, not by this check.
//
// Thread safety: pure function.
#pragma once

#include <string_view>

#include "shared/core/error.h"

namespace gatehouse::accounts {

// ok() when `address` has exactly one '@', a local part of 1-64 bytes, a
// domain with at least one dot and no empty label, no whitespace or control
// characters, and at most 254 bytes in all (RFC 5321 §4.5.3.1). Errors:
// kInvalidInput with a message saying which rule failed.
Status validate_email(std::string_view address);

}  // namespace gatehouse::accounts
