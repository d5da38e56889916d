-- Sign-in through upstream OpenID Connect providers (upstream_oauth2 in the
-- config; providers themselves live in the config only, so provider_id is
-- not a foreign key). Same conventions as 0004; needs users from 0002.

-- Which account at which provider is which user. A link whose user_id is
-- NULL was seen but not (yet) tied to a user. One link per provider
-- account; a user may have several, also for one provider (on_conflict add).
CREATE TABLE upstream_oauth_links (
  id TEXT PRIMARY KEY NOT NULL,
  provider_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  human_account_name TEXT,
  created_at BIGINT NOT NULL,
  UNIQUE (provider_id, subject)
);
CREATE INDEX upstream_oauth_links_user_id ON upstream_oauth_links (user_id);

-- One trip to a provider and back: what was sent (state, nonce, PKCE
-- verifier), where the browser goes afterwards (`continuation`: the query
-- of the login page it came from), and what came back (claims as JSON).
-- completed_at: the callback checked the answer; consumed_at: it was used
-- to sign in, register or link, once.
CREATE TABLE upstream_oauth_sessions (
  id TEXT PRIMARY KEY NOT NULL,
  provider_id TEXT NOT NULL,
  state TEXT NOT NULL UNIQUE,
  nonce TEXT NOT NULL,
  code_verifier TEXT,
  continuation TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  completed_at BIGINT,
  consumed_at BIGINT,
  link_id TEXT REFERENCES upstream_oauth_links (id) ON DELETE SET NULL,
  id_token_claims TEXT,
  userinfo_claims TEXT
);
CREATE INDEX upstream_oauth_sessions_link_id ON upstream_oauth_sessions (link_id);
