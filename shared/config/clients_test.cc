#include "shared/config/clients.h"

#include <doctest/doctest.h>

#include "shared/config/config.h"
#include "shared/config/test_files.h"

namespace gatehouse::config {
namespace {

using testing::TempDir;

LoadReport load_clients(const TempDir& dir, const std::string& clients_yaml) {
  return load_report({dir.write("config.yaml", testing::minimal_yaml()),
                      dir.write("clients.yaml", "clients:\n" + clients_yaml)});
}

TEST_CASE("valid clients of each method decode") {
  TempDir dir;
  std::string secret_file = dir.write("client.secret", "from-file\n");
  LoadReport r = load_clients(
      dir,
      "  - client_id: 01JQ0Z6QH3RA7V8XMEAC4DJWZK\n    client_auth_method: none\n"
      "    redirect_uris: [\"https://app.example.com/cb\"]\n    client_name: App\n"
      "  - client_id: 01JQ0Z6QH3RA7V8XMEAC4DJWZM\n    client_auth_method: client_secret_basic\n"
      "    client_secret_file: " + secret_file + "\n"
      "  - client_id: 01JQ0Z6QH3RA7V8XMEAC4DJWZN\n    client_auth_method: private_key_jwt\n"
      "    jwks_uri: https://app.example.com/jwks.json\n");
  REQUIRE(r.errors.empty());
  CHECK(r.warnings.empty());
  REQUIRE(r.config.clients.size() == 3);
  CHECK(r.config.clients[0].redirect_uris == std::vector<std::string>{"https://app.example.com/cb"});
  CHECK(r.config.clients[0].client_name == "App");
  CHECK(r.config.clients[1].client_secret == "from-file");
  CHECK(r.config.clients[2].jwks_uri == "https://app.example.com/jwks.json");
}

TEST_CASE("client errors carry the list index and key") {
  TempDir dir;
  LoadReport r = load_clients(
      dir,
      "  - client_id: not-a-ulid\n    client_auth_method: none\n"
      "  - client_id: 01JQ0Z6QH3RA7V8XMEAC4DJWZM\n    client_auth_method: client_secret_post\n"
      "  - client_id: 01JQ0Z6QH3RA7V8XMEAC4DJWZN\n    client_auth_method: private_key_jwt\n"
      "  - client_id: 01JQ0Z6QH3RA7V8XMEAC4DJWZP\n    client_auth_method: none\n"
      "    client_secret: nope\n"
      "  - client_id: 01JQ0Z6QH3RA7V8XMEAC4DJWZQ\n    client_auth_method: magic\n"
      "  - client_id: 01JQ0Z6QH3RA7V8XMEAC4DJWZR\n    client_auth_method: private_key_jwt\n"
      "    jwks: {keys: []}\n    jwks_uri: https://x/\n");
  std::string f = dir.path("clients.yaml") + ": ";
  REQUIRE(r.errors.size() == 6);
  CHECK(r.errors[0] == f + "clients[0].client_id: expected a ULID (26 characters of Crockford "
                           "base32), got \"not-a-ulid\"");
  CHECK(r.errors[1] == f + "clients[1].client_secret: required when client_auth_method is "
                           "client_secret_post (client_secret or client_secret_file)");
  CHECK(r.errors[2] == f + "clients[2].jwks: required when client_auth_method is "
                           "private_key_jwt (jwks or jwks_uri)");
  CHECK(r.errors[3] == f + "clients[3].client_secret: not allowed when client_auth_method is none");
  CHECK(r.errors[4].find(f + "clients[4].client_auth_method: expected one of none, ") == 0);
  CHECK(r.errors[5] == f + "clients[5].jwks: set either `jwks` or `jwks_uri`, not both");
}

TEST_CASE("clients from two files append, and errors keep their file") {
  TempDir dir;
  std::string base = dir.write("config.yaml", testing::minimal_yaml() +
                                                  "clients:\n  - client_id: 01JQ0Z6QH3RA7V8XMEAC4DJWZK\n"
                                                  "    client_auth_method: none\n");
  std::string more = dir.write("more.yaml", "clients:\n  - client_id: 01JQ0Z6QH3RA7V8XMEAC4DJWZM\n");
  LoadReport r = load_report({base, more});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0] == more + ": clients[1].client_auth_method: required (none, "
                              "client_secret_basic, client_secret_post, client_secret_jwt or "
                              "private_key_jwt)");
}

}  // namespace
}  // namespace gatehouse::config
