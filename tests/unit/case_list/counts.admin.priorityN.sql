-- generic plan
SELECT k.status, sum(k.n)::bigint FROM case_counts k WHERE k.org_id = $1 AND k.priority = ANY ($6::text[]) GROUP BY k.status
