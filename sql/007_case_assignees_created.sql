-- 007_case_assignees_created.sql: an assignee's cases newest first from one index. The list filtered by
-- assignee walked the organization's newest cases probing each for the assignee (thousands of probes when
-- the newest cases were someone else's) or sorted all of the assignee's cases; now it walks the assignee's
-- rows of case_assignees in the case's creation order and stops at the page (src/db/case_list.c).
-- A case's created_on never changes after insert, so a copy taken when the link is made stays right. Idempotent.
ALTER TABLE case_assignees ADD COLUMN IF NOT EXISTS created_on timestamptz;
UPDATE case_assignees a SET created_on = c.created_on FROM cases c
WHERE c.id = a.case_id AND a.created_on IS DISTINCT FROM c.created_on;
ALTER TABLE case_assignees ALTER COLUMN created_on SET NOT NULL;

CREATE OR REPLACE FUNCTION case_assignees_created() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.created_on := (SELECT c.created_on FROM cases c WHERE c.id = NEW.case_id);
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS case_assignees_created ON case_assignees;
CREATE TRIGGER case_assignees_created BEFORE INSERT ON case_assignees
    FOR EACH ROW EXECUTE FUNCTION case_assignees_created();

-- Also serves what (user_id, org_id, case_id) served: counting an assignee's cases, a USER's visible ids.
CREATE INDEX IF NOT EXISTS case_assignees_user_created
    ON case_assignees (user_id, org_id, created_on DESC, case_id DESC);
DROP INDEX IF EXISTS case_assignees_user_org;

-- The number of cases of each assignee, kept like case_counts (sql/004): the total of an assignee's list read
-- from at most eight rows instead of counting every one of their links for each page.
CREATE TABLE IF NOT EXISTS case_assignee_counts (
    org_id   uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id  uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    slot     smallint NOT NULL,               -- 0..7 from the case id, as case_count_slot
    n        bigint NOT NULL,
    PRIMARY KEY (org_id, user_id, slot)
);

-- Statement-level INSERT or DELETE on case_assignees (transition table "changed"), in key order so that
-- concurrent writers cannot deadlock; deletes only decrement rows that exist (see case_counts_apply).
CREATE OR REPLACE FUNCTION case_assignee_counts_apply() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO case_assignee_counts AS k (org_id, user_id, slot, n)
        SELECT org_id, user_id, case_count_slot(case_id), count(*)
        FROM changed GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (org_id, user_id, slot) DO UPDATE SET n = k.n + EXCLUDED.n;
    ELSE
        UPDATE case_assignee_counts k SET n = k.n - d.n
        FROM (SELECT org_id, user_id, case_count_slot(case_id) AS slot, count(*) AS n
              FROM changed GROUP BY 1, 2, 3) d
        WHERE k.org_id = d.org_id AND k.user_id = d.user_id AND k.slot = d.slot;
    END IF;
    RETURN NULL;
END $$;

LOCK TABLE case_assignees IN SHARE ROW EXCLUSIVE MODE;
CREATE OR REPLACE TRIGGER case_assignee_counts_insert AFTER INSERT ON case_assignees
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_assignee_counts_apply();
CREATE OR REPLACE TRIGGER case_assignee_counts_delete AFTER DELETE ON case_assignees
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_assignee_counts_apply();
DELETE FROM case_assignee_counts;
INSERT INTO case_assignee_counts (org_id, user_id, slot, n)
SELECT org_id, user_id, case_count_slot(case_id), count(*) FROM case_assignees GROUP BY 1, 2, 3;
