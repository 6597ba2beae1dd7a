-- custom plan
EXPLAIN (FORMAT JSON) SELECT 1 FROM case_visibility fv JOIN cases c ON c.id = fv.case_id WHERE fv.user_id = $2 AND fv.org_id = $1 AND c.org_id = $1 AND c.id IN (SELECT fq.case_id FROM case_search fq WHERE fq.org_id = $1 AND fq.doc @@ to_tsquery($22, $21))
