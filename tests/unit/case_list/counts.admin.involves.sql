-- custom plan
SELECT c.status, count(*) FROM cases c WHERE c.org_id = $1 AND (c.created_by = $18 OR EXISTS (SELECT 1 FROM case_assignees fi WHERE fi.case_id = c.id AND fi.user_id = $18)) GROUP BY c.status
