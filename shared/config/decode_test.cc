#include "shared/config/decode.h"

#include <doctest/doctest.h>

#include "shared/config/test_files.h"

namespace gatehouse::config {
namespace {

using nlohmann::json;

Tree tree_of(const char* text, const std::string& file = "config.yaml") {
  Tree tree;
  merge(tree, json::parse(text), file);
  return tree;
}

TEST_CASE("a wrong type names the file, the path and both types") {
  Tree tree = tree_of(R"({"database": {"uri": 5}})");
  Diagnostics diag(tree);
  {
    Section root(diag, &tree.root, "");
    Section db = root.child("database");
    std::string uri;
    CHECK(!db.get("uri", uri));
  }
  REQUIRE(diag.errors.size() == 1);
  CHECK(diag.errors[0] == "config.yaml: database.uri: expected a string, got a number (5)");
}

TEST_CASE("unknown keys are warnings naming key and file") {
  Tree tree = tree_of(R"({"http": {"colour": "blue"}})", "extra.yaml");
  Diagnostics diag(tree);
  {
    Section root(diag, &tree.root, "");
    Section http = root.child("http");
  }
  REQUIRE(diag.warnings.size() == 1);
  CHECK(diag.warnings[0] == "extra.yaml: http.colour: unknown key `colour` ignored");
  CHECK(diag.errors.empty());
}

TEST_CASE("integers are range-checked and strings are not numbers") {
  Tree tree = tree_of(R"({"a": 0, "b": "5", "c": 7})");
  Diagnostics diag(tree);
  int a = 1, b = 1, c = 1;
  {
    Section root(diag, &tree.root, "");
    CHECK(!root.get_int("a", a, 1, 10));
    CHECK(!root.get_int("b", b, 1, 10));
    CHECK(root.get_int("c", c, 1, 10));
  }
  CHECK(a == 1);
  CHECK(c == 7);
  REQUIRE(diag.errors.size() == 2);
  CHECK(diag.errors[0] == "config.yaml: a: expected an integer from 1 to 10, got 0");
  CHECK(diag.errors[1] == "config.yaml: b: expected an integer, got a string");
}

TEST_CASE("secret twins: inline, from a file (newline stripped), both, missing file") {
  testing::TempDir dir;
  std::string file = dir.write("secret.txt", "s3cret\n");
  std::string text = R"({"inline": {"secret": "abc"}, "file": {"secret_file": ")" + file +
                     R"("}, "both": {"secret": "x", "secret_file": ")" + file +
                     R"("}, "missing": {"secret_file": "/nonexistent/gh-secret"},
                         "pem": {"key_file": ")" + file + R"("}})";
  Tree tree = tree_of(text.c_str());
  Diagnostics diag(tree);
  {
    Section root(diag, &tree.root, "");
    CHECK(root.child("inline").secret("secret") == "abc");
    CHECK(root.child("file").secret("secret") == "s3cret");
    CHECK(root.child("pem").secret("key", /*keep_newlines=*/true) == "s3cret\n");
    CHECK(!root.child("both").secret("secret"));
    CHECK(!root.child("missing").secret("secret"));
  }
  REQUIRE(diag.errors.size() == 2);
  CHECK(diag.errors[0] ==
        "config.yaml: both.secret: set either `secret` or `secret_file`, not both");
  CHECK(diag.errors[1].find("config.yaml: missing.secret_file: cannot read "
                            "\"/nonexistent/gh-secret\"") == 0);
}

TEST_CASE("a secret of the wrong type is reported without its value") {
  Tree tree = tree_of(R"({"secret": 123456})");
  Diagnostics diag(tree);
  {
    Section root(diag, &tree.root, "");
    CHECK(!root.secret("secret"));
  }
  REQUIRE(diag.errors.size() == 1);
  CHECK(diag.errors[0] == "config.yaml: secret: expected a string, got a number");
}

TEST_CASE("get_url checks the scheme and adds the slash when asked") {
  Tree tree = tree_of(R"({"a": "https://example.com", "b": "ftp://x", "c": "http://h/x"})");
  Diagnostics diag(tree);
  std::string a, b, c;
  {
    Section root(diag, &tree.root, "");
    root.get_url("a", a, true);
    root.get_url("b", b, true);
    root.get_url("c", c, false);
  }
  CHECK(a == "https://example.com/");
  CHECK(b.empty());
  CHECK(c == "http://h/x");
  REQUIRE(diag.errors.size() == 1);
  CHECK(diag.errors[0].find("config.yaml: b: expected an http:// or https:// URL") == 0);
}

}  // namespace
}  // namespace gatehouse::config
