// HomeserverClient over HTTP: `Authorization: Bearer <matrix.secret>` to
// `<matrix.endpoint>_synapse/mas/…`. One short-lived connection per call
// (jobs are rare; the worker is not on a request path).
#pragma once

#include <chrono>
#include <string>

#include "auth/homeserver_client/homeserver_client.h"
#include "shared/config/matrix.h"

namespace gatehouse::auth::homeserver_client {

class SynapseClient final : public HomeserverClient {
 public:
  explicit SynapseClient(const config::MatrixConfig& matrix,
                         std::chrono::seconds timeout = std::chrono::seconds(10));

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
  Status invalidate(const std::string& localpart,
                    const std::optional<std::string>& device_id) override;

 private:
  std::string endpoint_;  // ends in '/'
  std::string secret_;
  std::chrono::seconds timeout_;
};

}  // namespace gatehouse::auth::homeserver_client
