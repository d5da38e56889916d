-- A registration waiting for its email address to be proven
-- (account.password_registration_email_required): what the form said, the
-- password already hashed, and the code mailed to the address (stored as a
-- fingerprint). Completed once, by the browser that started it.
CREATE TABLE user_registrations (
  id TEXT PRIMARY KEY NOT NULL,
  username TEXT NOT NULL,
  email TEXT NOT NULL,
  hashed_password TEXT NOT NULL,
  password_version INTEGER NOT NULL,
  registration_token TEXT,
  continuation TEXT NOT NULL,
  code_fingerprint TEXT NOT NULL,
  code_sent_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  completed_at BIGINT
);

-- An address a signed-in user is adding on the account page
-- (account.email_change_allowed), waiting for the code mailed to it.
CREATE TABLE user_email_authentications (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  code_fingerprint TEXT NOT NULL,
  code_sent_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  completed_at BIGINT
);
CREATE INDEX user_email_authentications_user_id ON user_email_authentications (user_id);
