-- Password recovery by email (account.password_recovery_enabled): one
-- ticket per link sent. The link's token is stored only as its SHA-256
-- fingerprint (ids::token_fingerprint); a ticket is used once, before it
-- expires.
CREATE TABLE user_recovery_tickets (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  user_email_id TEXT NOT NULL REFERENCES user_emails (id) ON DELETE CASCADE,
  token_fingerprint TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  consumed_at BIGINT
);
CREATE INDEX user_recovery_tickets_user_id ON user_recovery_tickets (user_id);
CREATE INDEX user_recovery_tickets_user_email_id ON user_recovery_tickets (user_email_id);
