-- 011_read_model.sql: the derived rows (sql/004-009) kept from one definition each: every slot counter is
-- described once in read_model_counters() and its trigger function and triggers are made from that description
-- by slot_counter_install(). Names, trigger order and statements stay those of sql/004-009, so locking and plans
-- are unchanged. Idempotent.

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
