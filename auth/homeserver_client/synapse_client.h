// HomeserverClient over HTTP: `Authorization: Bearer <matrix.secret>` to
// `<matrix.endpoint>_synapse/mas/…`, through http::HttpClient (the
// homeserver's own client of the auth service): keep-alive connections
// pooled (a token exchange or a compat login creates its device on the
// homeserver before it answers, and a new TCP connection per call cost
// both servers an accept and a thread hand-off), each request in one
// send(), and a request the homeserver dropped with a kept-alive
// connection sent once more on a new one.
//
// Thread safety: any method from any thread.
#pragma once

#include <chrono>
#include <string>

#include "auth/homeserver_client/homeserver_client.h"
#include "auth/homeserver_client/http_call.h"
#include "shared/config/matrix.h"
#include "shared/http/http_client.h"

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
  Result<std::optional<std::string>> display_name(const std::string& localpart) override;
  Status allow_cross_signing_reset(const std::string& localpart) override;
  Status invalidate(const std::string& localpart,
                    const std::optional<std::string>& device_id) override;

 private:
  // `path` is relative to the endpoint; `json_body` is sent with a POST.
  Result<HttpAnswer> call(const std::string& method, const std::string& path,
                          const std::string& json_body);
  Status post_expecting_success(const std::string& path, const std::string& json_body);

  std::string endpoint_;  // ends in '/'
  std::string secret_;
  http::HttpClient client_;
};

}  // namespace gatehouse::auth::homeserver_client
