#include "homeserver/storage/device_repository.h"

#include <algorithm>

namespace gatehouse::homeserver::storage::devices {

using gatehouse::storage::Row;

namespace {

constexpr std::string_view kSelect =
    "SELECT localpart, device_id, display_name, last_seen, hidden, created_at FROM devices ";

Result<Device> from_row(const Row& row) {
  Device d;
  GH_TRY(d.localpart, row.get_text("localpart"));
  GH_TRY(d.device_id, row.get_text("device_id"));
  GH_TRY(d.display_name, row.get_optional_text("display_name"));
  GH_TRY(d.last_seen, row.get_optional_int("last_seen"));
  GH_TRY(d.hidden, row.get_bool("hidden"));
  GH_TRY(d.created_at, row.get_int("created_at"));
  return d;
}

}  // namespace

Result<std::optional<Device>> find(Transaction& tx, std::string_view localpart,
                                   std::string_view device_id) {
  GH_TRY(auto row, tx.query_one(std::string(kSelect) + "WHERE localpart = $1 AND device_id = $2",
                                {localpart, device_id}));
  if (!row) return std::optional<Device>{};
  GH_TRY(Device device, from_row(*row));
  return std::optional<Device>(std::move(device));
}

Result<std::vector<Device>> list(Transaction& tx, std::string_view localpart,
                                 bool include_hidden) {
  GH_TRY(auto rows, tx.query(std::string(kSelect) + "WHERE localpart = $1 ORDER BY device_id",
                             {localpart}));
  std::vector<Device> out;
  for (const Row& row : rows) {
    GH_TRY(Device d, from_row(row));
    if (include_hidden || !d.hidden) out.push_back(std::move(d));
  }
  return out;
}

Result<bool> upsert(Transaction& tx, const Device& d) {
  GH_TRY(auto existing, find(tx, d.localpart, d.device_id));
  if (existing) {
    if (d.display_name) GH_TRY_STATUS(set_display_name(tx, d.localpart, d.device_id, d.display_name));
    return false;
  }
  GH_TRY_STATUS(tx.execute(
      "INSERT INTO devices (localpart, device_id, display_name, last_seen, hidden, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {d.localpart, d.device_id, d.display_name, d.last_seen, d.hidden, d.created_at}));
  return true;
}

Result<bool> set_display_name(Transaction& tx, std::string_view localpart,
                              std::string_view device_id,
                              const std::optional<std::string>& display_name) {
  GH_TRY(auto n, tx.execute("UPDATE devices SET display_name = $3 "
                            "WHERE localpart = $1 AND device_id = $2",
                            {localpart, device_id, display_name}));
  return n > 0;
}

Status record_last_seen(Transaction& tx, const std::vector<SeenDevice>& seen) {
  for (const auto& d : seen) {
    GH_TRY_STATUS(tx.execute("UPDATE devices SET last_seen = $3 WHERE localpart = $1 AND "
                             "device_id = $2 AND (last_seen IS NULL OR last_seen < $3)",
                             {d.localpart, d.device_id, d.at_ms}));
  }
  return ok();
}

Result<bool> remove(Transaction& tx, std::string_view localpart, std::string_view device_id) {
  GH_TRY(auto n, tx.execute("DELETE FROM devices WHERE localpart = $1 AND device_id = $2",
                            {localpart, device_id}));
  return n > 0;
}

Result<std::vector<std::string>> remove_all(Transaction& tx, std::string_view localpart) {
  GH_TRY(auto all, list(tx, localpart, /*include_hidden=*/true));
  GH_TRY_STATUS(tx.execute("DELETE FROM devices WHERE localpart = $1", {localpart}));
  std::vector<std::string> ids;
  for (auto& d : all) ids.push_back(std::move(d.device_id));
  return ids;
}

Result<SyncResult> sync(Transaction& tx, std::string_view localpart,
                        const std::vector<std::string>& device_ids, std::int64_t now_ms) {
  GH_TRY(auto current, list(tx, localpart, /*include_hidden=*/true));
  SyncResult result;
  auto wanted = [&](const std::string& id) {
    return std::find(device_ids.begin(), device_ids.end(), id) != device_ids.end();
  };
  for (const auto& d : current) {
    if (d.hidden || wanted(d.device_id)) continue;
    GH_TRY_STATUS(remove(tx, localpart, d.device_id));
    result.removed.push_back(d.device_id);
  }
  for (const auto& id : device_ids) {
    Device device;
    device.localpart = std::string(localpart);
    device.device_id = id;
    device.created_at = now_ms;
    GH_TRY(bool inserted, upsert(tx, device));
    if (inserted) result.added.push_back(id);
  }
  return result;
}

}  // namespace gatehouse::homeserver::storage::devices
