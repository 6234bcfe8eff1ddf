-- Which comments each mail in the outbox quotes or answers: deleting a comment deletes its unsent mail too.
CREATE TABLE outbox_comments (mail_id INTEGER NOT NULL, comment_id TEXT NOT NULL, PRIMARY KEY (mail_id, comment_id));
CREATE INDEX outbox_comments_comment ON outbox_comments (comment_id);
