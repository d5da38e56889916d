#include "shared/config/dump.h"

#include <doctest/doctest.h>

#include "shared/config/config.h"
#include "shared/config/test_files.h"
#include "shared/config/tree.h"

namespace gatehouse::config {
namespace {

TEST_CASE("dump redacts every secret and keeps the rest") {
  testing::TempDir dir;
  std::string file = dir.write(
      "c.yaml",
      "matrix: {homeserver: example.com, secret: matrix-SECRET-1}\n"
      "secrets:\n  encryption: enc-SECRET-2\n  keys:\n    - {kid: k1, key: key-SECRET-3, "
      "password: pw-SECRET-4}\n"
      "clients:\n  - {client_id: X, client_secret: client-SECRET-5}\n"
      "database: {uri: \"postgresql://user:db-SECRET-6@host/db\"}\n"
      "passwords: {schemes: [{version: 1, secret: pepper-SECRET-7}]}\n"
      "http: {public_base: \"http://x/\", worker_threads: 4}\n"
      "note: \"5\"\nflag: \"true\"\nsecret_file: /etc/gh/secret\n");
  auto tree = read_and_merge({file});
  REQUIRE(tree);
  std::string out = dump_yaml(tree->root);
  CHECK(out.find("SECRET") == std::string::npos);
  CHECK(out.find("[REDACTED]") != std::string::npos);
  CHECK(out.find("postgresql://user:[REDACTED]@host/db") != std::string::npos);
  CHECK(out.find("/etc/gh/secret") != std::string::npos);
  CHECK(out.find("example.com") != std::string::npos);

  // The dump reads back as the same (redacted) tree: quoting is right.
  auto again = parse_yaml(out, "dump.yaml");
  REQUIRE(again);
  CHECK(*again == redact(tree->root));
  CHECK((*again)["note"] == "5");
  CHECK((*again)["flag"] == "true");
  CHECK((*again)["http"]["worker_threads"] == 4);
}

TEST_CASE("dump of a generated config hides its keys and shared secret") {
  testing::TempDir dir;
  auto loaded = load({dir.write("config.yaml", testing::minimal_yaml())});
  REQUIRE(loaded);
  std::string out = dump_yaml(loaded->tree.root);
  CHECK(out.find("PRIVATE KEY") == std::string::npos);
  CHECK(out.find(loaded->config.matrix.secret) == std::string::npos);
  CHECK(out.find(loaded->tree.root["secrets"]["encryption"].get<std::string>()) ==
        std::string::npos);
}

}  // namespace
}  // namespace gatehouse::config
