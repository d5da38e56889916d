#include "auth/syn2mas/synapse_data.h"

namespace gatehouse::auth::syn2mas {
namespace {

// Columns by position; SQL below lists them in the order the struct reads.
struct Cursor {
  const TextRow& row;
  std::size_t i = 0;
  std::string text() { return row.at(i++).value_or(""); }
  std::optional<std::string> optional_text() { return row.at(i++); }
  std::int64_t integer() { return std::stoll(row.at(i++).value_or("0")); }
  std::optional<std::int64_t> optional_integer() {
    const auto& v = row.at(i++);
    if (!v) return std::nullopt;
    return std::stoll(*v);
  }
  bool flag() { return integer() != 0; }
};

// SMALLINT 0/1 on both engines.
std::string int_flag(const char* column) {
  return std::string("CASE WHEN COALESCE(") + column + ", 0) <> 0 THEN 1 ELSE 0 END";
}
// BOOLEAN on PostgreSQL, 0/1 on SQLite.
std::string bool_flag(const char* column) {
  return std::string("CASE WHEN COALESCE(") + column + ", FALSE) THEN 1 ELSE 0 END";
}

template <class T, class Map>
Result<std::vector<T>> read_all(SynapseSource& source, const std::string& sql, Map map) {
  GH_TRY(auto rows, source.query(sql));
  std::vector<T> out;
  out.reserve(rows.size());
  try {
    for (const auto& row : rows) {
      Cursor c{row};
      out.push_back(map(c));
    }
  } catch (const std::exception& e) {
    return fail(ErrorCode::kInvalidInput, "unexpected value in Synapse's database", e.what());
  }
  return out;
}

}  // namespace

Result<SynapseData> read_synapse_data(SynapseSource& source) {
  SynapseData d;
  GH_TRY(d.users, read_all<SynapseUser>(
                      source,
                      "SELECT name, password_hash, creation_ts, " + int_flag("admin") + ", " +
                          int_flag("deactivated") + ", " + bool_flag("locked") + ", " +
                          int_flag("is_guest") + ", appservice_id FROM users ORDER BY creation_ts, name",
                      [](Cursor& c) {
                        return SynapseUser{c.text(), c.optional_text(), c.integer(), c.flag(),
                                           c.flag(), c.flag(), c.flag(), c.optional_text()};
                      }));
  GH_TRY(d.threepids, read_all<SynapseThreepid>(
                          source,
                          "SELECT user_id, medium, address, added_at, validated_at FROM "
                          "user_threepids ORDER BY added_at",
                          [](Cursor& c) {
                            return SynapseThreepid{c.text(), c.text(), c.text(), c.integer(),
                                                   c.optional_integer()};
                          }));
  GH_TRY(d.external_ids, read_all<SynapseExternalId>(
                             source,
                             "SELECT user_id, auth_provider, external_id FROM user_external_ids",
                             [](Cursor& c) {
                               return SynapseExternalId{c.text(), c.text(), c.text()};
                             }));
  // Hidden rows are cross-signing keys, not devices.
  GH_TRY(d.devices, read_all<SynapseDevice>(
                        source,
                        "SELECT user_id, device_id, display_name, last_seen, ip, user_agent FROM "
                        "devices WHERE " + bool_flag("hidden") + " = 0",
                        [](Cursor& c) {
                          return SynapseDevice{c.text(), c.text(), c.optional_text(),
                                               c.optional_integer(), c.optional_text(),
                                               c.optional_text()};
                        }));
  GH_TRY(d.access_tokens,
         read_all<SynapseAccessToken>(
             source,
             "SELECT id, user_id, device_id, token, valid_until_ms, last_validated, "
             "refresh_token_id, CASE WHEN puppets_user_id IS NULL THEN 0 ELSE 1 END FROM "
             "access_tokens ORDER BY id",
             [](Cursor& c) {
               return SynapseAccessToken{c.integer(), c.text(), c.optional_text(), c.text(),
                                         c.optional_integer(), c.optional_integer(),
                                         c.optional_integer(), c.flag()};
             }));
  GH_TRY(d.refresh_tokens, read_all<SynapseRefreshToken>(
                               source,
                               "SELECT id, user_id, device_id, token, next_token_id FROM "
                               "refresh_tokens ORDER BY id",
                               [](Cursor& c) {
                                 return SynapseRefreshToken{c.integer(), c.text(), c.text(),
                                                            c.text(), c.optional_integer()};
                               }));
  GH_TRY(d.profiles, read_all<SynapseProfile>(
                         source, "SELECT user_id, displayname FROM profiles WHERE user_id IS NOT NULL",
                         [](Cursor& c) { return SynapseProfile{c.text(), c.optional_text()}; }));
  return d;
}

}  // namespace gatehouse::auth::syn2mas
