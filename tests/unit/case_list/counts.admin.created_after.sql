-- custom plan
SELECT c.status, count(*) FROM cases c WHERE c.org_id = $1 AND c.created_on >= $19 GROUP BY c.status
