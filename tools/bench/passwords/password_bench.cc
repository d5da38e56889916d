// Driver for tools/bench/passwords/run: times N argon2id verifications
// through the password login path (auth/accounts/password_login.h, on an
// in-memory SQLite database, each in its own write transaction) and N raw
// libargon2 argon2id_verify calls on the same stored hash, interleaved in
// batches so machine noise hits both alike. Prints two lines:
//   login_path_per_second <rate>
//   raw_argon2_per_second <rate>
// Usage: bench_passwords [N]   (default 40)
#include <argon2.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "auth/accounts/account_service.h"
#include "auth/accounts/password_login.h"
#include "shared/storage/migrations.h"
#include "shared/storage/user_password_repository.h"

using namespace gatehouse;
using Seconds = std::chrono::duration<double>;

namespace {

constexpr const char* kPassword = "a strong passphrase here";

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_passwords: %s\n", what.c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 40;
  SystemClock clock;
  auto db = storage::open_database({.uri = "sqlite::memory:"});
  if (!db) die(db.error().describe());
  if (!storage::Migrator::builtin((*db)->dialect()).migrate(**db, clock)) die("migrate");
  // MAS's default scheme: argon2id m=19456 KiB, t=2, p=1, no pepper (so the
  // raw libargon2 call verifies the very same hash).
  auto passwords = accounts::PasswordManager::create({accounts::SchemeOptions{}});
  if (!passwords) die(passwords.error().describe());
  auto hashed = passwords->hash(kPassword);
  if (!hashed) die(hashed.error().describe());

  auto tx = (*db)->begin();
  if (!tx) die(tx.error().describe());
  auto user = accounts::register_user(**tx, clock, "bench.example",
                                      accounts::NewUser{.username = "bench", .password = *hashed});
  if (!user || !(*tx)->commit()) die("register");

  // Limits far above what the run needs: the limiter's cost is measured,
  // never its refusals.
  accounts::LoginRateLimits limits({1e9, 1e9}, {1e9, 1e9}, clock);
  accounts::PasswordLoginDeps deps{*passwords, limits, clock, "bench.example"};

  Seconds path_time{0}, raw_time{0};
  for (int i = 0; i < n; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto t = (*db)->begin();
    if (!t) die(t.error().describe());
    auto r = accounts::authenticate_password(**t, deps, {"bench", kPassword, "127.0.0.1", "web"});
    if (!r || !r->ok() || !(*t)->commit()) die("login path did not succeed");
    path_time += std::chrono::steady_clock::now() - start;

    start = std::chrono::steady_clock::now();
    if (argon2id_verify(hashed->hash.c_str(), kPassword, std::char_traits<char>::length(kPassword)) !=
        ARGON2_OK) {
      die("raw argon2id_verify failed");
    }
    raw_time += std::chrono::steady_clock::now() - start;
  }
  std::printf("login_path_per_second %.3f\n", n / path_time.count());
  std::printf("raw_argon2_per_second %.3f\n", n / raw_time.count());
  return 0;
}
