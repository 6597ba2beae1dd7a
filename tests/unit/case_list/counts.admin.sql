-- generic plan
SELECT t.status, sum(t.n)::bigint FROM case_totals t WHERE t.org_id = $1 GROUP BY t.status
