-- 010_directory_notify.sql: announces every change to who may do what (credentials, users, memberships,
-- organization names) and to the accounts with NOTIFY casedesk_directory, so that workers caching validated
-- credentials, member lists and account names (src/auth/credcache.c, src/repo/dircache.c) drop them at once,
-- on every host.
CREATE FUNCTION directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- One notification per transaction: PostgreSQL folds identical ones, and delivers it at commit only.
    PERFORM pg_notify('casedesk_directory', '');
    RETURN NULL;
END $$;

-- A new token or session is read from the table at first use: only changes and removals are announced.
CREATE TRIGGER api_tokens_directory AFTER UPDATE OF revoked_on, expires_at, user_id OR DELETE ON api_tokens
    FOR EACH ROW EXECUTE FUNCTION directory_changed();
-- Not when a session's expiry moves forward, as every active session's does (a cached one expires on its own).
CREATE TRIGGER sessions_directory_update AFTER UPDATE OF org_id, user_id, expires_at ON sessions
    FOR EACH ROW WHEN (NEW.org_id IS DISTINCT FROM OLD.org_id OR NEW.user_id <> OLD.user_id
                       OR NEW.expires_at < OLD.expires_at)
    EXECUTE FUNCTION directory_changed();
CREATE TRIGGER sessions_directory_delete AFTER DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION directory_changed();
CREATE TRIGGER users_directory AFTER UPDATE OF email, name, is_active OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION directory_changed();
-- Inserts too: a caller cached as no member of an organization becomes one.
CREATE TRIGGER memberships_directory AFTER INSERT OR UPDATE OR DELETE ON memberships
    FOR EACH ROW EXECUTE FUNCTION directory_changed();
CREATE TRIGGER orgs_directory AFTER UPDATE OF name OR DELETE ON orgs
    FOR EACH ROW EXECUTE FUNCTION directory_changed();
-- The HTML case list names and filters by the newest accounts.
CREATE TRIGGER accounts_directory AFTER INSERT OR UPDATE OF name OR DELETE ON accounts
    FOR EACH ROW EXECUTE FUNCTION directory_changed();
