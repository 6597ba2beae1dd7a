-- generic plan
SELECT k.status, sum(k.n)::bigint FROM case_counts k WHERE k.org_id = $1 AND k.case_type = ($7::text[])[1] GROUP BY k.status
