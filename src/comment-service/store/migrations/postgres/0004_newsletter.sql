-- The PostgreSQL form of ../sqlite/0006_newsletter.sql: the newsletter's subscribers,
-- sends, subscription attempts, and an HTML part for mails in the outbox.
CREATE TABLE subscribers (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL UNIQUE,
  rhythm TEXT NOT NULL CHECK (rhythm IN ('story', 'daily')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
  created_at TEXT NOT NULL,
  confirmed_at TEXT,
  unsubscribed_at TEXT,
  confirm_sent_at TEXT
);
CREATE INDEX subscribers_recipients ON subscribers (status, rhythm, id);
CREATE TABLE newsletter_sends (
  key TEXT PRIMARY KEY,
  rhythm TEXT NOT NULL,
  title TEXT NOT NULL,
  started_at TEXT NOT NULL,
  completed_at TEXT,
  queued BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX newsletter_sends_started ON newsletter_sends (started_at);
CREATE TABLE subscribe_attempts (client_hash TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX subscribe_attempts_client ON subscribe_attempts (client_hash, at);
ALTER TABLE outbox ADD COLUMN html TEXT;
