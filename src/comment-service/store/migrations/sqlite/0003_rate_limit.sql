-- The rate limit counts the comments stored from one address hash in the last window.
CREATE INDEX comments_ip_hash ON comments (ip_hash, created_at) WHERE ip_hash IS NOT NULL;
