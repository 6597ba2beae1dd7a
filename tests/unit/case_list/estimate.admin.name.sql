-- custom plan
EXPLAIN (FORMAT JSON) SELECT 1 FROM cases c WHERE c.org_id = $1 AND c.name ILIKE '%' || $4 || '%'
