-- custom plan
SELECT c.status, count(*) FROM cases c WHERE c.org_id = $1 AND c.name ILIKE '%' || $4 || '%' AND c.account_id = $9 GROUP BY c.status
