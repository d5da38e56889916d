// Error values for everything that can fail in expected ways (bad input, an
// unknown token, a database that is down). Functions return Result<T>: the
// value, or an Error saying what went wrong. No exception crosses a header in
// this project; library exceptions are caught in the adapter that wraps the
// library and turned into an Error there.
//
// tl::expected stands in for std::expected (C++23); switching is a rename.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace gatehouse {

// The kind of failure; callers branch on it (an HTTP handler maps it to a
// status code and an OAuth `error` or Matrix `errcode`).
enum class ErrorCode {
  kInvalidInput,   // the caller sent something malformed or out of range
  kNotFound,       // a named thing does not exist (lookups return optional instead)
  kConflict,       // a uniqueness rule was broken (existing username, ...)
  kUnauthorized,   // missing or wrong credentials
  kForbidden,      // credentials fine, action not allowed
  kRateLimited,    // too many attempts; try later
  kUnavailable,    // a peer (database, homeserver) could not be reached
  kConfig,         // configuration is missing or wrong
  kIo,             // a file could not be read or written
  kCrypto,         // a key, signature or ciphertext is unusable
  kDatabase,       // the database answered with an error
  kInternal,       // a bug: an invariant did not hold
};

std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  // One sentence a user can act on. Never a secret, password or token.
  std::string message;
  // Optional extra context for logs (library message, SQL state, ...).
  std::string detail;

  // "message (detail)" or just "message".
  std::string describe() const;
};

template <class T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

// `return fail(ErrorCode::kNotFound, "no such user");`
inline tl::unexpected<Error> fail(ErrorCode code, std::string message,
                                  std::string detail = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(detail)});
}
inline tl::unexpected<Error> fail(Error error) {
  return tl::unexpected<Error>(std::move(error));
}

// Success for a Status-returning function: `return ok();`
inline Status ok() { return {}; }

}  // namespace gatehouse

// Propagates an error out of a function that itself returns Result/Status:
//   GH_TRY(auto user, repo.find(id));   // declares `user` on success
//   GH_TRY_STATUS(tx.commit());
#define GH_CONCAT_INNER(a, b) a##b
#define GH_CONCAT(a, b) GH_CONCAT_INNER(a, b)
#define GH_TRY_IMPL(tmp, decl, expr)                              \
  auto tmp = (expr);                                              \
  if (!tmp) return ::tl::unexpected<::gatehouse::Error>(std::move(tmp).error()); \
  decl = std::move(*tmp)
#define GH_TRY(decl, expr) GH_TRY_IMPL(GH_CONCAT(gh_try_, __LINE__), decl, expr)
#define GH_TRY_STATUS(expr)                                                     \
  do {                                                                          \
    auto gh_status_ = (expr);                                                   \
    if (!gh_status_) return ::tl::unexpected<::gatehouse::Error>(std::move(gh_status_).error()); \
  } while (0)
