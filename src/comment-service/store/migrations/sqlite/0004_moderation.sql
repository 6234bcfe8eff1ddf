-- The moderation page, mail and spam defence: reply notifications asked for per comment, blocked
-- senders, moderators' sessions and failed sign-ins, the outbox and the single-use mail links.
ALTER TABLE comments ADD COLUMN notify INTEGER NOT NULL DEFAULT 0;
CREATE INDEX comments_article_created ON comments (article, created_at);
CREATE TABLE blocks (
  kind TEXT NOT NULL CHECK (kind IN ('email', 'client')),
  value TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (kind, value)
);
CREATE TABLE admin_sessions (id_hash TEXT PRIMARY KEY, expires_at TEXT NOT NULL);
CREATE TABLE login_failures (client_hash TEXT NOT NULL, failed_at TEXT NOT NULL);
CREATE INDEX login_failures_client ON login_failures (client_hash, failed_at);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT UNIQUE,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  headers TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  sent_at TEXT,
  last_error TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
CREATE TABLE used_tokens (id TEXT PRIMARY KEY, expires_at TEXT NOT NULL);
