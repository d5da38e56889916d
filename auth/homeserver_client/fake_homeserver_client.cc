#include "auth/homeserver_client/fake_homeserver_client.h"

namespace gatehouse::auth::homeserver_client {

Status FakeHomeserverClient::before_call() {
  ++calls_;
  if (failure_) return tl::unexpected<Error>(*failure_);
  return ok();
}

void FakeHomeserverClient::set_failure(std::optional<Error> failure) {
  std::lock_guard lock(mutex_);
  failure_ = std::move(failure);
}

std::optional<FakeUser> FakeHomeserverClient::user(const std::string& localpart) const {
  std::lock_guard lock(mutex_);
  auto it = users_.find(localpart);
  if (it == users_.end()) return std::nullopt;
  return it->second;
}

int FakeHomeserverClient::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

Result<bool> FakeHomeserverClient::provision_user(const ProvisionRequest& r) {
  std::lock_guard lock(mutex_);
  GH_TRY_STATUS(before_call());
  const bool created = !users_.contains(r.localpart);
  FakeUser& u = users_[r.localpart];
  if (r.display_name) u.display_name = r.display_name;
  if (r.unset_display_name) u.display_name.reset();
  if (r.emails) u.emails = *r.emails;
  return created;
}

Result<bool> FakeHomeserverClient::is_localpart_available(const std::string& localpart) {
  std::lock_guard lock(mutex_);
  GH_TRY_STATUS(before_call());
  return !users_.contains(localpart);
}

namespace {

Result<FakeUser*> existing(std::map<std::string, FakeUser>& users, const std::string& localpart) {
  auto it = users.find(localpart);
  if (it == users.end()) return fail(ErrorCode::kNotFound, "user '" + localpart + "' not found");
  return &it->second;
}

}  // namespace

Status FakeHomeserverClient::upsert_device(const DeviceRequest& r) {
  std::lock_guard lock(mutex_);
  GH_TRY_STATUS(before_call());
  GH_TRY(FakeUser * u, existing(users_, r.localpart));
  u->devices.insert(r.device_id);
  return ok();
}

Status FakeHomeserverClient::delete_device(const std::string& localpart,
                                           const std::string& device_id) {
  std::lock_guard lock(mutex_);
  GH_TRY_STATUS(before_call());
  GH_TRY(FakeUser * u, existing(users_, localpart));
  u->devices.erase(device_id);
  return ok();
}

Status FakeHomeserverClient::sync_devices(const std::string& localpart,
                                          const std::vector<std::string>& device_ids) {
  std::lock_guard lock(mutex_);
  GH_TRY_STATUS(before_call());
  GH_TRY(FakeUser * u, existing(users_, localpart));
  u->devices = std::set<std::string>(device_ids.begin(), device_ids.end());
  return ok();
}

Status FakeHomeserverClient::delete_user(const std::string& localpart, bool erase) {
  std::lock_guard lock(mutex_);
  GH_TRY_STATUS(before_call());
  GH_TRY(FakeUser * u, existing(users_, localpart));
  u->deactivated = true;
  u->erased = erase;
  u->devices.clear();
  return ok();
}

Status FakeHomeserverClient::reactivate_user(const std::string& localpart) {
  std::lock_guard lock(mutex_);
  GH_TRY_STATUS(before_call());
  GH_TRY(FakeUser * u, existing(users_, localpart));
  u->deactivated = false;
  return ok();
}

Status FakeHomeserverClient::set_displayname(const std::string& localpart,
                                             const std::string& name) {
  std::lock_guard lock(mutex_);
  GH_TRY_STATUS(before_call());
  GH_TRY(FakeUser * u, existing(users_, localpart));
  u->display_name = name;
  return ok();
}

Status FakeHomeserverClient::unset_displayname(const std::string& localpart) {
  std::lock_guard lock(mutex_);
  GH_TRY_STATUS(before_call());
  GH_TRY(FakeUser * u, existing(users_, localpart));
  u->display_name.reset();
  return ok();
}

Result<std::optional<std::string>> FakeHomeserverClient::display_name(const std::string& localpart) {
  std::lock_guard lock(mutex_);
  GH_TRY_STATUS(before_call());
  auto it = users_.find(localpart);
  if (it == users_.end()) return std::optional<std::string>{};
  return it->second.display_name;
}

Status FakeHomeserverClient::allow_cross_signing_reset(const std::string& localpart) {
  std::lock_guard lock(mutex_);
  GH_TRY_STATUS(before_call());
  GH_TRY(FakeUser * u, existing(users_, localpart));
  u->cross_signing_reset_allowed = true;
  return ok();
}

Status FakeHomeserverClient::invalidate(const std::string&, const std::optional<std::string>&) {
  std::lock_guard lock(mutex_);
  return before_call();
}

}  // namespace gatehouse::auth::homeserver_client
