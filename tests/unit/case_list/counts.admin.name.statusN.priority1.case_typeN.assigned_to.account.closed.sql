-- custom plan
SELECT c.status, count(*) FROM cases c WHERE c.org_id = $1 AND c.name ILIKE '%' || $4 || '%' AND c.priority = ($6::text[])[1] AND c.case_type = ANY ($7::text[]) AND EXISTS (SELECT 1 FROM case_assignees fa WHERE fa.case_id = c.id AND fa.user_id = $8) AND c.account_id = $9 AND c.status = 'Closed' GROUP BY c.status
