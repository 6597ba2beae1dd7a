-- custom plan
SELECT c.status, count(*) FROM cases c WHERE c.org_id = $1 AND (c.created_by = $2 OR EXISTS (SELECT 1 FROM case_assignees fm WHERE fm.case_id = c.id AND fm.user_id = $2)) GROUP BY c.status
