-- custom plan
SELECT c.status, count(*) FROM cases c WHERE c.org_id = $1 AND EXISTS (SELECT 1 FROM case_teams ft JOIN team_members tm ON tm.team_id = ft.team_id WHERE ft.case_id = c.id AND tm.user_id = $2) GROUP BY c.status
