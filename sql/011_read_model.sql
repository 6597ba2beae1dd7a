-- 011_read_model.sql: the derived rows (sql/004-009) kept from one definition each, and checked: every slot counter
-- is described once in read_model_counters() and its trigger function and triggers are made from that description
-- by slot_counter_install(); casedesk_read_model_drift() lists every derived row that differs from its sources.
-- Names, trigger order and statements stay those of sql/004-009, so locking and plans are unchanged. Also drops an
-- index and a function nothing uses. Idempotent.

-- Each slot counter: the table holding (keys..., slot, n), the table it counts, the key columns, the expressions of
-- a counted row that fill them (in the same order), the column the slot is taken from (case_count_slot), and
-- whether an UPDATE of a counted row may change its keys (then a row-level trigger moves it between counters).
CREATE OR REPLACE FUNCTION read_model_counters()
    RETURNS TABLE (counter text, source text, keys text[], exprs text[], slot_of text, moves boolean)
    LANGUAGE sql IMMUTABLE AS $$
    VALUES ('case_counts', 'cases', '{org_id,status,priority,case_type}'::text[],
            ARRAY['org_id', 'status', 'priority', 'COALESCE(case_type, '''')'], 'id', true),
           ('case_totals', 'cases', '{org_id,status}', '{org_id,status}', 'id', true),
           ('case_assignee_counts', 'case_assignees', '{org_id,user_id}', '{org_id,user_id}', 'case_id', false),
           ('case_visibility_counts', 'case_visibility', '{org_id,user_id}', '{org_id,user_id}', 'case_id', false)
$$;

-- Makes counter c's trigger function c_apply() and its triggers c_insert, c_delete (and c_update when rows move).
-- The function holds static statements only, so PL/pgSQL keeps their plans:
-- - statement-level INSERT: add the transition table "changed", locking counter rows in key order (concurrent
--   writers cannot deadlock);
-- - statement-level DELETE: lower only the rows that exist, so that deleting an organization or a user, whose
--   counters may already be gone by cascade, does not recreate them;
-- - row-level UPDATE that changed a key: -1 on the old counter and +1 on the new one, in key order.
CREATE OR REPLACE FUNCTION slot_counter_install(c text) RETURNS void
    LANGUAGE plpgsql AS $install$
DECLARE
    d record;
    cols text;
    vals text;
    nth text;
    same text;
    moved text;
    olds text;
    news text;
BEGIN
    SELECT * INTO STRICT d FROM read_model_counters() r WHERE r.counter = c;
    cols := array_to_string(d.keys, ', ');
    vals := array_to_string(d.exprs, ', ');
    nth := (SELECT string_agg(i::text, ', ') FROM generate_series(1, cardinality(d.keys) + 1) i);
    same := (SELECT string_agg(format('k.%1$I = d.%1$I', k), ' AND ') FROM unnest(d.keys) k);
    olds := (SELECT string_agg('OLD.' || quote_ident(k), ', ') FROM unnest(d.keys || d.slot_of) k);
    news := (SELECT string_agg('NEW.' || quote_ident(k), ', ') FROM unnest(d.keys || d.slot_of) k);
    moved := (SELECT string_agg(format('OLD.%1$I IS DISTINCT FROM NEW.%1$I', k), ' OR ') FROM unnest(d.keys) k);
    EXECUTE format($f$
CREATE OR REPLACE FUNCTION %1$I() RETURNS trigger
    LANGUAGE plpgsql AS $body$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO %2$I AS k (%3$s, slot, n)
        SELECT %4$s, case_count_slot(%5$I), count(*) FROM changed GROUP BY %6$s ORDER BY %6$s
        ON CONFLICT (%3$s, slot) DO UPDATE SET n = k.n + EXCLUDED.n;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE %2$I k SET n = k.n - d.n
        FROM (SELECT %4$s, case_count_slot(%5$I), count(*) FROM changed GROUP BY %6$s) d(%3$s, slot, n)
        WHERE %7$s AND k.slot = d.slot;
    ELSE
        INSERT INTO %2$I AS k (%3$s, slot, n)
        SELECT %4$s, case_count_slot(%5$I), delta
        FROM (VALUES (%8$s, -1::bigint), (%9$s, 1::bigint)) changed(%3$s, %5$I, delta) ORDER BY %6$s
        ON CONFLICT (%3$s, slot) DO UPDATE SET n = k.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $body$$f$, c || '_apply', c, cols, vals, d.slot_of, nth, same, olds, news);
    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION %I()', c || '_insert', d.source, c || '_apply');
    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION %I()', c || '_delete', d.source, c || '_apply');
    IF d.moves THEN
        EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER UPDATE OF %s ON %I FOR EACH ROW WHEN (%s)'
                       ' EXECUTE FUNCTION %I()', c || '_update', cols, d.source, moved, c || '_apply');
    END IF;
END $install$;

SELECT slot_counter_install(counter) FROM read_model_counters() ORDER BY counter;
DROP FUNCTION IF EXISTS case_counts_move();
DROP FUNCTION IF EXISTS case_totals_move();

-- Every derived row recomputed from the tables it is derived from, one row per difference: relation (a table, or
-- table.column for a copied column), the row's key, what it should hold and what it holds (NULL: no such row). No
-- rows: the read model is consistent. Counted: each slot counter against the table it counts (a counter at 0
-- counts as a missing row, as every reader sums them); case_visibility against the rule of sql/009; the id arrays
-- of the cases against their link tables; the copied creation times of case_assignees and case_visibility against
-- their cases. Reads every case: for tests and operators (casedesk check --data), not for requests.
CREATE OR REPLACE FUNCTION casedesk_read_model_drift()
    RETURNS TABLE (relation text, key text, expected text, actual text)
    LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
    d record;
BEGIN
    FOR d IN SELECT * FROM read_model_counters() ORDER BY counter LOOP
        RETURN QUERY EXECUTE format(
            'SELECT %1$L::text, concat_ws('', '', %2$s, ''slot='' || slot), e.n::text, a.n::text'
            ' FROM (SELECT %3$s, case_count_slot(%4$I), count(*) FROM %5$I GROUP BY %6$s) e(%7$s, slot, n)'
            ' FULL JOIN (SELECT * FROM %1$I WHERE n <> 0) a USING (%7$s, slot)'
            ' WHERE e.n IS DISTINCT FROM a.n',
            d.counter,
            (SELECT string_agg(format('%L || %I', k || '=', k), ', ') FROM unnest(d.keys) k),
            array_to_string(d.exprs, ', '), d.slot_of, d.source,
            (SELECT string_agg(i::text, ', ') FROM generate_series(1, cardinality(d.keys) + 1) i),
            array_to_string(d.keys, ', '));
    END LOOP;

    RETURN QUERY
    WITH e AS (
        SELECT c.org_id, c.created_by AS user_id, c.id AS case_id, c.created_on FROM cases c
        WHERE c.created_by IS NOT NULL
        UNION
        SELECT c.org_id, a.user_id, c.id, c.created_on FROM case_assignees a JOIN cases c ON c.id = a.case_id
        UNION
        SELECT c.org_id, tm.user_id, c.id, c.created_on
        FROM case_teams ct JOIN team_members tm ON tm.team_id = ct.team_id JOIN cases c ON c.id = ct.case_id)
    SELECT 'case_visibility', format('case_id=%s, user_id=%s', case_id, user_id),
           CASE WHEN e.org_id IS NOT NULL THEN format('org_id=%s, created_on=%s', e.org_id, e.created_on) END,
           CASE WHEN v.org_id IS NOT NULL THEN format('org_id=%s, created_on=%s', v.org_id, v.created_on) END
    FROM e FULL JOIN case_visibility v USING (case_id, user_id)
    WHERE e.org_id IS DISTINCT FROM v.org_id OR e.created_on IS DISTINCT FROM v.created_on;

    RETURN QUERY
    SELECT 'cases.' || x.col, 'id=' || c.id, x.want::text, x.have::text
    FROM cases c CROSS JOIN LATERAL (VALUES
        ('contact_ids', ARRAY(SELECT l.contact_id FROM case_contacts l WHERE l.case_id = c.id ORDER BY 1),
         c.contact_ids),
        ('assignee_ids', ARRAY(SELECT l.user_id FROM case_assignees l WHERE l.case_id = c.id ORDER BY 1),
         c.assignee_ids),
        ('team_ids', ARRAY(SELECT l.team_id FROM case_teams l WHERE l.case_id = c.id ORDER BY 1), c.team_ids))
        x(col, want, have)
    WHERE x.want IS DISTINCT FROM x.have;

    RETURN QUERY
    SELECT 'case_assignees.created_on', format('case_id=%s, user_id=%s', a.case_id, a.user_id),
           c.created_on::text, a.created_on::text
    FROM case_assignees a JOIN cases c ON c.id = a.case_id
    WHERE a.created_on IS DISTINCT FROM c.created_on;
END $$;

-- Open cases are listed by status <> 'Closed' (CL_OPEN in src/db/statements.def), so no query's filter matches
-- this partial index's closed_on IS NULL: it was only written to and weighed by the planner.
DROP INDEX IF EXISTS cases_org_open;
-- Users are embedded by USER_JSON_OF (src/db/statements.def); nothing calls the SQL function any more.
DROP FUNCTION IF EXISTS user_json(uuid);
