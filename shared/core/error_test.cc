#include "shared/core/error.h"

#include <doctest/doctest.h>

namespace gatehouse {
namespace {

Result<int> parse_positive(int v) {
  if (v <= 0) return fail(ErrorCode::kInvalidInput, "must be positive", "got " + std::to_string(v));
  return v;
}

Result<int> doubled(int v) {
  GH_TRY(int p, parse_positive(v));
  return p * 2;
}

Status check_even(int v) {
  GH_TRY_STATUS(parse_positive(v));
  if (v % 2) return fail(ErrorCode::kInvalidInput, "must be even");
  return ok();
}

TEST_CASE("GH_TRY passes values through and propagates errors") {
  CHECK(doubled(4).value() == 8);
  auto bad = doubled(-1);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::kInvalidInput);
  CHECK(bad.error().describe() == "must be positive (got -1)");
}

TEST_CASE("GH_TRY_STATUS propagates errors from Result and Status") {
  CHECK(check_even(2));
  CHECK(check_even(3).error().message == "must be even");
  CHECK(check_even(0).error().message == "must be positive");
}

TEST_CASE("error codes have stable names") {
  CHECK(to_string(ErrorCode::kNotFound) == "not_found");
  CHECK(to_string(ErrorCode::kRateLimited) == "rate_limited");
}

}  // namespace
}  // namespace gatehouse
