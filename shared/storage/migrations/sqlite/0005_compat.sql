-- The legacy Matrix login API (issue 8): compat sessions, their tokens, and
-- the m.login.sso handshake. Same conventions as 0004; needs users and
-- user_sessions from 0002_accounts.

-- One device logged in through /login (or `manage
-- issue-compatibility-token`, or imported from Synapse). Finishing it ends
-- its tokens: they are only valid while finished_at is NULL.
CREATE TABLE compat_sessions (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  device_id TEXT,
  human_name TEXT,
  is_synapse_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_synapse_admin IN (0, 1)),
  user_session_id TEXT REFERENCES user_sessions (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  finished_at BIGINT,
  last_active_at BIGINT,
  last_active_ip TEXT,
  user_agent TEXT
);
CREATE INDEX compat_sessions_user_id ON compat_sessions (user_id);
CREATE INDEX compat_sessions_user_session_id ON compat_sessions (user_session_id);

-- Tokens are stored only as SHA-256 fingerprints (ids::token_fingerprint);
-- mct_/mcr_ and Synapse's syt_/syr_ alike.
CREATE TABLE compat_access_tokens (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL REFERENCES compat_sessions (id) ON DELETE CASCADE,
  token_fingerprint TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT
);
CREATE INDEX compat_access_tokens_session_id ON compat_access_tokens (session_id);

CREATE TABLE compat_refresh_tokens (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL REFERENCES compat_sessions (id) ON DELETE CASCADE,
  token_fingerprint TEXT NOT NULL UNIQUE,
  access_token_id TEXT REFERENCES compat_access_tokens (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  consumed_at BIGINT
);
CREATE INDEX compat_refresh_tokens_session_id ON compat_refresh_tokens (session_id);

-- GET /login/sso/redirect → web login → confirmation → loginToken →
-- POST /login m.login.token. The login token is stored as a fingerprint.
CREATE TABLE compat_sso_logins (
  id TEXT PRIMARY KEY NOT NULL,
  redirect_uri TEXT NOT NULL,
  login_token_fingerprint TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  fulfilled_at BIGINT,
  exchanged_at BIGINT,
  compat_session_id TEXT REFERENCES compat_sessions (id) ON DELETE SET NULL,
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE
);
