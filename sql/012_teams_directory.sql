-- 012_teams_directory.sql: the HTML case list offers the organization's teams as a filter from the workers'
-- directory cache (src/repo/dircache.c): announce team changes as 010 does for accounts.
DROP TRIGGER IF EXISTS teams_directory ON teams;
CREATE TRIGGER teams_directory AFTER INSERT OR UPDATE OF name OR DELETE ON teams
    FOR EACH ROW EXECUTE FUNCTION directory_changed();
