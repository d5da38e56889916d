// The storage conformance suite (after Dex's storage/conformance): cases are
// written once against the Database interface and compiled into one test
// executable per backend. Each backend's test file (sqlite_test.cc,
// postgres_test.cc) defines fresh_database(); every case calls it to get an
// empty database of its own, removed when the returned object is destroyed.
#pragma once

#include <memory>
#include <string>

#include <doctest/doctest.h>

#include "shared/storage/database.h"

namespace gatehouse::storage::conformance {

class TestDatabase {
 public:
  virtual ~TestDatabase() = default;
  Database& db() { return *db_; }
  const std::shared_ptr<Database>& shared() { return db_; }
  // The URI it was opened with, to open a second Database on the same data.
  const std::string& uri() const { return uri_; }

 protected:
  std::shared_ptr<Database> db_;
  std::string uri_;
};

// A new, empty, unmigrated database opened with `base` (its uri is ignored).
// Fails the current test case (REQUIRE) when none can be made.
std::unique_ptr<TestDatabase> fresh_database(const Options& base = {});

}  // namespace gatehouse::storage::conformance

// REQUIRE that a Result/Status holds a value, printing the Error otherwise.
#define GH_REQUIRE_OK(expr)                                            \
  do {                                                                 \
    const auto& gh_r_ = (expr);                                        \
    if (!gh_r_) FAIL_CHECK(#expr << ": " << gh_r_.error().describe()); \
    REQUIRE(gh_r_.has_value());                                        \
  } while (0)
