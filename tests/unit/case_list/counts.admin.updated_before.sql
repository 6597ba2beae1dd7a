-- custom plan
SELECT c.status, count(*) FROM cases c WHERE c.org_id = $1 AND c.updated_on < $16 GROUP BY c.status
