-- 020_case_queue_order.sql: the case list in update order and the work queue's order (highest priority first,
-- then the longest without an update, over the cases not Closed) read their index in order instead of sorting
-- every case of the organization.
CREATE INDEX IF NOT EXISTS cases_org_updated ON cases (org_id, updated_on);
CREATE INDEX IF NOT EXISTS cases_org_queue ON cases
    (org_id, array_position(ARRAY['Low', 'Normal', 'High', 'Critical'], priority) DESC, updated_on,
     created_on DESC, id DESC)
    WHERE status <> 'Closed';
