-- generate.sql: fills the organization "Bench" with :cases cases and what surrounds them, for bench/run.
-- psql -v cases=100000 -v hash='<password hash>' -f bench/generate.sql. The organization is recreated;
-- 50 agents, 10 teams, 5,000 accounts and 5,000 contacts; history on a share of the cases. Deterministic: every
-- choice hashes the case's number (and the comment's), so a size always makes the same text.
--
-- Text, for the search rows of bench/run. Names stay "<Subject> <kind> <preposition> #g" (10 subjects, 6 kinds:
-- the name filter rows rely on them). Every case has a description of 1-4 sentences (the product and its
-- symptom; an error code, in 3 of 4; a context, in 2 of 4; a closing, in 1 of 4) and 0-6 comments (3 on average,
-- 1-3 sentences each, half of them an agent's, half the customer's). Share of the cases a term matches in
-- name, description and comments together (measured at 20,000 cases; alike with and without English stemming,
-- and with the last word a prefix, as the search box makes it):
--   a product's own word (webcam, headset, router, firewall, payroll, docking, ...: 30 products): ~3.3%;
--   a symptom's own word (overheats, flickers, garbled, buzzing, ...: 30 symptoms) or its phrase
--     ("charged twice", "fails to connect", "blank screen", "buzzing noise", "wrong currency"): ~3.3%;
--   a product word and a symptom word together (webcam flickers, router overheats): ~0.1%;
--   an error code (E4000-E5999, ERR-100 to ERR-1099: 3,000 codes; E4711, ERR-502): ~0.025%;
--   accented words (resume finds résumé where the configuration drops accents): résumé ~3%, café and Müller
--     ~6%, réglé ~18%, Zürich ~20%;
--   words of the comment lines (screenshot ~33%, twice ~23%, urgent ~22%);
--   the name words: printer ~16% (also two products), vpn ~13%, login ~13%, other subjects 10%, issue ~17%,
--   error ~41% (also in the error sentences).
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

-- pick(a, g, salt): the element of a that hashing g with salt chooses (the same g and salt, the same element);
-- roll(g, salt, n): 0..n-1 the same way. Independent salts give independent choices.
CREATE FUNCTION pg_temp.roll(g bigint, salt int, n int) RETURNS int LANGUAGE sql IMMUTABLE
AS $$ SELECT (hashint8(g * 64 + salt) & 2147483647) % n $$;
CREATE FUNCTION pg_temp.pick(a text[], g bigint, salt int) RETURNS text LANGUAGE sql IMMUTABLE
AS $$ SELECT a[1 + pg_temp.roll(g, salt, cardinality(a))] $$;

-- The vocabulary of descriptions and comments (see the header for what each part selects). Templates take
-- format()'s %1$s = the case's product, %2$s = its symptom, %3$s = its error code.
CREATE TEMP TABLE words ON COMMIT DROP AS
SELECT ARRAY['VPN client', 'Printer P-200', 'Billing portal', 'Mobile app', 'Docking station', 'Webcam HD-3',
             'Headset H-10', 'Router R-500', 'Firewall appliance', 'Barcode scanner', 'Payroll module',
             'Time tracker', 'Calendar sync', 'Mail gateway', 'Backup agent', 'File share', 'Wi-Fi access point',
             'Laptop X13', 'Monitor M27', 'Keyboard K-8', 'Password manager', 'Single sign-on',
             'Reporting dashboard', 'Inventory module', 'Invoice generator', 'Point-of-sale terminal',
             'Phone system', 'Video conferencing', 'Label printer L-4', 'Data warehouse'] AS products,
       ARRAY['fails to connect', 'has our card charged twice', 'times out after login', 'crashes on startup',
             'shows a blank screen', 'freezes when printing', 'drops the line every few minutes', 'rejects my PIN',
             'sends duplicate notifications', 'runs very slowly', 'will not install the patch', 'loses my settings',
             'overheats after an hour', 'keeps restarting', 'prints garbled characters', 'cannot find the server',
             'displays the wrong currency', 'flickers constantly', 'says the licence expired',
             'does not save attachments', 'logs me out randomly', 'shows empty charts', 'hangs at ninety percent',
             'makes a buzzing noise', 'refuses the certificate', 'reports the disk as full', 'beeps but does nothing',
             'shows every date in the wrong zone', 'exports a corrupted file', 'ignores the new permissions'] AS symptoms,
       ARRAY['Since this morning the %1$s %2$s.', 'Our %1$s %2$s.', 'Hi, the %1$s %2$s again.',
             'Hello team, the %1$s on my desk %2$s.', 'After the last upgrade the %1$s %2$s.',
             'Every time I use the %1$s it %2$s.', 'Good morning, our %1$s suddenly %2$s.',
             'Not sure who to ask: the %1$s %2$s.'] AS openings,
       ARRAY['The screen says %3$s.', 'Error %3$s pops up.', 'I get error code %3$s every time.',
             'The log shows %3$s.', 'A window with %3$s appears and then nothing.'] AS errors,
       ARRAY['It worked fine until Monday.', 'Three colleagues in the Zürich office see the same.',
             'I tried restarting twice already.', 'This blocks the whole accounting team.',
             'We are presenting to a client tomorrow, so this is urgent.', 'Herr Müller from purchasing reported it first.',
             'It happens on the office network and at home.', 'I was working from the café downstairs when it started.',
             'The same setup worked on my old machine.', 'Nothing was changed on our side.',
             'My manager asked me to open a ticket.',
             'I attached my résumé by mistake to the last message, please ignore it.',
             'It only happens in the afternoon.', 'Our São Paulo branch is affected as well.',
             'I am not sure if this is related to the outage last week.',
             'The problem started after the move to the new building.'] AS contexts,
       ARRAY['Thanks in advance.', 'Kind regards, Zoë.', 'Merci beaucoup, François.',
             'Please call me back, it is quite urgent.', 'Best, the front desk.', 'Cheers, Björn.',
             'Thank you for your help.', 'Regards, Renée from the café.', 'Any help is appreciated.',
             'Danke, Jürgen Müller.'] AS closings,
       ARRAY['Thanks for reporting this, I am looking into it.', 'Could you send a screenshot of the message you see?',
             'I have escalated this to the second-line team.',
             'Code %3$s usually means the session expired; please sign in again.',
             'We rolled out a fix for the %1$s this morning, please try again.',
             'Can you tell me which version of the %1$s you are running?', 'I could reproduce it on a test machine.',
             'This looks like a known problem, I linked it to the incident.',
             'Please restart the device and let me know if it still happens.',
             'I reset your account, you should be able to continue now.',
             'Closing this for now, reply here if it comes back.',
             'I checked the logs and found %3$s around the time you reported.',
             'Our vendor confirmed the bug and is working on a correction.',
             'I am handing this over to a colleague in the Zürich team.'] AS agent_lines,
       ARRAY['Still happening this morning.', 'The %1$s %2$s again.', 'It works now, thank you!',
             'Same result when I try from home.', 'Attached the screenshot.', 'I restarted as you asked, no change.',
             'Version 4.2, installed last month.', 'Any news on this?', 'My colleague has the same problem now.',
             'Merci, c''est réglé.', 'Sorry for the late reply, I was out of the office.',
             'Yes, I still see %3$s on the screen.', 'Could someone call me? It is urgent.',
             'It happens about twice a day.'] AS customer_lines;

-- One row per case: its number g, id, creation time, status, and the product, symptom and error code its
-- description and comments speak of (codes E4000-E5999 and ERR-100 to ERR-1099: 3,000 of them).
CREATE TEMP TABLE gen ON COMMIT DROP AS
SELECT g, gen_random_uuid() AS id,
       now() - make_interval(secs => (g::float8 / :cases) * 3 * 365 * 86400 + (hashint4(g) & 1023)) AS created,
       (ARRAY['New','In Progress','In Progress','On Hold','Closed','Closed','Closed','Closed','Closed','New'])[1 + (hashint4(g * 3) & 2147483647) % 10] AS status,
       pg_temp.pick(w.products, g, 1) AS product, pg_temp.pick(w.symptoms, g, 2) AS symptom,
       CASE WHEN pg_temp.roll(g, 3, 3000) < 2000 THEN 'E' || (4000 + pg_temp.roll(g, 3, 3000))
            ELSE 'ERR-' || (pg_temp.roll(g, 3, 3000) - 1900) END AS code
FROM generate_series(1, :cases) g, words w;

-- The link ids each case carries (sql/006) are filled here as the links inserted below will make them, so that
-- the triggers that keep them (and would correct any difference) find nothing to rewrite.
INSERT INTO cases (id, org_id, name, description, status, priority, case_type, account_id, created_by, created_on,
                   updated_on, closed_on, contact_ids, assignee_ids, team_ids)
SELECT id, :'org',
       format('%s %s %s #%s', (ARRAY['Login','Email','Printer','Billing','Invoice','VPN','Password','Sync','Export','Crash'])[1 + g % 10],
              (ARRAY['issue','failure','question','error','request','problem'])[1 + (g / 10) % 6],
              (ARRAY['for','at','with','after','on'])[1 + (g / 60) % 5], g),
       -- 1-4 sentences: the product and its symptom; the error code; a context; a closing.
       concat_ws(' ', format(pg_temp.pick(w.openings, g, 4), product, symptom),
                 CASE WHEN pg_temp.roll(g, 5, 4) >= 1 THEN format(pg_temp.pick(w.errors, g, 6), product, symptom, code) END,
                 CASE WHEN pg_temp.roll(g, 5, 4) >= 2 THEN pg_temp.pick(w.contexts, g, 7) END,
                 CASE WHEN pg_temp.roll(g, 5, 4) >= 3 THEN pg_temp.pick(w.closings, g, 8) END),
       status,
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
FROM gen, words w;

INSERT INTO case_assignees (org_id, case_id, user_id)
SELECT :'org'::uuid, id, (:'agents'::uuid[])[1 + g % 50] FROM gen
UNION ALL
SELECT :'org'::uuid, id, (:'agents'::uuid[])[1 + (g + 17) % 50] FROM gen WHERE g % 3 = 0;
INSERT INTO case_teams (org_id, case_id, team_id)
SELECT :'org'::uuid, id, (:'teams'::uuid[])[1 + g % 10] FROM gen WHERE g % 5 < 2;
INSERT INTO case_contacts (org_id, case_id, contact_id)
SELECT :'org'::uuid, id, (:'contacts'::uuid[])[1 + g % 5000] FROM gen WHERE g % 2 = 0;
-- 0-6 comments per case (3 on average), k-th an hour after the (k-1)-th, each 1-3 lines of an agent or of the
-- customer (relayed by an agent); j = g * 8 + k keys the comment's choices.
INSERT INTO case_comments (org_id, case_id, comment, commented_by, commented_on)
SELECT :'org'::uuid, id,
       concat_ws(' ', format(pg_temp.pick(lines, j, 11), product, symptom, code),
                 CASE WHEN pg_temp.roll(j, 12, 3) >= 1 THEN format(pg_temp.pick(lines, j, 13), product, symptom, code) END,
                 CASE WHEN pg_temp.roll(j, 12, 3) >= 2 THEN format(pg_temp.pick(lines, j, 14), product, symptom, code) END),
       (:'agents'::uuid[])[1 + (g + k) % 50], created + make_interval(hours => k)
FROM gen, generate_series(1, 6) k, words w,
     LATERAL (SELECT g * 8 + k AS j) keyed,
     LATERAL (SELECT CASE WHEN pg_temp.roll(j, 10, 2) = 0 THEN w.agent_lines ELSE w.customer_lines END AS lines) said
WHERE k <= pg_temp.roll(g, 9, 7);
INSERT INTO case_events (org_id, case_id, actor_id, field, old_value, new_value, created_on)
SELECT :'org'::uuid, id, (:'agents'::uuid[])[1 + (g * 13) % 50], 'created', NULL, 'case ' || g, created FROM gen
UNION ALL
SELECT :'org'::uuid, id, (:'agents'::uuid[])[1 + g % 50], 'status', 'New', status, created + interval '1 day'
FROM gen WHERE status <> 'New';
COMMIT;
ANALYZE;
SELECT :'org' AS org_id, (SELECT count(*) FROM cases WHERE org_id = :'org') AS cases;
