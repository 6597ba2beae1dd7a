-- generic plan
SELECT c.status, count(*) FROM cases c WHERE c.org_id = $1 AND cardinality(c.assignee_ids) = 0 GROUP BY c.status
