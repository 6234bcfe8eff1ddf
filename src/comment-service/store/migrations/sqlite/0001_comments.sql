-- Schema version 1. SQLite files (sqlite-store.ts) and Cloudflare D1 (wrangler d1 migrations apply)
-- both apply the files of this folder in order.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE comments (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
  updated_at TEXT
);
CREATE INDEX comments_article ON comments (article, status, seq);
CREATE INDEX comments_status ON comments (status, seq);
CREATE INDEX comments_email ON comments (email COLLATE NOCASE);
