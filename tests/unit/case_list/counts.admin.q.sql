-- custom plan
SELECT c.status, count(*) FROM cases c WHERE c.org_id = $1 AND c.id IN (SELECT fq.case_id FROM case_search fq WHERE fq.org_id = $1 AND fq.doc @@ to_tsquery($22, $21)) GROUP BY c.status
