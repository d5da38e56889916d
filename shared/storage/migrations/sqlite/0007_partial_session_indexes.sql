-- Sessions without a user (client_credentials) or without a browser
-- session (those, the device flow, compat-issued) need no entry in these
-- indexes: every lookup names a user or a browser session (`= $1`, which
-- both databases read as implying IS NOT NULL), so partial indexes serve
-- them the same and a machine-to-machine token writes two index entries
-- fewer.
DROP INDEX oauth2_sessions_user_id;
DROP INDEX oauth2_sessions_user_session_id;
CREATE INDEX oauth2_sessions_user_id ON oauth2_sessions (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX oauth2_sessions_user_session_id ON oauth2_sessions (user_session_id)
  WHERE user_session_id IS NOT NULL;
