#include "shared/storage/postgres/pg_uri.h"

#include <doctest/doctest.h>

namespace gatehouse::storage::postgres {

TEST_CASE("pg_uri: parse the parts libpq uses") {
  auto uri = parse_pg_uri("postgresql://mas:p%40ss@db.example:5433/gate%20house?sslmode=require");
  REQUIRE(uri);
  CHECK(uri->user == "mas");
  CHECK(uri->database == "gate house");
  CHECK(uri->query == "sslmode=require");
  CHECK(uri->scheme_and_authority == "postgresql://mas:p%40ss@db.example:5433");
  CHECK(uri->with_database("postgres").to_string() ==
        "postgresql://mas:p%40ss@db.example:5433/postgres?sslmode=require");
  CHECK(!parse_pg_uri("sqlite:x.db"));
  auto bare = parse_pg_uri("postgres://localhost");
  REQUIRE(bare);
  CHECK(bare->database.empty());
  CHECK(bare->user.empty());
}

TEST_CASE("pg_uri: with_default_param keeps an explicit value") {
  auto uri = *parse_pg_uri("postgresql://h/db?connect_timeout=3");
  CHECK(uri.with_default_param("connect_timeout", "30").to_string() ==
        "postgresql://h/db?connect_timeout=3");
  CHECK(parse_pg_uri("postgresql://h/db")->with_default_param("connect_timeout", "30").to_string() ==
        "postgresql://h/db?connect_timeout=30");
}

TEST_CASE("pg_uri: redaction hides every password") {
  CHECK(redact_pg_uri("postgresql://mas:hunter2@db/gh") == "postgresql://mas:***@db/gh");
  CHECK(redact_pg_uri("postgresql://mas@db/gh") == "postgresql://mas@db/gh");
  CHECK(redact_pg_uri("postgresql://db/gh?user=x&password=hunter2&sslmode=require") ==
        "postgresql://db/gh?user=x&password=***&sslmode=require");
  CHECK(redact_pg_uri("mysql://root:hunter2@h/x") == "mysql://root:***@h/x");
  CHECK(redact_pg_uri("sqlite:/var/lib/gh.db") == "sqlite:/var/lib/gh.db");
}

}  // namespace gatehouse::storage::postgres
