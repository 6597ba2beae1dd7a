// export.test.mjs: the CSV export of a case list (/cases.csv with a session, GET /api/cases/export.csv with a
// token): the list's filters, order and visibility, RFC 4180 quoting, formula cells neutralised, safe headers,
// and a worker whose memory does not grow with the number of cases exported.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { api, Browser, childrenOf, http, inviteAndAccept, masterPid, psql, ROOT, STACK, uniq, VAR, waitFor } from './lib.mjs';
import { addMember, newOrgAdmin } from './crm-lib.mjs';

const COLUMNS = ['id', 'name', 'status', 'priority', 'case_type', 'account', 'assignees', 'teams', 'contacts',
  'created_on', 'updated_on', 'closed_on'];

/** The records of an RFC 4180 text (CRLF between records, quoted fields with doubled quotes); throws on
 *  anything else: a bare LF outside quotes, a quote inside an unquoted field, an unterminated quote. */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true; i++; continue;
    }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    if (c === '\r' || c === '\n') throw new Error(`bare ${JSON.stringify(c)} outside quotes at ${i}`);
    field += c; i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) throw new Error('the last record does not end with CRLF');
  return rows;
}

/** The export of client's organization for query (a string after '?'), parsed: { status, headers, header, rows }
 *  with rows as objects by column. */
async function exportApi(client, query = '') {
  const r = await api('GET', `/api/cases/export.csv${query ? `?${query}` : ''}`, { token: client.token, org: client.org });
  if (r.status !== 200) return { status: r.status, headers: r.headers, text: r.text };
  return { status: r.status, headers: r.headers, text: r.text, ...records(r.text) };
}

function records(text) {
  const [header, ...rest] = parseCsv(text);
  return { header, rows: rest.map((f) => Object.fromEntries(header.map((h, i) => [h, f[i]]))) };
}

/** Every case of the API list for query, all pages, in order. */
async function listAll(client, query = '') {
  const out = [];
  for (let offset = 0; ; offset += 100) {
    const r = await client.get(`/api/cases/?limit=100&offset=${offset}${query ? `&${query}` : ''}`);
    assert.equal(r.status, 200, r.text);
    out.push(...r.json.results);
    if (!r.json.next) return out;
  }
}

/** An organization with an admin, an agent, a bystander (a USER who sees none of the cases below unless
 *  told), an account, a contact, a team with the agent, and cases of every kind. */
async function world() {
  const admin = await newOrgAdmin('Export');
  const agent = await addMember(admin, 'USER');
  const bystander = await addMember(admin, 'USER');
  const account = (await admin.post('/api/accounts/', { name: `Acme, "Intl" ${uniq()}` })).json;
  const contact = (await admin.post('/api/contacts/', { first_name: 'Carol', last_name: 'Ng', account: account.id })).json;
  const team = (await admin.post('/api/teams/', { name: `Support ${uniq()}`, users: [agent.user.id] })).json;
  const make = async (body) => {
    const r = await admin.post('/api/cases/', { status: 'New', priority: 'Normal', ...body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const cases = [
    await make({ name: 'Printer, jams "again"', priority: 'High', case_type: 'Technical', account: account.id,
      contacts: [contact.id], assigned_to: [agent.user.id, admin.user.id] }),
    await make({ name: 'Team case', teams: [team.id], priority: 'Critical' }),
    await make({ name: 'Closed one', status: 'Closed', priority: 'Low' }),
    await make({ name: '=HYPERLINK("http://evil.example","x")' }),
    await make({ name: '+1+2' }), await make({ name: '-3' }), await make({ name: '@SUM(A1)' }),
    await make({ name: 'Admin only' }),
  ];
  return { admin, agent, bystander, account, contact, team, cases };
}

/** The row the export should hold for case c of the API list, given the names of the world. */
function expected(c, w, emails) {
  const field = (v) => (v && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v ?? '');
  return {
    id: c.id, name: field(c.name), status: c.status, priority: c.priority, case_type: c.case_type ?? '',
    account: c.account ? field(w.account.name) : '',
    assignees: c.assigned_to.map((id) => emails[id]).join('; '),
    teams: c.teams.length ? w.team.name : '',
    contacts: c.contacts.length ? 'Carol Ng' : '',
    created_on: c.created_on, updated_on: c.updated_on, closed_on: c.closed_on ?? '',
  };
}

test('an ADMIN\'s export holds every case of the list, in its order, with names for the links', async () => {
  const w = await world();
  const emails = { [w.admin.user.id]: w.admin.user.email, [w.agent.user.id]: w.agent.user.email };
  const e = await exportApi(w.admin);
  assert.equal(e.status, 200, e.text);
  assert.deepEqual(e.header, COLUMNS);
  const list = await listAll(w.admin);
  assert.equal(list.length, w.cases.length);
  assert.deepEqual(e.rows, list.map((c) => expected(c, w, emails)));
  const printer = e.rows.find((r) => r.name.startsWith('Printer'));
  assert.deepEqual(printer.assignees.split('; ').sort(), [w.agent.user.email, w.admin.user.email].sort());
  assert.match(printer.created_on, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('a USER\'s export holds only the cases they may open, as their list does', async () => {
  const w = await world();
  const own = await w.agent.post('/api/cases/', { name: 'Agent made this', status: 'New', priority: 'Low' });
  assert.equal(own.status, 201, own.text);
  const e = await exportApi(w.agent);
  assert.equal(e.status, 200, e.text);
  const list = await listAll(w.agent);
  assert.deepEqual(e.rows.map((r) => r.id), list.map((c) => c.id));
  assert.deepEqual(new Set(e.rows.map((r) => r.name)), new Set(['Printer, jams "again"', 'Team case', 'Agent made this']));
  const none = await exportApi(w.bystander);
  assert.equal(none.status, 200);
  assert.deepEqual(none.rows, [], 'a USER who sees no case exports the header alone');
  assert.equal(none.text, `${COLUMNS.join(',')}\r\n`);
});

test('filters and ordering apply as they do to the list', async () => {
  const w = await world();
  for (const q of ['status=Closed', 'resolution=open&ordering=-priority,updated_on', 'ordering=name',
    `assigned_to=${w.agent.user.id}`, `team=${w.team.id}`, `account=${w.account.id}`, 'name=printer',
    'unassigned=true&ordering=-updated_on', 'priority=o&ordering=created_on']) {
    const e = await exportApi(w.admin, q);
    assert.equal(e.status, 200, `${q}: ${e.text}`);
    const list = await listAll(w.admin, q);
    assert.ok(list.length > 0, q);
    assert.deepEqual(e.rows.map((r) => r.id), list.map((c) => c.id), q);
  }
  // paging is not the export's: all of them, whatever limit and offset say
  const all = await exportApi(w.admin, 'limit=2&offset=3');
  assert.equal(all.rows.length, w.cases.length);
});

test('the page\'s export: the same rows with a session, the queue by default, and an Export link carrying the query', async () => {
  const w = await world();
  const pat = await inviteAndAccept(w.admin, { role: 'ADMIN', name: 'Pat' });
  const b = new Browser();
  await b.signIn(pat.email, pat.password);

  const r = await b.req('GET', `/cases.csv?status=New&ordering=name&org=${w.admin.org}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
  const viaApi = await exportApi(w.admin, 'status=New&ordering=name');
  assert.equal(r.text, viaApi.text);

  const queue = await b.req('GET', '/cases.csv');
  const open = await exportApi(w.admin, 'resolution=open&ordering=-priority,updated_on');
  assert.equal(queue.text, open.text, '/cases.csv alone is the queue, as /cases alone is');
  assert.ok(!records(queue.text).rows.some((x) => x.status === 'Closed'));

  const list = await b.req('GET', '/cases?status=New&ordering=name&offset=0&limit=25');
  const link = /<a class="button" href="([^"]+)" download>Export CSV<\/a>/.exec(list.text);
  assert.ok(link, 'the list has an Export CSV link');
  const href = link[1].replaceAll('&amp;', '&');
  assert.equal(href.split('?')[0], '/cases.csv');
  const params = new URLSearchParams(href.split('?')[1]);
  assert.equal(params.get('status'), 'New');
  assert.equal(params.get('ordering'), 'name');
  assert.equal(params.get('offset'), null, 'not the page');
  assert.equal(params.get('limit'), null);
  const def = await b.req('GET', '/cases');
  const defLink = /<a class="button" href="([^"]+)" download>Export CSV<\/a>/.exec(def.text)[1].replaceAll('&amp;', '&');
  assert.equal(new URLSearchParams(defLink.split('?')[1]).get('resolution'), 'open');

  // without a session: to the sign-in page, nothing exported
  const anon = await http('/cases.csv');
  assert.equal(anon.status, 303);
  assert.match(anon.headers.get('location'), /^\/login/);
});

test('another organization\'s cases are never exported; no token or a foreign organization is refused', async () => {
  const w = await world();
  const other = await newOrgAdmin('Elsewhere');
  const e = await exportApi(other);
  assert.equal(e.status, 200);
  assert.deepEqual(e.rows, []);
  const ids = new Set(w.cases.map((c) => c.id));
  assert.ok(!e.text.split('\r\n').some((l) => ids.has(l.split(',')[0])));
  // the other admin's token with this organization: not a member
  const foreign = await api('GET', '/api/cases/export.csv', { token: other.token, org: w.admin.org });
  assert.equal(foreign.status, 403);
  assert.equal((await api('GET', '/api/cases/export.csv', { org: w.admin.org })).status, 401);
  // a filter naming another organization's account or team selects nothing
  const acct = (await other.post('/api/accounts/', { name: 'Theirs' })).json;
  const none = await exportApi(w.admin, `account=${acct.id}`);
  assert.equal(none.status, 200);
  assert.deepEqual(none.rows, []);
});

test('cells that a spreadsheet would run as formulas are neutralised with a leading quote', async () => {
  const w = await world();
  const e = await exportApi(w.admin);
  const names = e.rows.map((r) => r.name);
  for (const n of ['\'=HYPERLINK("http://evil.example","x")', '\'+1+2', '\'-3', '\'@SUM(A1)']) assert.ok(names.includes(n), n);
  assert.ok(!names.some((n) => /^[=+\-@\t\r]/.test(n)));
  // a tab or carriage return first (only SQL writes those), and a formula in a link's name
  psql(`UPDATE cases SET name = E'\\tTab' WHERE id = '${w.cases[4].id}';
        UPDATE cases SET name = E'\\rCR' WHERE id = '${w.cases[5].id}';
        UPDATE teams SET name = '=cmd|''/c calc''!A0' WHERE id = '${w.team.id}'`);
  const again = await exportApi(w.admin);
  const byId = Object.fromEntries(again.rows.map((r) => [r.id, r]));
  assert.equal(byId[w.cases[4].id].name, '\'\tTab');
  assert.equal(byId[w.cases[5].id].name, '\'\rCR');
  assert.equal(byId[w.cases[1].id].teams, '\'=cmd|\'/c calc\'!A0');
  assert.match(again.text, /"'\rCR"/, 'a field holding CR is quoted');
});

test('commas, quotes and line breaks are quoted as RFC 4180 says', async () => {
  const w = await world();
  psql(`UPDATE cases SET name = E'two\\nlines, and "quotes"\\r\\nend' WHERE id = '${w.cases[7].id}'`);
  const e = await exportApi(w.admin);
  const byId = Object.fromEntries(e.rows.map((r) => [r.id, r]));
  assert.equal(byId[w.cases[7].id].name, 'two\nlines, and "quotes"\r\nend');
  assert.equal(byId[w.cases[0].id].name, 'Printer, jams "again"');
  assert.equal(byId[w.cases[0].id].account, w.account.name);
  assert.ok(e.text.includes('"Printer, jams ""again"""'), 'quoted, inner quotes doubled');
  assert.ok(e.text.includes('"two\nlines, and ""quotes""\r\nend"'));
  for (const line of e.text.split('\r\n').slice(1, 2)) assert.ok(!line.startsWith('"'), 'ids are never quoted');
});

test('the answer is a download with a safe name and type; bad filters are a 400 naming the field', async () => {
  const w = await world();
  const r = await http('/api/cases/export.csv', { headers: { Authorization: `Bearer ${w.admin.token}`, 'organization-id': w.admin.org } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
  const cd = r.headers.get('content-disposition');
  const day = /^attachment; filename="cases-(\d{4}-\d\d-\d\d)\.csv"/.exec(cd);
  assert.ok(day, cd);
  assert.ok(Math.abs(Date.parse(`${day[1]}T12:00:00Z`) - Date.now()) < 36 * 3600e3, 'named after the day (UTC)');
  assert.ok(!/[\r\n]/.test(cd));
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  await r.text();

  const bad = await exportApi(w.admin, 'assigned_to=not-a-uuid&ordering=sideways&resolution=maybe');
  assert.equal(bad.status, 400);
  const errors = JSON.parse(bad.text).errors;
  for (const f of ['assigned_to', 'ordering', 'resolution']) assert.ok(errors[f], f);
  // a HEAD is answered with the head alone
  const head = await http('/api/cases/export.csv', { method: 'HEAD', headers: { Authorization: `Bearer ${w.admin.token}`, 'organization-id': w.admin.org } });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-type'), 'text/csv; charset=utf-8');
});

const TIMEOUT_MS = Number(/^db_statement_timeout_ms\s*=\s*(\d+)/m.exec(readFileSync(path.join(VAR, 'casedesk.conf'), 'utf8'))?.[1] || 5000);

test(`an export whose query fails before its first rows is an error answer, not a truncated file (timeout ${TIMEOUT_MS} ms)`,
  { skip: TIMEOUT_MS > 3000 && 'the stack runs with a long statement timeout (tests/run sets STATEMENT_TIMEOUT_MS)' }, async () => {
    const w = await world();
    const holdS = (TIMEOUT_MS + 2000) / 1000;
    // teams is read by the export's columns only: the list itself still answers
    const locker = spawn('bash', [path.join(ROOT, 'deploy', 'stack.sh'), 'psql', STACK, '-c',
      `BEGIN; LOCK TABLE teams IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(${holdS}); COMMIT;`], { stdio: 'ignore' });
    const finished = new Promise((resolve) => locker.on('exit', resolve));
    try {
      await waitFor(() => psql(`SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
        WHERE c.relname = 'teams' AND l.mode = 'AccessExclusiveLock' AND l.granted`) === '1',
      { timeoutMs: 5000, stepMs: 20, what: 'the table lock' });
      const r = await api('GET', '/api/cases/export.csv', { token: w.admin.token, org: w.admin.org });
      assert.equal(r.status, 503, r.text.slice(0, 200));
      assert.equal(r.json.error, 'unavailable');
      assert.equal(r.headers.get('content-disposition'), null);
      assert.match(r.headers.get('content-type'), /^application\/json/);
    } finally {
      await finished;
    }
    assert.equal((await exportApi(w.admin)).rows.length, w.cases.length, 'then it exports again');
  });

/** Resident and peak memory (kB) of pid, from /proc. */
function memory(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rss: Number(/VmRSS:\s+(\d+)/.exec(s)[1]), peak: Number(/VmHWM:\s+(\d+)/.exec(s)[1]) };
}

/** Resets the peak of pid to its current resident size (clear_refs 5); false when not allowed. */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

// ASan's quarantine keeps freed memory resident, so the bound only holds for the release build.
const SANITIZED = process.env.CASEDESK_SANITIZED === '1' && 'an ASan + UBSan build: memory is not the release build\'s';

test('20,000 cases export in constant worker memory: no worker grows by more than a few MB', { skip: SANITIZED }, async () => {
  const N = Number(process.env.EXPORT_CASES || 20000);
  const BOUND_KB = 3 * 1024;
  const admin = await newOrgAdmin('Big export');
  // names of 200 bytes: the CSV is about 5 MB, so a worker that held it (or its rows) would grow past the bound
  psql(`INSERT INTO cases (org_id, name, status, priority, created_by, description)
        SELECT '${admin.org}', 'Bulk ' || g || ' ' || repeat('x', 190), 'New', 'Normal', '${admin.user.id}', repeat('d', 300)
        FROM generate_series(1, ${N}) g`);
  const workers = childrenOf(masterPid());
  assert.ok(workers.length > 0);
  // every worker has served an export (its statements prepared, its buffers grown once)
  for (let i = 0; i < 4 * workers.length; i++) {
    const r = await api('GET', '/api/cases/export.csv?name=Bulk%201%20', { token: admin.token, org: admin.org });
    assert.equal(r.status, 200);
  }
  const peaks = workers.every(resetPeak);
  const before = Object.fromEntries(workers.map((p) => [p, memory(p)]));
  const r = await http('/api/cases/export.csv', { headers: { Authorization: `Bearer ${admin.token}`, 'organization-id': admin.org } });
  assert.equal(r.status, 200);
  const text = await r.text();
  assert.ok(text.length > 4e6, `${text.length} bytes`);
  const lines = text.split('\r\n');
  assert.equal(lines.length - 2, N);
  const after = Object.fromEntries(workers.map((p) => [p, memory(p)]));
  for (const p of workers) {
    const grew = (peaks ? after[p].peak : after[p].rss) - before[p].rss;
    console.log(`worker ${p}: rss ${before[p].rss} -> ${after[p].rss} kB, peak ${after[p].peak} kB (${peaks ? 'peak reset before' : 'rss only'})`);
    assert.ok(grew < BOUND_KB, `worker ${p} grew by ${grew} kB exporting ${N} cases`);
  }
});
