-- 008_case_totals.sql: the number of cases per organization and status, kept with case_counts (sql/004) in
-- eight slots, so that an ADMIN's unfiltered list (its total, the /cases status tabs) reads 32 rows instead of
-- every counter of the organization (640 rows: 0.08 ms of CPU per list, more than the page itself). Idempotent.
CREATE TABLE IF NOT EXISTS case_totals (
    org_id  uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    status  text NOT NULL,
    slot    smallint NOT NULL,               -- 0..7 from the case id (case_count_slot)
    n       bigint NOT NULL,
    PRIMARY KEY (org_id, status, slot)
);

-- case_counts_apply (sql/004) and the organization's totals, in one statement-level trigger.
CREATE OR REPLACE FUNCTION case_counts_apply() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO case_counts AS k (org_id, status, priority, case_type, slot, n)
        SELECT org_id, status, priority, COALESCE(case_type, ''), case_count_slot(id), count(*)
        FROM changed GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (org_id, status, priority, case_type, slot) DO UPDATE SET n = k.n + EXCLUDED.n;
        INSERT INTO case_totals AS t (org_id, status, slot, n)
        SELECT org_id, status, case_count_slot(id), count(*) FROM changed GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (org_id, status, slot) DO UPDATE SET n = t.n + EXCLUDED.n;
    ELSE
        UPDATE case_counts k SET n = k.n - d.n
        FROM (SELECT org_id, status, priority, COALESCE(case_type, '') AS case_type, case_count_slot(id) AS slot,
                     count(*) AS n FROM changed GROUP BY 1, 2, 3, 4, 5) d
        WHERE k.org_id = d.org_id AND k.status = d.status AND k.priority = d.priority
          AND k.case_type = d.case_type AND k.slot = d.slot;
        UPDATE case_totals t SET n = t.n - d.n
        FROM (SELECT org_id, status, case_count_slot(id) AS slot, count(*) AS n FROM changed GROUP BY 1, 2, 3) d
        WHERE t.org_id = d.org_id AND t.status = d.status AND t.slot = d.slot;
    END IF;
    RETURN NULL;
END $$;

-- case_counts_move (sql/004), and the totals when a case changes organization or status.
CREATE OR REPLACE FUNCTION case_counts_move() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO case_counts AS k (org_id, status, priority, case_type, slot, n)
    SELECT * FROM (VALUES
        (OLD.org_id, OLD.status, OLD.priority, COALESCE(OLD.case_type, ''), case_count_slot(OLD.id), -1::bigint),
        (NEW.org_id, NEW.status, NEW.priority, COALESCE(NEW.case_type, ''), case_count_slot(NEW.id), 1::bigint)) v
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (org_id, status, priority, case_type, slot) DO UPDATE SET n = k.n + EXCLUDED.n;
    IF OLD.org_id IS DISTINCT FROM NEW.org_id OR OLD.status IS DISTINCT FROM NEW.status THEN
        INSERT INTO case_totals AS t (org_id, status, slot, n)
        SELECT * FROM (VALUES (OLD.org_id, OLD.status, case_count_slot(OLD.id), -1::bigint),
                              (NEW.org_id, NEW.status, case_count_slot(NEW.id), 1::bigint)) v
        ORDER BY 1, 2, 3
        ON CONFLICT (org_id, status, slot) DO UPDATE SET n = t.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;

-- No case may be inserted or deleted while the totals are rebuilt.
LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE;
DELETE FROM case_totals;
INSERT INTO case_totals (org_id, status, slot, n)
SELECT org_id, status, case_count_slot(id), count(*) FROM cases GROUP BY 1, 2, 3;
