// security.test.mjs: the security suite, generated from the route table (`casedesk routes`) so that a new route is
// covered the day it is added: tenancy (org B reaches none of org A's rows), authentication (401 / sign-in redirect),
// CSRF on every state-changing route, security headers on every GET; then injection payloads in every text field,
// session fixation, cookie flags, hostile uploads (size, names, sniffable types). docs/SECURITY.md maps each test
// to the threat it covers.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BASE, ROOT, Browser, api, http, inviteAndAccept, psql, uniq } from './lib.mjs';
import { addMember, newOrgAdmin } from './crm-lib.mjs';

const ROUTES = JSON.parse(execFileSync(path.join(ROOT, 'casedesk'), ['routes'], { encoding: 'utf8' }));
const ORG_GATES = new Set(['GATE_ORG', 'GATE_ADMIN', 'GATE_ORG_OF_COMMENT', 'GATE_ORG_OF_ATTACHMENT']);
const OPEN_GATES = new Set(['GATE_PUBLIC', 'GATE_ANON_FORM']);
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Which of org A's rows a {uuid} route names, by the longest matching path prefix. A new kind of {uuid} route
// fails the suite until it is added here (and to world() below).
const KIND_OF_PREFIX = [
  ['/api/cases/comment/', 'comment'], ['/api/cases/attachment/', 'attachment'], ['/api/cases/', 'case'],
  ['/api/users/', 'user'], ['/api/teams/', 'team'], ['/api/accounts/', 'account'], ['/api/contacts/', 'contact'],
  ['/cases/', 'case'], ['/admin/members/', 'user'], ['/admin/teams/', 'team'], ['/admin/accounts/', 'account'],
  ['/admin/contacts/', 'contact'], ['/api/invitations/', 'invitation'], ['/api/org/invitations/', 'invitation'],
  ['/invitations/', 'invitation'], ['/admin/invitations/', 'invitation'], ['/accounts/', 'account'],
  ['/contacts/', 'contact'], ['/api/views/', 'view'], ['/views/', 'view'],
];
function kindOf(pattern) {
  const hit = KIND_OF_PREFIX.filter(([p]) => pattern.startsWith(p)).sort((a, b) => b[0].length - a[0].length)[0];
  if (!hit) throw new Error(`security.test.mjs: no org A row for ${pattern}: add its path prefix to KIND_OF_PREFIX`);
  return hit[1];
}
const hasId = (rt) => rt.pattern.includes('{uuid}');
const fill = (rt, ids) => (hasId(rt) ? rt.pattern.replaceAll('{uuid}', ids[kindOf(rt.pattern)]) : rt.pattern);

// A body that would succeed for the route if the caller were allowed: a refusal then proves the gate, not validation.
function bodyFor(rt, method) {
  if (method === 'DELETE' || method === 'GET' || method === 'HEAD') return undefined;
  // Pages take the fields of the API resource they edit.
  const p = rt.pattern.replace(/^\/admin\/members/, '/api/users').replace(/^\/admin\//, '/api/')
    .replace(/^\/cases\//, '/api/cases/'), u = uniq();
  if (p.startsWith('/api/cases/comment/')) return { comment: `stolen ${u}` };
  if (p === '/api/cases/{uuid}/' && method === 'POST') return { comment: `stolen ${u}` };
  if (p.startsWith('/api/cases/')) return { name: `stolen ${u}`, status: 'New', priority: 'Low' };
  if (p.startsWith('/api/users/')) {
    return method === 'POST' ? { email: `thief-${u}@x.test`, password: 'password-123', role: 'ADMIN' } : { role: 'ADMIN', name: 'stolen' };
  }
  if (p.startsWith('/api/contacts/')) return { first_name: `stolen ${u}` };
  if (p.startsWith('/api/views/') || p.startsWith('/views/')) return { name: `stolen ${u}`, shared: true, query: 'resolution=open' };
  if (p.startsWith('/api/teams/') || p.startsWith('/api/accounts/') || p === '/api/org/') return { name: `stolen ${u}` };
  if (p === '/org/switch') return { org: '00000000-0000-4000-8000-000000000000' };
  return {};
}

/** Sends one request as a principal: { token, org } (bearer) or { browser, csrf, org } (session cookie). */
async function call(who, method, pathname, body, { csrf = who.csrf, form = false } = {}) {
  const headers = {};
  if (who.token) headers.Authorization = `Bearer ${who.token}`;
  if (who.browser) headers.Cookie = who.browser.cookieHeader();
  if (who.org) headers['organization-id'] = who.org;
  if (csrf !== undefined && csrf !== null) headers['X-CSRF-Token'] = csrf;
  let payload;
  if (body !== undefined) {
    if (form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(body).toString();
    } else {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
  }
  const r = await http(pathname, { method, headers, body: payload });
  const text = await r.text();
  return { status: r.status, headers: r.headers, text };
}

// Every org A row of every table with an org_id (sessions aside: signing in touches them), the org itself and its
// members' user rows, hashed table by table: equal snapshots mean nothing of org A changed.
let ORG_TABLES;
function snapshot(org) {
  ORG_TABLES ??= psql(`SELECT string_agg(table_name, ' ' ORDER BY table_name) FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'org_id' AND table_name <> 'sessions'`).split(' ');
  const parts = ORG_TABLES.map((t) => `SELECT '${t}', md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), ''))
    FROM ${t} x WHERE org_id = '${org}'`);
  parts.push(`SELECT 'orgs', md5(x::text) FROM orgs x WHERE id = '${org}'`);
  parts.push(`SELECT 'users', md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM users x
    WHERE id IN (SELECT user_id FROM memberships WHERE org_id = '${org}')`);
  return psql(parts.join(' UNION ALL ') + ' ORDER BY 1');
}

async function signedIn(client) {
  const b = new Browser();
  const r = await b.signIn(client.email, client.password);
  assert.equal(r.status, 303, `browser sign-in of ${client.email}`);
  return { browser: b, csrf: await b.csrf() };
}

let A, B, bUser, A_ids, aSession, bSession;

async function upload(client, caseId, name, content, type = 'application/octet-stream') {
  const fd = new FormData();
  fd.append('attachment', new Blob([content], { type }), name);
  return http(`/api/cases/${caseId}/`, { method: 'POST', body: fd,
    headers: { Authorization: `Bearer ${client.token}`, 'organization-id': client.org } });
}

before(async () => {
  // Org A holds one row of every kind; org B has an ADMIN and a USER.
  const email = (t) => `${t}-${uniq()}@casedesk.test`;
  A = await newOrgAdmin('sec-a');
  B = await newOrgAdmin('sec-b');
  bUser = await addMember(B, 'USER');
  const agent = await addMember(A, 'USER');
  const account = (await A.post('/api/accounts/', { name: `Acct ${uniq()}` })).json;
  const contact = (await A.post('/api/contacts/', { first_name: 'Carol', account: account.id })).json;
  const team = (await A.post('/api/teams/', { name: `Team ${uniq()}`, users: [agent.user.id] })).json;
  const c = await A.post('/api/cases/', { name: 'Secret case', status: 'New', priority: 'High', account: account.id,
    contacts: [contact.id], assigned_to: [agent.user.id], teams: [team.id], description: 'secret' });
  assert.equal(c.status, 201, c.text);
  const cm = await A.post(`/api/cases/${c.json.id}/`, { comment: 'secret comment' });
  assert.equal(cm.status, 201);
  const at = await upload(A, c.json.id, 'secret.txt', 'secret bytes');
  assert.equal(at.status, 201);
  const invitation = await A.post('/api/users/', { email: email('invitee'), role: 'USER' });
  assert.equal(invitation.status, 201, invitation.text);
  const view = await A.post('/api/views/', { name: 'Secret view', shared: true, query: 'resolution=open' });
  assert.equal(view.status, 201, view.text);
  A_ids = { case: c.json.id, comment: cm.json.comment.id, attachment: (await at.json()).attachments[0].id,
    user: agent.user.id, team: team.id, account: account.id, contact: contact.id, invitation: invitation.json.id,
    view: view.json.id };
  // Passwords for browser sessions: newOrgAdmin keeps them on the underlying newAdmin result only, so make
  // browser-capable admins with the API instead.
  const pw = 'password-sec-1';
  const aWeb = email('a-web'), bWeb = email('b-web');
  await inviteAndAccept(A, { email: aWeb, password: pw, role: 'ADMIN' });
  await inviteAndAccept(B, { email: bWeb, password: pw, role: 'ADMIN' });
  aSession = await signedIn({ email: aWeb, password: pw });
  bSession = await signedIn({ email: bWeb, password: pw });
  assert.ok(aSession.csrf && bSession.csrf, 'pages carry the session CSRF token');
});

test('the route table export lists every route with its methods, gate and representation', () => {
  assert.ok(ROUTES.length >= 30, `${ROUTES.length} routes`);
  for (const rt of ROUTES) {
    assert.ok(rt.methods.length > 0 && rt.pattern.startsWith('/'), JSON.stringify(rt));
    assert.match(rt.gate, /^GATE_/);
    assert.ok(['json', 'html'].includes(rt.repr));
    if (hasId(rt)) kindOf(rt.pattern); // every {uuid} route maps to an org A row
  }
  assert.ok(ROUTES.some((r) => r.pattern === '/api/cases/{uuid}/' && r.methods.includes('DELETE')));
});

test('tenancy: a member of org B reaches none of org A\'s rows on any organization-scoped route, and changes nothing', async () => {
  const before = snapshot(A.org);
  const principals = [
    ['B ADMIN (bearer, own org)', { token: B.token, org: B.org }, 'id'],
    ['B USER (bearer, own org)', { token: bUser.token, org: B.org }, 'id'],
    ['B ADMIN (bearer, no org header)', { token: B.token }, 'id-only-of'],
    ['B ADMIN (bearer, org A named)', { token: B.token, org: A.org }, 'all'],
    ['B USER (bearer, org A named)', { token: bUser.token, org: A.org }, 'all'],
    ['B ADMIN (browser session)', { ...bSession }, 'id'],
    ['B ADMIN (browser session, org A named)', { ...bSession, org: A.org }, 'all'],
  ];
  let checked = 0;
  const wrong = [];
  for (const rt of ROUTES.filter((r) => ORG_GATES.has(r.gate))) {
    for (const [who, p, scope] of principals) {
      if (scope === 'id' && !hasId(rt)) continue; // a list or create in B's own organization is B's business
      if (scope === 'id-only-of' && !rt.gate.startsWith('GATE_ORG_OF_')) continue;
      // Pages take no bearer tokens and no organization header: they act in the session's organization (B's),
      // which the org A snapshot below covers.
      if (rt.repr === 'html' && (!p.browser || p.org)) continue;
      for (const m of rt.methods) {
        const url = fill(rt, A_ids);
        const r = await call(p, m, url, bodyFor(rt, m), { form: rt.repr === 'html' });
        checked++;
        if (r.status !== 404 && r.status !== 403) wrong.push(`${who}: ${m} ${rt.pattern} -> ${r.status} ${r.text.slice(0, 120)}`);
        if (r.status === 200 && m === 'GET') assert.ok(!r.text.includes('secret'), `${who} read org A data at ${url}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(checked > 50, `${checked} requests`);
  assert.equal(snapshot(A.org), before, 'org A rows unchanged');
  // And org A's own admin still reaches them all (the ids were right).
  assert.equal((await A.get(`/api/cases/${A_ids.case}/`)).status, 200);
  assert.equal((await api('GET', `/api/cases/attachment/${A_ids.attachment}/`, { token: A.token })).status, 200);
});

test('tenancy: a user shared with org B keeps the name org B sees; org A\'s ADMIN cannot rename them', async () => {
  // An existing account joins org A by accepting its invitation; its name is global, so renaming it from org A
  // would change what org B shows for its own member.
  const b = (await B.get(`/api/users/${B.user.id}/`)).json;
  const add = await A.post('/api/users/', { email: B.user.email, role: 'USER' });
  assert.equal(add.status, 201, add.text);
  assert.equal((await api('POST', `/api/invitations/${add.json.id}/accept/`, { token: B.token })).status, 200);
  const r = await A.patch(`/api/users/${B.user.id}/`, { name: 'Renamed by org A', role: 'ADMIN' });
  assert.equal(r.status, 400, r.text);
  assert.ok(r.json.errors.name);
  assert.equal((await B.get(`/api/users/${B.user.id}/`)).json.name, b.name);
  assert.equal((await A.get(`/api/users/${B.user.id}/`)).json.role, 'USER', 'a refused update changes nothing');
  // A member of org A alone is still renamed by its ADMIN.
  const own = await A.patch(`/api/users/${A_ids.user}/`, { name: 'Agent Smith' });
  assert.equal(own.status, 200);
  assert.equal(own.json.name, 'Agent Smith');
  assert.equal((await A.del(`/api/users/${B.user.id}/`)).status, 204);
});

test('authentication: without credentials every non-public route is 401 (API), a sign-in redirect (page GET) or refused (page POST)', async () => {
  const before = snapshot(A.org);
  const wrong = [];
  let n = 0;
  for (const rt of ROUTES.filter((r) => !OPEN_GATES.has(r.gate))) {
    const url = fill(rt, A_ids);
    for (const m of [...rt.methods, ...(rt.methods.includes('GET') ? ['HEAD'] : [])]) {
      for (const [how, p] of [['nothing', {}], ['no credentials, org A named', { org: A.org }],
        ['a made-up token', { token: 'x'.repeat(43), org: A.org }],
        ['a made-up session cookie', { browser: { cookieHeader: () => `casedesk_session=${'A'.repeat(43)}` }, org: A.org }]]) {
        const res = await call(p, m, url, bodyFor(rt, m), { form: rt.repr === 'html' });
        n++;
        const s = res.status;
        let ok;
        if (rt.repr === 'json') ok = s === 401;
        else if (m === 'GET' || m === 'HEAD') ok = s === 303 && /^\/login\?next=/.test(res.headers.get('location') || '');
        else ok = s === 401 || s === 403;
        if (!ok) wrong.push(`${how}: ${m} ${rt.pattern} -> ${s} ${res.headers.get('location') || ''}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(n > 30);
  assert.equal(snapshot(A.org), before);
});

test('a page GET with a very long query still redirects to sign in (no 502 from an oversized Location)', async () => {
  // Every page of the route table, anonymous, with a 3000-byte query that percent-encodes to about 9 KiB.
  const junk = `?q=${'%3C'.repeat(1000)}`;
  for (const rt of ROUTES.filter((r) => r.repr === 'html' && r.methods.includes('GET') && !OPEN_GATES.has(r.gate))) {
    const r = await call({}, 'GET', fill(rt, A_ids) + junk);
    assert.equal(r.status, 303, `${rt.pattern}: ${r.status}`);
    assert.equal(r.headers.get('location'), '/login', 'too long to come back to: no next');
  }
  // A long but reasonable one keeps next.
  const r = await call({}, 'GET', `/cases/new?name=${'a'.repeat(500)}`);
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/login\?next=%2Fcases%2Fnew/);
  // The sign-in form's next is bounded the same way.
  const b = new Browser();
  const f = await b.req('GET', '/login');
  const t = /name="csrf_token" value="([^"]+)"/.exec(f.text)[1];
  const e = `long-${uniq()}@casedesk.test`;
  assert.equal((await A.post('/api/users/', { email: e, password: 'password-123', role: 'USER' })).status, 201);
  const l = await b.req('POST', '/login', { form: { csrf_token: t, email: e, password: 'password-123', next: `/${'a'.repeat(9000)}` } });
  assert.equal(l.status, 303);
  assert.equal(l.headers.get('location'), '/');
});

test('CSRF: every state-changing route refuses a browser session without the token or with a wrong one, and changes nothing', async () => {
  const before = snapshot(A.org);
  const wrongToken = 'W'.repeat(43);
  const wrong = [];
  let n = 0;
  for (const rt of ROUTES) {
    for (const m of rt.methods.filter((x) => WRITES.has(x))) {
      // Public API routes take no cookie at all (sign-in and refresh answer tokens in the body, set none).
      if (rt.gate === 'GATE_PUBLIC') continue;
      const url = fill(rt, A_ids);
      if (rt.gate === 'GATE_ANON_FORM') {
        // The sign-in form's double-submit token: the cookie alone, a wrong field, or nothing.
        const b = new Browser();
        await b.req('GET', '/login');
        for (const form of [{}, { csrf_token: wrongToken }]) {
          const r = await b.req(m, rt.pattern, { form: { ...form, email: 'x@y.test', password: 'p' } });
          n++;
          if (r.status !== 403) wrong.push(`sign-in form ${JSON.stringify(form)}: ${m} ${rt.pattern} -> ${r.status}`);
        }
        continue;
      }
      const variants = [
        ['no token', { csrf: null, form: false }],
        ['wrong header', { csrf: wrongToken, form: false }],
        ['no token (form)', { csrf: null, form: true }],
        ['wrong header (form)', { csrf: wrongToken, form: true }],
        ['the other session\'s token', { csrf: bSession.csrf, form: false }],
      ];
      for (const [how, opt] of variants) {
        const r = await call(aSession, m, url, bodyFor(rt, m), opt);
        n++;
        if (r.status !== 403) wrong.push(`${how}: ${m} ${rt.pattern} -> ${r.status} ${r.text.slice(0, 100)}`);
      }
      // A wrong csrf_token form field (no header) as well.
      const body = bodyFor(rt, m) || {};
      const r = await call(aSession, m, url, { ...body, csrf_token: wrongToken }, { csrf: null, form: true });
      n++;
      if (r.status !== 403) wrong.push(`wrong field: ${m} ${rt.pattern} -> ${r.status}`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(n > 40, `${n} requests`);
  assert.equal(snapshot(A.org), before, 'org A rows unchanged');
  // The session survived (logout was refused) and the right token does work.
  assert.equal((await call(aSession, 'GET', '/api/auth/me/')).status, 200);
  const ok = await call(aSession, 'PATCH', `/api/cases/${A_ids.case}/`, { priority: 'Low' });
  assert.equal(ok.status, 200, ok.text);
});

test('security headers on every GET route, signed in or not', async () => {
  const wrong = [];
  for (const rt of ROUTES.filter((r) => r.methods.includes('GET'))) {
    const url = fill(rt, A_ids);
    const who = rt.repr === 'html' ? aSession : { token: A.token, org: A.org };
    for (const [how, p] of [['anonymous', {}], ['signed in', who]]) {
      const r = await call(p, 'GET', url);
      const csp = r.headers.get('content-security-policy') || '';
      const problems = [];
      if (!/frame-ancestors 'none'/.test(csp)) problems.push('CSP frame-ancestors');
      if (!/default-src 'self'/.test(csp)) problems.push('CSP default-src');
      if (/unsafe-inline|unsafe-eval/.test(csp)) problems.push('CSP unsafe-*');
      if (r.headers.get('x-content-type-options') !== 'nosniff') problems.push('nosniff');
      if (!r.headers.get('referrer-policy')) problems.push('Referrer-Policy');
      if (problems.length) wrong.push(`${how} GET ${rt.pattern} (${r.status}): ${problems.join(', ')}`);
    }
  }
  assert.deepEqual(wrong, []);
});

// Payloads that break naive SQL, HTML, attribute, template and JSON handling; each must come back byte for byte.
const PAYLOADS = [
  `'; DROP TABLE cases; --`, `' OR '1'='1`, `\\'; SELECT pg_sleep(10); --`, `%' OR 1=1 --`, `$1 $2 ::text`, `E'\\x41'`,
  `<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `'><svg onload=alert(1)>`, `javascript:alert(1)`,
  `{{EMAIL}} {{%AUTOESCAPE context="NONE"}} {{>LAYOUT}}`, `</textarea></title><script>alert(1)</script>`,
  `&lt;b&gt; &amp; &#x3C;`, `\u2028\u2029 ﻿ Ω 🎉 \\u0000`, `{"a": [1, "b"]}`, `%s%n%x %%`,
];

test('injection payloads in every text field of the JSON create/update endpoints are stored verbatim', async () => {
  const c = (await A.post('/api/cases/', { name: 'payload case', status: 'New', priority: 'Low' })).json;
  const targets = [
    // [create path, create body(payload), update path(id), fields, read back(id)]
    ['/api/cases/', (p) => ({ name: p, description: p, status: 'New', priority: 'Low' }), ['name', 'description'],
      async (id) => (await A.get(`/api/cases/${id}/`)).json.case_obj],
    ['/api/teams/', (p) => ({ name: `${p} ${uniq()}`, description: p }), ['description'], async (id) => (await A.get(`/api/teams/${id}/`)).json],
    ['/api/accounts/', (p) => ({ name: p, phone: p.slice(0, 64), website: p, description: p }), ['name', 'website', 'description'],
      async (id) => (await A.get(`/api/accounts/${id}/`)).json],
    ['/api/contacts/', (p) => ({ first_name: p, last_name: p, title: p, phone: p.slice(0, 64) }), ['first_name', 'last_name', 'title'],
      async (id) => (await A.get(`/api/contacts/${id}/`)).json],
  ];
  for (const p of PAYLOADS) {
    for (const [base, body, fields, read] of targets) {
      const r = await A.post(base, body(p));
      assert.equal(r.status, 201, `${base} ${JSON.stringify(p)}: ${r.text}`);
      const got = await read(r.json.id);
      for (const f of fields) assert.equal(got[f], p, `${base} ${f}`);
      // The update path stores it verbatim as well (the payload reversed, so it differs).
      const q = [...p].reverse().join('');
      const up = await A.patch(`${base}${r.json.id}/`, Object.fromEntries(fields.map((f) => [f, q])));
      assert.equal(up.status, 200, `${base} update ${JSON.stringify(q)}: ${up.text}`);
      const got2 = await read(r.json.id);
      for (const f of fields) assert.equal(got2[f], q, `${base} ${f} after update`);
    }
    const cm = await A.post(`/api/cases/${c.id}/`, { comment: p });
    assert.equal(cm.status, 201, cm.text);
    assert.equal(cm.json.comment.comment, p);
    const ed = await api('PUT', `/api/cases/comment/${cm.json.comment.id}/`, { token: A.token, body: { comment: `${p}!` } });
    assert.equal(ed.json.comment, `${p}!`);
    const name = await A.patch(`/api/users/${A.user.id}/`, { name: p.slice(0, 255) });
    assert.equal(name.status, 200);
    assert.equal(name.json.name, p.slice(0, 255));
    // Search filters take the payload as text, never as SQL or a LIKE pattern.
    const s = await A.get(`/api/cases/?name=${encodeURIComponent(p)}&limit=100`);
    assert.equal(s.status, 200, s.text);
    assert.ok(s.json.results.every((x) => x.name.toLowerCase().includes(p.toLowerCase())), `search ${JSON.stringify(p)}`);
  }
  assert.equal(psql(`SELECT count(*) FROM pg_tables WHERE tablename = 'cases'`), '1');
  const detail = (await A.get(`/api/cases/${c.id}/`)).json;
  assert.equal(detail.comments.length, PAYLOADS.length);
});

test('payloads render inert in the HTML pages that show stored text (organization name, email, sign-in form)', async () => {
  const xss = `<script>alert("x")</script>"><img src=x onerror=alert(1)> {{EMAIL}}`;
  const org = await call(aSession, 'POST', '/api/org/', { name: xss });
  assert.equal(org.status, 201, org.text);
  const orgId = JSON.parse(org.text).id;
  assert.equal(JSON.parse(org.text).name, xss);
  const sw = await aSession.browser.req('POST', '/org/switch', { form: { csrf_token: aSession.csrf, org: orgId, next: '/' } });
  assert.equal(sw.status, 303);
  const home = (await aSession.browser.req('GET', '/')).text;
  assert.ok(home.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'), 'the organization name appears escaped');
  assert.ok(!home.includes('<script>alert'), 'no script element injected');
  assert.ok(!/<img[^>]*onerror/i.test(home), 'no img element injected');
  assert.ok(home.includes('{{EMAIL}}'), 'template markers in data are not expanded');
  // Back to org A for the other tests.
  const back = await aSession.browser.req('POST', '/org/switch', { form: { csrf_token: aSession.csrf, org: A.org, next: '/' } });
  assert.equal(back.status, 303);

  // The sign-in form echoes the email and keeps next: both escaped; next never leaves the site.
  const b = new Browser();
  const form = await b.req('GET', `/login?next=${encodeURIComponent('"><script>alert(2)</script>')}`);
  assert.ok(!form.text.includes('<script>alert(2)'));
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(form.text)[1];
  const bad = await b.req('POST', '/login', { form: { csrf_token: csrf, email: xss, password: 'x', next: '/' } });
  assert.equal(bad.status, 401);
  assert.ok(bad.text.includes('&lt;script&gt;'), 'the echoed email is escaped');
  assert.ok(!bad.text.includes('<script>alert'));
  for (const next of ['//evil.test/', 'https://evil.test/', '/\\evil.test', 'javascript:alert(1)', '/%0d%0aSet-Cookie:x=1']) {
    const u = (await api('POST', '/api/users/', { token: A.token, org: A.org,
      body: { email: `n-${uniq()}@x.test`, password: 'password-123', role: 'USER' } })).json;
    const nb = new Browser();
    const f = await nb.req('GET', '/login');
    const t = /name="csrf_token" value="([^"]+)"/.exec(f.text)[1];
    const r = await nb.req('POST', '/login', { form: { csrf_token: t, email: u.email, password: 'password-123', next } });
    assert.equal(r.status, 303);
    const loc = r.headers.get('location');
    assert.ok(loc.startsWith('/') && !loc.startsWith('//') && !loc.startsWith('/\\') && !/[\r\n]/.test(loc),
      `next=${next} redirected to ${loc}`);
    assert.equal(r.headers.get('set-cookie')?.includes('x=1'), false);
  }
});

test('payloads stored in every kind of row render inert on every HTML page of the route table', async () => {
  const xss = `<script>alert("p")</script><img src=x onerror=alert(2)>"'{{EMAIL}}`;
  const tag = uniq();
  const ids = {
    account: (await A.post('/api/accounts/', { name: `${xss} ${tag}`, description: xss, website: xss })).json.id,
    contact: (await A.post('/api/contacts/', { first_name: xss, last_name: xss, title: xss })).json.id,
    team: (await A.post('/api/teams/', { name: `${xss} ${tag}`, description: xss })).json.id,
  };
  ids.case = (await A.post('/api/cases/', { name: xss, description: xss, status: 'New', priority: 'Low', account: ids.account,
    contacts: [ids.contact], teams: [ids.team] })).json.id;
  const cm = await A.post(`/api/cases/${ids.case}/`, { comment: xss });
  ids.comment = cm.json.comment.id;
  const u = await inviteAndAccept(A, { email: `x-${tag}@casedesk.test`, password: 'password-123', name: xss, role: 'USER' });
  ids.user = u.user.id;
  ids.attachment = A_ids.attachment;
  ids.invitation = A_ids.invitation;
  let pages = 0;
  for (const rt of ROUTES.filter((r) => r.repr === 'html' && r.methods.includes('GET'))) {
    const url = fill(rt, ids);
    const r = await call(aSession, 'GET', url);
    if (r.status !== 200) continue;
    if (!(r.headers.get('content-type') || '').startsWith('text/html')) {
      // a download (the CSV export) holds the text as stored: a browser saves it, never renders it
      assert.match(r.headers.get('content-disposition') || '', /^attachment;/, `${url} is neither a page nor a download`);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', url);
      continue;
    }
    pages++;
    assert.ok(!r.text.includes('<script>alert'), `script element injected on ${url}`);
    assert.ok(!/<img[^>]*onerror/i.test(r.text), `img element injected on ${url}`);
  }
  // The list's filter options, as cached (none chosen) and as rendered for a choice, are escaped too.
  for (const url of ['/cases', `/cases?account=${ids.account}&assigned_to=${ids.user}`]) {
    const r = await call(aSession, 'GET', url);
    assert.equal(r.status, 200, url);
    assert.ok(!r.text.includes('<script>alert') && !/<img[^>]*onerror/i.test(r.text), `markup injected on ${url}`);
    assert.ok(r.text.includes(`&lt;script&gt;alert(&quot;p&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;{{EMAIL}} ${tag}`), url);
  }
  // Where the stored text is shown, it is escaped.
  const edit = await call(aSession, 'GET', `/cases/${ids.case}/edit`);
  assert.equal(edit.status, 200);
  assert.ok(edit.text.includes('&lt;script&gt;alert('), 'the case name appears escaped');
  assert.ok(pages >= 10, `${pages} pages`);
});

test('session fixation: a planted id is replaced at sign-in, and the id held before sign-in stops working', async () => {
  const pw = 'password-fix-1';
  const mk = async () => {
    const e = `fix-${uniq()}@casedesk.test`;
    assert.equal((await A.post('/api/users/', { email: e, password: pw, role: 'USER' })).status, 201);
    return e;
  };
  const attacker = await mk(), victim = await mk();
  // The attacker's own valid session id, planted in the victim's browser.
  const att = new Browser();
  await att.signIn(attacker, pw);
  const planted = att.cookies.get('casedesk_session');
  const vb = new Browser();
  vb.cookies.set('casedesk_session', planted);
  // The sign-in page redirects a signed-in browser, so take the form token from a fresh one.
  const fresh = new Browser();
  const f = await fresh.req('GET', '/login');
  vb.cookies.set('casedesk_login', fresh.cookies.get('casedesk_login'));
  const t = /name="csrf_token" value="([^"]+)"/.exec(f.text)[1];
  const r = await vb.req('POST', '/login', { form: { csrf_token: t, email: victim, password: pw, next: '/' } });
  assert.equal(r.status, 303);
  const sid = vb.cookies.get('casedesk_session');
  assert.notEqual(sid, planted, 'a new id at sign-in');
  const me = (jar) => http('/api/auth/me/', { headers: { Cookie: `casedesk_session=${jar}` } }).then(async (x) => ({ s: x.status, j: x.status === 200 ? await x.json() : null }));
  const old = await me(planted);
  assert.equal(old.s, 401, 'the id held before sign-in is invalid afterwards');
  const now = await me(sid);
  assert.equal(now.s, 200);
  assert.equal(now.j.user.email, victim);
  // And signing out invalidates the id server-side, not only in the browser.
  const csrf = await vb.csrf();
  assert.equal((await vb.req('POST', '/logout', { form: { csrf_token: csrf } })).status, 303);
  assert.equal((await me(sid)).s, 401);
});

test('cookie flags: session and sign-in form cookies are HttpOnly, SameSite=Lax, Path=/ (Secure over https: tests/unit/test_cookie)', async () => {
  const b = new Browser();
  const f = await b.req('GET', '/login');
  const login = f.setCookies.find((c) => c.startsWith('casedesk_login='));
  assert.ok(login);
  const e = `ck-${uniq()}@casedesk.test`;
  assert.equal((await A.post('/api/users/', { email: e, password: 'password-ck-1', role: 'USER' })).status, 201);
  const t = /name="csrf_token" value="([^"]+)"/.exec(f.text)[1];
  const r = await b.req('POST', '/login', { form: { csrf_token: t, email: e, password: 'password-ck-1' } });
  const sess = r.setCookies.find((c) => c.startsWith('casedesk_session='));
  for (const c of [login, sess]) {
    assert.match(c, /; HttpOnly/);
    assert.match(c, /; SameSite=Lax/);
    assert.match(c, /; Path=\//);
    assert.doesNotMatch(c, /Domain=/i, 'host-only cookies');
  }
  assert.doesNotMatch(sess, /Max-Age|Expires/i, 'the session cookie dies with the browser; expiry is server-side');
  // API sign-in sets no cookie at all.
  const api1 = await http('/api/auth/login/', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: e, password: 'password-ck-1' }) });
  assert.deepEqual(api1.headers.getSetCookie(), []);
});

function multipart(parts, boundary = `----sec${uniq()}`) {
  const chunks = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n${p.head}\r\n\r\n`, 'latin1'), Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

test('uploads: over the limit is 413 and stores nothing, not even the case', async () => {
  const tag = `big-${uniq()}`;
  const mp = multipart([
    { head: 'Content-Disposition: form-data; name="name"', body: tag },
    { head: 'Content-Disposition: form-data; name="status"', body: 'New' },
    { head: 'Content-Disposition: form-data; name="priority"', body: 'Low' },
    { head: 'Content-Disposition: form-data; name="attachment"; filename="big.bin"\r\nContent-Type: application/octet-stream',
      body: Buffer.alloc(10 * 1024 * 1024 + 1, 7) },
  ]);
  const before = snapshot(A.org);
  const r = await http('/api/cases/', { method: 'POST', body: mp.body,
    headers: { 'Content-Type': mp.type, Authorization: `Bearer ${A.token}`, 'organization-id': A.org } });
  assert.equal(r.status, 413);
  await r.arrayBuffer();
  assert.equal(psql(`SELECT count(*) FROM cases WHERE name = '${tag}'`), '0');
  assert.equal(snapshot(A.org), before);
});

test('uploads: hostile file names are stored safely and come back in a clean Content-Disposition', async () => {
  const c = (await A.post('/api/cases/', { name: 'names', status: 'New', priority: 'Low' })).json;
  const long = 'a'.repeat(996) + '.txt'; // the parser takes names of up to 1024 bytes as sent (multipart.h)
  const names = [
    ['filename="../../etc/passwd"', (n) => n === 'passwd'],
    ['filename="..\\\\..\\\\windows\\\\win.ini"', (n) => !n.includes('\\') && !n.includes('..')],
    ["filename*=UTF-8''evil%00.html%00.png", null], // a NUL cannot live in the name: refused (400) or removed
    ["filename*=UTF-8''a%0d%0aSet-Cookie%3a%20x=1.txt", (n) => !/[\r\n]/.test(n)],
    ['filename="a\r\nX-Injected: 1.txt"', null], // a raw CR/LF ends the header line: refused or cleaned
    [`filename="${long}"`, (n) => Buffer.byteLength(n) <= 255 && n.startsWith('aaa')],
    [`filename*=UTF-8''${encodeURIComponent('é'.repeat(150) + '.txt')}`, (n) => Buffer.byteLength(n) <= 255 && /^é+$/.test(n)],
    [`filename="${'b'.repeat(5000)}"`, 'refused'], // over max_filename: 400, nothing stored
    ["filename*=UTF-8''%E2%80%AEgnp.exe", (n) => !n.includes('\u202e')],
    ['filename=".."', (n) => n !== '..' && n !== '.' && n !== ''],
    ['filename="quote\\"d.txt"', (n) => !n.includes('"')],
  ];
  const auth = { Authorization: `Bearer ${A.token}`, 'organization-id': A.org };
  for (const [disp, check] of names) {
    const mp = multipart([{ head: `Content-Disposition: form-data; name="attachment"; ${disp}\r\nContent-Type: text/plain`, body: 'x' }]);
    const r = await http(`/api/cases/${c.id}/`, { method: 'POST', body: mp.body, headers: { ...auth, 'Content-Type': mp.type } });
    const text = await r.text();
    if (check === 'refused') {
      assert.equal(r.status, 400, `${disp.slice(0, 40)}...: ${r.status}`);
      continue;
    }
    if (!check) {
      assert.ok(r.status === 201 || r.status === 400, `${disp}: ${r.status}`);
      if (r.status !== 201) continue;
    } else {
      assert.equal(r.status, 201, `${disp}: ${text}`);
    }
    const att = JSON.parse(text).attachments.at(-1);
    const n = att.file_name;
    assert.ok(!/[\x00-\x1f\x7f/]/.test(n), `${disp}: stored ${JSON.stringify(n)}`);
    if (check) assert.ok(check(n), `${disp}: stored ${JSON.stringify(n)}`);
    const dl = await http(att.attachment, { headers: auth });
    const cd = dl.headers.get('content-disposition');
    await dl.arrayBuffer();
    assert.equal(dl.status, 200);
    assert.match(cd, /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]*$/, cd);
    assert.ok(!/[\r\n]/.test(cd));
    assert.equal(dl.headers.get('x-injected'), null);
  }
});

test('uploads: types a browser would render or sniff are served as application/octet-stream, nosniff, attachment', async () => {
  const c = (await A.post('/api/cases/', { name: 'types', status: 'New', priority: 'Low' })).json;
  const auth = { Authorization: `Bearer ${A.token}`, 'organization-id': A.org };
  const kinds = [
    ['page.html', 'text/html', '<html><script>alert(1)</script></html>'],
    ['image.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ['page.xhtml', 'application/xhtml+xml', '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'],
    ['data.xml', 'text/xml', '<?xml version="1.0"?><x/>'],
    ['app.js', 'application/javascript', 'alert(1)'],
    ['noext', 'text/html; charset=utf-8', '<script>alert(1)</script>'],
    ['looks.png', 'image/png', '<html><script>alert(1)</script></html>'],
    ['weird.txt', 'TEXT/HTML', '<script>alert(1)</script>'],
    ['bad-type', 'text/html\r\nX-Injected: 1', '<script>alert(1)</script>'],
  ];
  for (const [name, type, body] of kinds) {
    const mp = multipart([{ head: `Content-Disposition: form-data; name="attachment"; filename="${name}"\r\nContent-Type: ${type}`, body }]);
    const r = await http(`/api/cases/${c.id}/`, { method: 'POST', body: mp.body, headers: { ...auth, 'Content-Type': mp.type } });
    const text = await r.text();
    if (r.status === 400) continue; // a malformed part may be refused outright
    assert.equal(r.status, 201, `${name} ${type}: ${text}`);
    const att = JSON.parse(text).attachments.at(-1);
    const dl = await http(att.attachment, { headers: auth });
    const ct = dl.headers.get('content-type');
    assert.equal(await dl.text(), body);
    assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
    assert.match(dl.headers.get('content-disposition'), /^attachment;/);
    assert.equal(dl.headers.get('x-injected'), null);
    if (name === 'looks.png') {
      assert.ok(ct === 'image/png' || ct === 'application/octet-stream', `${name}: ${ct}`);
    } else {
      assert.equal(ct, 'application/octet-stream', `${name} uploaded as ${JSON.stringify(type)} is served as ${ct}`);
    }
    assert.match(dl.headers.get('content-security-policy') || '', /default-src 'self'/);
  }
});
