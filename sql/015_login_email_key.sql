-- 015_login_email_key.sql: sign-in failures count per email as sign-in matches it (trimmed of blanks, then
-- lower-cased by PostgreSQL as STMT_USER_BY_EMAIL compares), under a fixed-size key: a SHA-256 of that text, so
-- that U@X.TEST and u@x.test share one budget and an email of any length has a key the btree index takes.
CREATE FUNCTION login_email_key(email text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT 'email:' || encode(sha256(convert_to(lower(btrim(email, E' \t\n\r\f\013')), 'UTF8')), 'hex')
$$;

COMMENT ON COLUMN login_failures.key IS
    'login_email_key(email as sent) for the email, ''addr:'' || client address for the address';

-- Failures counted before this migration, under the email as typed, keep counting under its new key.
UPDATE login_failures SET key = login_email_key(substr(key, 7)) WHERE key LIKE 'email:%';
