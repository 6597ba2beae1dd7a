-- custom plan
SELECT c.status, count(*) FROM case_visibility fv JOIN cases c ON c.id = fv.case_id WHERE fv.user_id = $2 AND fv.org_id = $1 AND c.org_id = $1 AND (c.created_by = $18 OR EXISTS (SELECT 1 FROM case_assignees fi WHERE fi.case_id = c.id AND fi.user_id = $18)) GROUP BY c.status
