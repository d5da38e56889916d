// What the auth service asks of the homeserver: Synapse's `/_synapse/mas/*`
// provisioning API (`matrix.kind: synapse` semantics; shapes in
// docs/homeserver.md and MAS's crates/matrix-synapse), plus our
// `/_gatehouse/v1/invalidate` extension. Users are addressed by localpart.
//
// Errors are values: kUnavailable when the homeserver cannot be reached or
// answers 5xx (retry later); kForbidden on 403 (the shared secrets differ);
// kNotFound on 404 for a user; kInvalidInput on other 4xx. Messages carry
// the status and a short summary of the body, never the secret.
// Thread safety: implementations may be called from several threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/core/error.h"

namespace gatehouse::auth::homeserver_client {

// POST provision_user: creates the user if missing, else applies the changes.
struct ProvisionRequest {
  std::string localpart;
  std::optional<std::string> display_name = std::nullopt;  // set when given
  bool unset_display_name = false;
  std::optional<std::vector<std::string>> emails = std::nullopt;  // reconciled to exactly this set
  std::optional<bool> locked = std::nullopt;
};

struct DeviceRequest {
  std::string localpart;
  std::string device_id;
  std::optional<std::string> display_name = std::nullopt;
};

class HomeserverClient {
 public:
  virtual ~HomeserverClient() = default;

  // true: created, false: existed and was updated.
  virtual Result<bool> provision_user(const ProvisionRequest& request) = 0;
  // true: free; false: taken, invalid or reserved (the reason is in the log).
  virtual Result<bool> is_localpart_available(const std::string& localpart) = 0;
  virtual Status upsert_device(const DeviceRequest& request) = 0;
  virtual Status delete_device(const std::string& localpart, const std::string& device_id) = 0;
  // Makes the user's devices exactly `device_ids`.
  virtual Status sync_devices(const std::string& localpart,
                              const std::vector<std::string>& device_ids) = 0;
  // Deactivates; `erase` also removes the user's data.
  virtual Status delete_user(const std::string& localpart, bool erase) = 0;
  virtual Status reactivate_user(const std::string& localpart) = 0;
  virtual Status set_displayname(const std::string& localpart, const std::string& name) = 0;
  // The user's display name (query_user); nullopt when none is set or the
  // homeserver does not know the user yet.
  virtual Result<std::optional<std::string>> display_name(const std::string& localpart) = 0;
  virtual Status unset_displayname(const std::string& localpart) = 0;
  // Lets the user replace their cross-signing keys without further
  // authentication for a short while (the account page's
  // org.matrix.cross_signing_reset action).
  virtual Status allow_cross_signing_reset(const std::string& localpart) = 0;
  // Drops cached introspection results for the user (and device when set),
  // so an ended session fails at once. A homeserver without the extension
  // (a real Synapse answers 404) is fine: its cache expires on its own.
  virtual Status invalidate(const std::string& localpart,
                            const std::optional<std::string>& device_id) = 0;
};

}  // namespace gatehouse::auth::homeserver_client
