-- 002_functions.sql: helpers the prepared statements share.
-- iso_utc: a timestamp as the API emits it, UTC ISO 8601 with a Z ("2023-01-15T10:30:00Z").
CREATE FUNCTION iso_utc(t timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
