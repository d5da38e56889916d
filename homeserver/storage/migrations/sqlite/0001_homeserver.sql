-- The thin homeserver's own tables (issue 7): what Synapse keeps about a
-- user that the auth service provisions through /_synapse/mas/. Conventions
-- as shared/storage/database.h: BIGINT milliseconds, booleans 0/1 here and
-- BOOLEAN on PostgreSQL.

-- A Matrix user on this server, by localpart (the user ID is
-- @localpart:server_name; server_name never changes for a database).
CREATE TABLE users (
  localpart TEXT PRIMARY KEY NOT NULL,
  created_at BIGINT NOT NULL,
  deactivated INTEGER NOT NULL DEFAULT 0 CHECK (deactivated IN (0, 1)),
  locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  is_suspended INTEGER NOT NULL DEFAULT 0 CHECK (is_suspended IN (0, 1)),
  admin INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1))
);

CREATE TABLE profiles (
  localpart TEXT PRIMARY KEY NOT NULL REFERENCES users (localpart) ON DELETE CASCADE,
  displayname TEXT,
  avatar_url TEXT
);

-- Synapse's user_threepids, emails only (the auth service owns them; the
-- homeserver mirrors the set it is given).
CREATE TABLE user_emails (
  localpart TEXT NOT NULL REFERENCES users (localpart) ON DELETE CASCADE,
  address TEXT NOT NULL,
  added_at BIGINT NOT NULL,
  PRIMARY KEY (localpart, address)
);

-- hidden: cross-signing pseudo-devices (and the dehydrated device), which
-- sync_devices must never delete and clients never list.
CREATE TABLE devices (
  localpart TEXT NOT NULL REFERENCES users (localpart) ON DELETE CASCADE,
  device_id TEXT NOT NULL,
  display_name TEXT,
  last_seen BIGINT,
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  created_at BIGINT NOT NULL,
  UNIQUE (localpart, device_id)
);

-- allow_cross_signing_reset: until when the master key may be replaced
-- without user-interactive auth.
CREATE TABLE cross_signing_reset_allowed_until (
  localpart TEXT PRIMARY KEY NOT NULL REFERENCES users (localpart) ON DELETE CASCADE,
  allowed_until BIGINT NOT NULL
);
