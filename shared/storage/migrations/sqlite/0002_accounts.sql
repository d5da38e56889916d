-- Accounts (issue 5), modelled on MAS's tables (reference mas.md §11). Same
-- conventions as 0001.

-- A user: the ULID id is also the OIDC `sub`; username is the Matrix
-- localpart. can_request_admin is MAS's "admin" flag.
CREATE TABLE users (
  id TEXT PRIMARY KEY NOT NULL,
  username TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  locked_at BIGINT,
  deactivated_at BIGINT,
  can_request_admin INTEGER NOT NULL DEFAULT 0 CHECK (can_request_admin IN (0, 1)),
  is_guest INTEGER NOT NULL DEFAULT 0 CHECK (is_guest IN (0, 1))
);

-- Emails are stored lower-cased by the repository, so UNIQUE(email) is
-- case-insensitive in effect on both dialects.
CREATE TABLE user_emails (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  confirmed_at BIGINT
);
CREATE INDEX user_emails_user_id ON user_emails (user_id);

-- Password history: the newest row is the current password; old rows are
-- kept (as in MAS) and an upgrade on login points back at the row it replaced.
CREATE TABLE user_passwords (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  hashed_password TEXT NOT NULL,
  upgraded_from_id TEXT REFERENCES user_passwords (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX user_passwords_user_id ON user_passwords (user_id, created_at);

CREATE TABLE user_registration_tokens (
  id TEXT PRIMARY KEY NOT NULL,
  token TEXT NOT NULL UNIQUE,
  usage_limit INTEGER,
  times_used INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  expires_at BIGINT,
  revoked_at BIGINT
);

-- Browser sessions (the login cookie) and how each was authenticated.
CREATE TABLE user_sessions (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  finished_at BIGINT,
  user_agent TEXT,
  last_active_ip TEXT
);
CREATE INDEX user_sessions_user_id ON user_sessions (user_id);

CREATE TABLE user_session_authentications (
  id TEXT PRIMARY KEY NOT NULL,
  user_session_id TEXT NOT NULL REFERENCES user_sessions (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('password', 'upstream'))
);
CREATE INDEX user_session_authentications_session
  ON user_session_authentications (user_session_id);

-- A deleted user's localpart is never handed out again: a Matrix user id
-- must keep naming the same person in every room's history.
CREATE TABLE reserved_localparts (
  localpart TEXT PRIMARY KEY NOT NULL,
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
