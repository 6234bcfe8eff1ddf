-- Privacy requests match e-mail addresses folded for all of Unicode (email_key, filled for older
-- rows by sqlite-store.ts, which has the folding function); retries of one post share a key; the
-- address-hashing key moves out of the database, so a leaked file alone cannot be reversed.
ALTER TABLE comments ADD COLUMN email_key TEXT;
ALTER TABLE comments ADD COLUMN idempotency_key TEXT;
DROP INDEX comments_email;
CREATE INDEX comments_email_key ON comments (email_key);
CREATE UNIQUE INDEX comments_idempotency_key ON comments (idempotency_key) WHERE idempotency_key IS NOT NULL;
DELETE FROM meta WHERE key = 'ip-hash-key';
