-- 023_dashboard_counts.sql: the start page counts the cases closed on each of the last 30 days and the open
-- cases without an assignee; both read an index of just those cases instead of every case of the organization
-- (EXPLAIN at 100,000 cases, bench/generate.sql: an ADMIN's whole dashboard in 5 ms).
CREATE INDEX IF NOT EXISTS cases_org_closed ON cases (org_id, closed_on) WHERE closed_on IS NOT NULL;
CREATE INDEX IF NOT EXISTS cases_org_open_unassigned ON cases (org_id)
    WHERE status <> 'Closed' AND cardinality(assignee_ids) = 0;
