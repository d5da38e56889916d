-- OAuth 2.0 sessions, tokens, grants, consents (issue 6). Same conventions as
-- 0001; needs users and user_sessions from 0002_accounts.

-- Columns RFC 7591 registration and OIDC need on clients. Lists are JSON
-- arrays in TEXT, as in 0001.
ALTER TABLE oauth2_clients ADD COLUMN application_type TEXT;
ALTER TABLE oauth2_clients ADD COLUMN contacts TEXT NOT NULL DEFAULT '[]';
ALTER TABLE oauth2_clients ADD COLUMN logo_uri TEXT;
ALTER TABLE oauth2_clients ADD COLUMN policy_uri TEXT;
ALTER TABLE oauth2_clients ADD COLUMN tos_uri TEXT;
ALTER TABLE oauth2_clients ADD COLUMN post_logout_redirect_uris TEXT NOT NULL DEFAULT '[]';
ALTER TABLE oauth2_clients ADD COLUMN id_token_signed_response_alg TEXT;
ALTER TABLE oauth2_clients ADD COLUMN token_endpoint_auth_signing_alg TEXT;

-- An OAuth 2.0 session: one client's authorization, for one user (NULL for
-- client_credentials), holding the tokens. Finishing it ends every token.
CREATE TABLE oauth2_sessions (
  id TEXT PRIMARY KEY NOT NULL,
  client_id TEXT NOT NULL REFERENCES oauth2_clients (id) ON DELETE CASCADE,
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  user_session_id TEXT REFERENCES user_sessions (id) ON DELETE SET NULL,
  scope TEXT NOT NULL,
  device_id TEXT,
  created_at BIGINT NOT NULL,
  finished_at BIGINT,
  last_active_at BIGINT,
  last_active_ip TEXT,
  user_agent TEXT
);
CREATE INDEX oauth2_sessions_user_id ON oauth2_sessions (user_id);
CREATE INDEX oauth2_sessions_client_id ON oauth2_sessions (client_id);
CREATE INDEX oauth2_sessions_user_session_id ON oauth2_sessions (user_session_id);

-- Tokens are stored only as SHA-256 fingerprints (ids::token_fingerprint).
CREATE TABLE oauth2_access_tokens (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL REFERENCES oauth2_sessions (id) ON DELETE CASCADE,
  token_fingerprint TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  revoked_at BIGINT,
  first_used_at BIGINT
);
CREATE INDEX oauth2_access_tokens_session_id ON oauth2_access_tokens (session_id);

CREATE TABLE oauth2_refresh_tokens (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL REFERENCES oauth2_sessions (id) ON DELETE CASCADE,
  token_fingerprint TEXT NOT NULL UNIQUE,
  access_token_id TEXT REFERENCES oauth2_access_tokens (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  consumed_at BIGINT,
  revoked_at BIGINT,
  next_refresh_token_id TEXT REFERENCES oauth2_refresh_tokens (id) ON DELETE SET NULL
);
CREATE INDEX oauth2_refresh_tokens_session_id ON oauth2_refresh_tokens (session_id);

-- An authorization request (/authorize) from creation to code exchange.
CREATE TABLE oauth2_authorization_grants (
  id TEXT PRIMARY KEY NOT NULL,
  client_id TEXT NOT NULL REFERENCES oauth2_clients (id) ON DELETE CASCADE,
  redirect_uri TEXT NOT NULL,
  scope TEXT NOT NULL,
  state TEXT,
  nonce TEXT,
  code_challenge TEXT,
  code_challenge_method TEXT,
  response_mode TEXT NOT NULL,
  code_fingerprint TEXT UNIQUE,
  login_hint TEXT,
  prompt TEXT,
  max_age BIGINT,
  created_at BIGINT NOT NULL,
  fulfilled_at BIGINT,
  exchanged_at BIGINT,
  cancelled_at BIGINT,
  session_id TEXT REFERENCES oauth2_sessions (id) ON DELETE SET NULL,
  user_session_id TEXT REFERENCES user_sessions (id) ON DELETE SET NULL,
  auth_time BIGINT
);

-- RFC 8628 device authorization, from /oauth2/device to token exchange.
CREATE TABLE oauth2_device_code_grants (
  id TEXT PRIMARY KEY NOT NULL,
  client_id TEXT NOT NULL REFERENCES oauth2_clients (id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  device_code_fingerprint TEXT NOT NULL UNIQUE,
  user_code TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  fulfilled_at BIGINT,
  rejected_at BIGINT,
  exchanged_at BIGINT,
  session_id TEXT REFERENCES oauth2_sessions (id) ON DELETE SET NULL,
  user_session_id TEXT REFERENCES user_sessions (id) ON DELETE SET NULL,
  last_polled_at BIGINT
);

-- What a user approved for a client, one scope token per row, so consent is
-- asked again only for new scopes.
CREATE TABLE oauth2_consents (
  client_id TEXT NOT NULL REFERENCES oauth2_clients (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  scope_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (client_id, user_id, scope_token)
);

-- client_secret_jwt / private_key_jwt assertions seen (RFC 7523 §3: a jti
-- must not be replayed), kept until the assertion expires.
CREATE TABLE oauth2_client_assertions_seen (
  client_id TEXT NOT NULL,
  jti TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (client_id, jti)
);
