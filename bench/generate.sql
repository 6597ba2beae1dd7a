-- generate.sql: fills the organization "Bench" with :cases cases and what surrounds them, for bench/run.
-- psql -v cases=100000 -v hash='<password hash>' -f bench/generate.sql. The organization is recreated;
-- 50 agents, 10 teams, 5,000 accounts and 5,000 contacts; comments and history on a share of the cases.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
BEGIN;
DELETE FROM orgs WHERE name = 'Bench';
INSERT INTO orgs (name) VALUES ('Bench') RETURNING id AS org \gset

INSERT INTO users (email, name, password_hash)
SELECT format('agent%s@bench.test', g), format('Agent %s', g), :'hash' FROM generate_series(1, 50) g
ON CONFLICT (lower(email)) DO UPDATE SET password_hash = EXCLUDED.password_hash;
INSERT INTO users (email, name, password_hash) VALUES ('admin@bench.test', 'Bench Admin', :'hash')
ON CONFLICT (lower(email)) DO UPDATE SET password_hash = EXCLUDED.password_hash;
INSERT INTO memberships (org_id, user_id, role)
SELECT :'org'::uuid, id, CASE WHEN email = 'admin@bench.test' THEN 'ADMIN' ELSE 'USER' END FROM users
WHERE email LIKE '%@bench.test';
SELECT array_agg(id ORDER BY email) AS agents FROM users WHERE email LIKE 'agent%@bench.test' \gset
SELECT id AS admin FROM users WHERE email = 'admin@bench.test' \gset

INSERT INTO teams (org_id, name, description)
SELECT :'org'::uuid, format('Team %s', g), 'Generated team' FROM generate_series(1, 10) g;
SELECT array_agg(id ORDER BY name) AS teams FROM teams WHERE org_id = :'org' \gset
INSERT INTO team_members (org_id, team_id, user_id)
SELECT :'org'::uuid, (:'teams'::uuid[])[1 + (g % 10)], (:'agents'::uuid[])[g] FROM generate_series(1, 50) g;

INSERT INTO accounts (org_id, name, email, created_by, created_on)
SELECT :'org'::uuid, format('%s %s', (ARRAY['Acme','Globex','Initech','Umbrella','Hooli','Stark','Wayne','Wonka'])[1 + g % 8], g),
       format('it%s@customer.test', g), :'admin', now() - make_interval(days => g % 1000)
FROM generate_series(1, 5000) g;
SELECT array_agg(id ORDER BY name) AS accounts FROM accounts WHERE org_id = :'org' \gset
INSERT INTO contacts (org_id, account_id, first_name, last_name, email, created_by)
SELECT :'org'::uuid, (:'accounts'::uuid[])[g], (ARRAY['Ann','Bob','Cem','Dia','Eve','Fay','Gus','Hal'])[1 + g % 8],
       format('Contact%s', g), format('c%s@customer.test', g), :'admin'
FROM generate_series(1, 5000) g;
SELECT array_agg(id ORDER BY email) AS contacts FROM contacts WHERE org_id = :'org' \gset

CREATE TEMP TABLE gen ON COMMIT DROP AS
SELECT g, gen_random_uuid() AS id,
       now() - make_interval(secs => (g::float8 / :cases) * 3 * 365 * 86400 + (hashint4(g) & 1023)) AS created,
       (ARRAY['New','In Progress','In Progress','On Hold','Closed','Closed','Closed','Closed','Closed','New'])[1 + (hashint4(g * 3) & 2147483647) % 10] AS status
FROM generate_series(1, :cases) g;

-- The link ids each case carries (sql/006) are filled here as the links inserted below will make them, so that
-- the triggers that keep them (and would correct any difference) find nothing to rewrite.
INSERT INTO cases (id, org_id, name, description, status, priority, case_type, account_id, created_by, created_on,
                   updated_on, closed_on, contact_ids, assignee_ids, team_ids)
SELECT id, :'org',
       format('%s %s %s #%s', (ARRAY['Login','Email','Printer','Billing','Invoice','VPN','Password','Sync','Export','Crash'])[1 + g % 10],
              (ARRAY['issue','failure','question','error','request','problem'])[1 + (g / 10) % 6],
              (ARRAY['for','at','with','after','on'])[1 + (g / 60) % 5], g),
       'Generated case for the benchmark.', status,
       (ARRAY['Low','Normal','Normal','Normal','High','Critical'])[1 + (hashint4(g * 7) & 2147483647) % 6],
       (ARRAY['Technical','Technical','Billing','General','Bug Report','Feature Request'])[1 + (hashint4(g * 11) & 2147483647) % 6],
       CASE WHEN g % 5 <> 0 THEN (:'accounts'::uuid[])[1 + g % 5000] END,
       (:'agents'::uuid[])[1 + (g * 13) % 50], created, created,
       CASE WHEN status = 'Closed' THEN created + interval '2 days' END,
       CASE WHEN g % 2 = 0 THEN ARRAY[(:'contacts'::uuid[])[1 + g % 5000]] ELSE '{}' END,
       ARRAY(SELECT x FROM unnest(ARRAY[(:'agents'::uuid[])[1 + g % 50]]
                                  || CASE WHEN g % 3 = 0 THEN ARRAY[(:'agents'::uuid[])[1 + (g + 17) % 50]] END) x
             ORDER BY x),
       CASE WHEN g % 5 < 2 THEN ARRAY[(:'teams'::uuid[])[1 + g % 10]] ELSE '{}' END
FROM gen;

INSERT INTO case_assignees (org_id, case_id, user_id)
SELECT :'org'::uuid, id, (:'agents'::uuid[])[1 + g % 50] FROM gen
UNION ALL
SELECT :'org'::uuid, id, (:'agents'::uuid[])[1 + (g + 17) % 50] FROM gen WHERE g % 3 = 0;
INSERT INTO case_teams (org_id, case_id, team_id)
SELECT :'org'::uuid, id, (:'teams'::uuid[])[1 + g % 10] FROM gen WHERE g % 5 < 2;
INSERT INTO case_contacts (org_id, case_id, contact_id)
SELECT :'org'::uuid, id, (:'contacts'::uuid[])[1 + g % 5000] FROM gen WHERE g % 2 = 0;
INSERT INTO case_comments (org_id, case_id, comment, commented_by, commented_on)
SELECT :'org'::uuid, id, format('Looked into it (%s).', k), (:'agents'::uuid[])[1 + (g + k) % 50], created + make_interval(hours => k)
FROM gen, generate_series(1, 2) k WHERE g % 5 = 0;
INSERT INTO case_events (org_id, case_id, actor_id, field, old_value, new_value, created_on)
SELECT :'org'::uuid, id, (:'agents'::uuid[])[1 + (g * 13) % 50], 'created', NULL, 'case ' || g, created FROM gen
UNION ALL
SELECT :'org'::uuid, id, (:'agents'::uuid[])[1 + g % 50], 'status', 'New', status, created + interval '1 day'
FROM gen WHERE status <> 'New';
COMMIT;
ANALYZE;
SELECT :'org' AS org_id, (SELECT count(*) FROM cases WHERE org_id = :'org') AS cases;
