-- Conventions for every Gatehouse table (see shared/storage/database.h):
--   ids are ULID strings in TEXT columns;
--   timestamps are BIGINT milliseconds since the Unix epoch;
--   booleans are BOOLEAN on PostgreSQL and INTEGER 0/1 on SQLite;
--   JSON is stored as TEXT.
-- Each step exists once per dialect, under migrations/{sqlite,postgres}/.

-- OAuth 2.0 clients: static ones synced from config (`gatehouse config sync`)
-- and, later, dynamically registered ones. The client secret is encrypted by
-- the caller; storage never sees it in the clear.
CREATE TABLE oauth2_clients (
  id TEXT PRIMARY KEY NOT NULL,
  is_static INTEGER NOT NULL DEFAULT 0 CHECK (is_static IN (0, 1)),
  client_auth_method TEXT NOT NULL,
  encrypted_client_secret TEXT,
  jwks TEXT,
  jwks_uri TEXT,
  redirect_uris TEXT NOT NULL DEFAULT '[]',
  grant_types TEXT NOT NULL DEFAULT '[]',
  client_name TEXT,
  client_uri TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE INDEX oauth2_clients_is_static ON oauth2_clients (is_static);
