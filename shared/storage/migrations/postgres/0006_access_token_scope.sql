-- The scope of one access token when a refresh narrowed it (RFC 6749 §6:
-- a refresh may ask for a subset of the session's scope). NULL: the token
-- carries its session's scope. The session keeps the original grant, so a
-- later refresh can never widen beyond it.
ALTER TABLE oauth2_access_tokens ADD COLUMN scope TEXT;
