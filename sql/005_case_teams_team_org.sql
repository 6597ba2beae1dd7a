-- 005_case_teams_team_org.sql: the cases of a USER's teams read from the index alone, for the count of the cases
-- a USER may see (CASE_VISIBLE_IDS in src/db/statements.def). Idempotent.
-- (team, organization) first with the case: the team arm of that count was an index scan of (team_id, case_id)
-- that visited every row of case_teams to test the organization, most of the count's time; now an index-only
-- scan. It also serves every lookup by team the old index served, which it replaces.
CREATE INDEX IF NOT EXISTS case_teams_team_org ON case_teams (team_id, org_id, case_id);
DROP INDEX IF EXISTS case_teams_team;
