-- 006_case_link_arrays.sql: each case carries the sorted ids of its contacts, assignees and teams, kept by
-- triggers on the link tables, so that a list or a detail reads one row per case instead of probing three
-- link tables per case (three index scans per case, most of PostgreSQL's time on an unfiltered list).
-- The link tables stay the source of truth and serve the filters and the visibility rules. Idempotent.

-- The old SQL shape of a case (003): unused since the shape is built from columns; it also pins the row type.
DROP FUNCTION IF EXISTS case_json(cases);

ALTER TABLE cases ADD COLUMN IF NOT EXISTS contact_ids uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE cases ADD COLUMN IF NOT EXISTS assignee_ids uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE cases ADD COLUMN IF NOT EXISTS team_ids uuid[] NOT NULL DEFAULT '{}';

-- Statement-level INSERT or DELETE on a link table (transition table "changed"): recompute, from the table,
-- the array of each case it touched. Cases whose array already holds the right ids (a bulk load that filled them)
-- are not rewritten; a case deleted in the same statement (cascade) is simply not found. One static statement
-- per table rather than one built with format(): PL/pgSQL keeps the plans of static statements, and these
-- triggers run for every case write (a dynamic statement would be planned at each call).
CREATE OR REPLACE FUNCTION case_links_sync() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'case_contacts' THEN
        UPDATE cases c SET contact_ids = x.ids
        FROM (SELECT t.case_id, ARRAY(SELECT l.contact_id FROM case_contacts l WHERE l.case_id = t.case_id
                                      ORDER BY l.contact_id) AS ids
              FROM (SELECT DISTINCT case_id FROM changed) t) x
        WHERE c.id = x.case_id AND c.contact_ids IS DISTINCT FROM x.ids;
    ELSIF TG_TABLE_NAME = 'case_assignees' THEN
        UPDATE cases c SET assignee_ids = x.ids
        FROM (SELECT t.case_id, ARRAY(SELECT l.user_id FROM case_assignees l WHERE l.case_id = t.case_id
                                      ORDER BY l.user_id) AS ids
              FROM (SELECT DISTINCT case_id FROM changed) t) x
        WHERE c.id = x.case_id AND c.assignee_ids IS DISTINCT FROM x.ids;
    ELSE
        UPDATE cases c SET team_ids = x.ids
        FROM (SELECT t.case_id, ARRAY(SELECT l.team_id FROM case_teams l WHERE l.case_id = t.case_id
                                      ORDER BY l.team_id) AS ids
              FROM (SELECT DISTINCT case_id FROM changed) t) x
        WHERE c.id = x.case_id AND c.team_ids IS DISTINCT FROM x.ids;
    END IF;
    RETURN NULL;
END $$;

-- A link is inserted or deleted, never moved to another case or object: such an UPDATE is refused rather
-- than left unsynced.
CREATE OR REPLACE FUNCTION case_links_no_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% links are inserted or deleted, not moved', TG_TABLE_NAME;
END $$;

DO $$
DECLARE
    t text;
    col text;
BEGIN
    FOREACH t IN ARRAY ARRAY['case_contacts', 'case_assignees', 'case_teams'] LOOP
        col := CASE t WHEN 'case_contacts' THEN 'contact_id' WHEN 'case_assignees' THEN 'user_id'
                      ELSE 'team_id' END;
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_sync_insert', t);
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_sync_delete', t);
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_no_update', t);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION case_links_sync()', t || '_sync_insert', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION case_links_sync()', t || '_sync_delete', t);
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OF org_id, case_id, %I ON %I'
                       ' FOR EACH ROW EXECUTE FUNCTION case_links_no_update()', t || '_no_update', col, t);
    END LOOP;
END $$;

-- The arrays of the cases already stored.
UPDATE cases c SET contact_ids = ARRAY(SELECT x.contact_id FROM case_contacts x WHERE x.case_id = c.id ORDER BY 1),
                   assignee_ids = ARRAY(SELECT x.user_id FROM case_assignees x WHERE x.case_id = c.id ORDER BY 1),
                   team_ids = ARRAY(SELECT x.team_id FROM case_teams x WHERE x.case_id = c.id ORDER BY 1);

-- Status and priority together (the common "open and urgent" views) walk one index in order.
CREATE INDEX IF NOT EXISTS cases_org_status_priority ON cases (org_id, status, priority, created_on DESC, id DESC);
