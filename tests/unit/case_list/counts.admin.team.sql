-- custom plan
SELECT c.status, count(*) FROM cases c WHERE c.org_id = $1 AND EXISTS (SELECT 1 FROM case_teams ft WHERE ft.case_id = c.id AND ft.team_id = $13) GROUP BY c.status
