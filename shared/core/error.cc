#include "shared/core/error.h"

namespace gatehouse {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput: return "invalid_input";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kUnauthorized: return "unauthorized";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kRateLimited: return "rate_limited";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kConfig: return "config";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kCrypto: return "crypto";
    case ErrorCode::kDatabase: return "database";
    case ErrorCode::kInternal: return "internal";
  }
  return "unknown";
}

std::string Error::describe() const {
  if (detail.empty()) return message;
  return message + " (" + detail + ")";
}

}  // namespace gatehouse
