// A HomeserverClient in memory, for tests (MAS's crates/matrix/src/mock.rs):
// keeps users and devices, records each call, and fails every call with
// `failure` while it is set (e.g. kUnavailable: "homeserver down").
// Thread safety: all methods lock one mutex.
#pragma once

#include <map>
#include <mutex>
#include <set>

#include "auth/homeserver_client/homeserver_client.h"

namespace gatehouse::auth::homeserver_client {

struct FakeUser {
  std::optional<std::string> display_name;
  std::vector<std::string> emails;
  bool deactivated = false;
  bool erased = false;
  bool cross_signing_reset_allowed = false;
  std::set<std::string> devices;
};

class FakeHomeserverClient final : public HomeserverClient {
 public:
  Result<bool> provision_user(const ProvisionRequest& request) override;
  Result<bool> is_localpart_available(const std::string& localpart) override;
  Status upsert_device(const DeviceRequest& request) override;
  Status delete_device(const std::string& localpart, const std::string& device_id) override;
  Status sync_devices(const std::string& localpart,
                      const std::vector<std::string>& device_ids) override;
  Status delete_user(const std::string& localpart, bool erase) override;
  Status reactivate_user(const std::string& localpart) override;
  Status set_displayname(const std::string& localpart, const std::string& name) override;
  Status unset_displayname(const std::string& localpart) override;
  Status allow_cross_signing_reset(const std::string& localpart) override;
  Result<std::optional<std::string>> display_name(const std::string& localpart) override;
  Status invalidate(const std::string& localpart,
                    const std::optional<std::string>& device_id) override;

  void set_failure(std::optional<Error> failure);
  std::optional<FakeUser> user(const std::string& localpart) const;
  int calls() const;

 private:
  Status before_call();  // counts the call; the failure, if set

  mutable std::mutex mutex_;
  std::optional<Error> failure_;
  std::map<std::string, FakeUser> users_;
  int calls_ = 0;
};

}  // namespace gatehouse::auth::homeserver_client
