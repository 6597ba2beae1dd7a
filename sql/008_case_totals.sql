-- 008_case_totals.sql: the number of cases per organization and status, in eight slots like case_counts
-- (sql/004), so that an ADMIN's unfiltered list (its total, the /cases status tabs) reads 32 rows instead of
-- every counter of the organization (one per status, priority, type and slot: more work than the page itself).
-- Idempotent.
CREATE TABLE IF NOT EXISTS case_totals (
    org_id  uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    status  text NOT NULL,
    slot    smallint NOT NULL,               -- 0..7 from the case id (case_count_slot)
    n       bigint NOT NULL,
    PRIMARY KEY (org_id, status, slot)
);

-- Statement-level INSERT or DELETE on cases (transition table "changed"): inserts add in key order (concurrent
-- writers cannot deadlock); deletes only lower rows that exist (see case_counts_apply).
CREATE OR REPLACE FUNCTION case_totals_apply() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO case_totals AS t (org_id, status, slot, n)
        SELECT org_id, status, case_count_slot(id), count(*) FROM changed GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (org_id, status, slot) DO UPDATE SET n = t.n + EXCLUDED.n;
    ELSE
        UPDATE case_totals t SET n = t.n - d.n
        FROM (SELECT org_id, status, case_count_slot(id) AS slot, count(*) AS n FROM changed GROUP BY 1, 2, 3) d
        WHERE t.org_id = d.org_id AND t.status = d.status AND t.slot = d.slot;
    END IF;
    RETURN NULL;
END $$;

-- Row-level UPDATE that changed the status (or the organization): move the case between totals.
CREATE OR REPLACE FUNCTION case_totals_move() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO case_totals AS t (org_id, status, slot, n)
    SELECT * FROM (VALUES (OLD.org_id, OLD.status, case_count_slot(OLD.id), -1::bigint),
                          (NEW.org_id, NEW.status, case_count_slot(NEW.id), 1::bigint)) v
    ORDER BY 1, 2, 3
    ON CONFLICT (org_id, status, slot) DO UPDATE SET n = t.n + EXCLUDED.n;
    RETURN NULL;
END $$;

-- No case may change while the triggers appear and the totals are rebuilt.
LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE;
CREATE OR REPLACE TRIGGER case_totals_insert AFTER INSERT ON cases
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_totals_apply();
CREATE OR REPLACE TRIGGER case_totals_delete AFTER DELETE ON cases
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_totals_apply();
CREATE OR REPLACE TRIGGER case_totals_update AFTER UPDATE OF org_id, status ON cases
    FOR EACH ROW WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION case_totals_move();
DELETE FROM case_totals;
INSERT INTO case_totals (org_id, status, slot, n)
SELECT org_id, status, case_count_slot(id), count(*) FROM cases GROUP BY 1, 2, 3;
