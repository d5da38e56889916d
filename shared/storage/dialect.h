// Every difference between the SQL dialects, in one place (Dex's "flavor").
//
// Queries are written once, in PostgreSQL syntax with $1..$n placeholders.
// For SQLite they are rewritten here: placeholders become ?NNN (so a $1 used
// twice binds once), ILIKE becomes LIKE (case-insensitive for ASCII in
// SQLite), and booleans bind as 0/1. Transaction start statements and the
// migration lock differ too. Migration DDL is NOT rewritten: each dialect has
// its own migration files. All functions are pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "shared/storage/database.h"
#include "shared/storage/value.h"

namespace gatehouse::storage::dialect {

// The statement text to send to `dialect`. String literals, quoted
// identifiers and comments are left untouched.
std::string rewrite_sql(Dialect dialect, std::string_view postgres_sql);

// A statement that only reads and holds nothing past its own end, so it may
// run outside a transaction: SELECT without row locks or advisory locks.
// Anything else (writes, WITH, which may hide one, locks) needs its BEGIN
// first. Read transactions on both backends defer their BEGIN until such a
// statement comes (sqlite_database.cc, pg_database.cc).
bool is_plain_select(std::string_view sql);

// The value to bind: on SQLite a bool becomes the integer 0 or 1.
Value bind_value(Dialect dialect, const Value& value);

// The statement that opens a transaction of `mode`.
std::string_view begin_statement(Dialect dialect, TxMode mode);

// A statement run first in every migration transaction so that concurrent
// migrators queue; nullopt where the transaction mode already serializes
// them (SQLite's BEGIN IMMEDIATE).
std::optional<std::string_view> migration_lock_statement(Dialect dialect);

// A query with one parameter ($1, a table name) returning a row when that
// table exists in the current schema.
std::string_view table_exists_query(Dialect dialect);

}  // namespace gatehouse::storage::dialect
