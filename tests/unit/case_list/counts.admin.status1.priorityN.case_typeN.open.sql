-- generic plan
SELECT k.status, sum(k.n)::bigint FROM case_counts k WHERE k.org_id = $1 AND k.priority = ANY ($6::text[]) AND k.case_type = ANY ($7::text[]) AND k.status <> 'Closed' GROUP BY k.status
