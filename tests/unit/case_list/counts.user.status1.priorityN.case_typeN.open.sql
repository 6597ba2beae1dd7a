-- generic plan
SELECT c.status, count(*) FROM case_visibility fv JOIN cases c ON c.id = fv.case_id WHERE fv.user_id = $2 AND fv.org_id = $1 AND c.org_id = $1 AND c.priority = ANY ($6::text[]) AND c.case_type = ANY ($7::text[]) AND c.status <> 'Closed' GROUP BY c.status
