-- The PostgreSQL form of ../sqlite/0005_outbox_comments.sql.
CREATE TABLE outbox_comments (mail_id BIGINT NOT NULL, comment_id TEXT NOT NULL, PRIMARY KEY (mail_id, comment_id));
CREATE INDEX outbox_comments_comment ON outbox_comments (comment_id);
