-- custom plan
SELECT c.status, count(*) FROM case_visibility fv JOIN cases c ON c.id = fv.case_id WHERE fv.user_id = $2 AND fv.org_id = $1 AND c.org_id = $1 AND c.created_on >= $19 GROUP BY c.status
