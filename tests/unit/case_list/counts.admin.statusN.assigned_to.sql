-- generic plan
SELECT c.status, count(*) FROM cases c WHERE c.org_id = $1 AND EXISTS (SELECT 1 FROM case_assignees fa WHERE fa.case_id = c.id AND fa.user_id = $8) GROUP BY c.status
