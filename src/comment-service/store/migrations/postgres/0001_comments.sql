-- The PostgreSQL form of ../sqlite/0001 to 0003 (the same tables, columns and indexes), applied by
-- postgres-store.ts and recorded in schema_migrations. Times are ISO 8601 text, as in SQLite.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE comments (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  article TEXT NOT NULL,
  parent TEXT,
  name TEXT NOT NULL,
  email TEXT,
  website TEXT,
  comment TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'spam')),
  ip_hash TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT,
  email_key TEXT,
  idempotency_key TEXT
);
CREATE INDEX comments_article ON comments (article, status, seq);
CREATE INDEX comments_status ON comments (status, seq);
CREATE INDEX comments_email_key ON comments (email_key);
CREATE UNIQUE INDEX comments_idempotency_key ON comments (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX comments_ip_hash ON comments (ip_hash, created_at) WHERE ip_hash IS NOT NULL;
