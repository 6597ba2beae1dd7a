-- custom plan
EXPLAIN (FORMAT JSON) SELECT 1 FROM cases c WHERE c.org_id = $1 AND c.status = ($5::text[])[1] AND EXISTS (SELECT 1 FROM case_assignees fa WHERE fa.case_id = c.id AND fa.user_id = $8) AND c.id IN (SELECT fq.case_id FROM case_search fq WHERE fq.org_id = $1 AND fq.doc @@ to_tsquery($22, $21))
