-- Background jobs (issue 5 records them; the homeserver issue adds the
-- worker). Same conventions as 0001; payload is JSON in TEXT.
CREATE TABLE queue_jobs (
  id TEXT PRIMARY KEY NOT NULL,
  queue_name TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'scheduled'
    CHECK (status IN ('scheduled', 'running', 'completed', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  scheduled_at BIGINT NOT NULL,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  completed_at BIGINT
);
CREATE INDEX queue_jobs_pending ON queue_jobs (status, scheduled_at);
