// Deleting what is no longer of use, so the tables of short-lived rows do
// not grow forever (MAS's cleanup jobs): finished queue jobs (their
// payloads may hold mailed links), trips to upstream providers, and the
// rows of mailed codes and links, each some time after it stopped
// mattering. The worker runs it every WorkerOptions::cleanup_interval.
#pragma once

#include <cstdint>

#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::auth::jobs {

// How long each kind of row is kept once it is finished or expired.
inline constexpr std::int64_t kKeepFinishedMs = 7LL * 24 * 60 * 60 * 1000;

// Rows deleted, all tables together. One write transaction.
Result<std::int64_t> clean_up(storage::Database& db, std::int64_t now_ms);

}  // namespace gatehouse::auth::jobs
