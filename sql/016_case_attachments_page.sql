-- 016_case_attachments_page.sql: a case's attachments in the order they are listed and paged (created_on, id),
-- so that a page of them reads its index in order, whatever the offset, without sorting every attachment.
CREATE INDEX case_attachments_case_page ON case_attachments (case_id, created_on, id);
DROP INDEX case_attachments_case;
