// Reading Synapse's database, SQLite or PostgreSQL, without ever writing
// to it: SQLite is opened read-only (our storage layer would switch the
// file to WAL), PostgreSQL in one REPEATABLE READ READ ONLY transaction, so
// every query sees the same snapshot. Values come back as text (NULL as
// nullopt); the queries cast what the two engines store differently.
// Thread safety: one thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/error.h"

namespace gatehouse::auth::syn2mas {

using TextRow = std::vector<std::optional<std::string>>;

class SynapseSource {
 public:
  virtual ~SynapseSource() = default;
  // kUnavailable with the engine's message when the query fails.
  virtual Result<std::vector<TextRow>> query(const std::string& sql) = 0;
  // "sqlite" or "postgres".
  virtual const char* engine() const = 0;
};

// sqlite:PATH (the file must exist) or postgresql://… . kUnavailable when
// it cannot be opened; kConfig for another scheme.
Result<std::unique_ptr<SynapseSource>> open_synapse_source(const std::string& uri);

}  // namespace gatehouse::auth::syn2mas
