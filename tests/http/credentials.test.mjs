// credentials.test.mjs: credentials and protocol details: the sign-in throttle counts per email as sign-in matches
// it and counts every attempt (over-long fields are a 400 that still counts); a token is never a session and a
// session never a token, cached or not; a refresh ends the access token it replaces; the Bearer scheme is
// case-insensitive; If-Match compares strongly; every /api/ error is JSON, nginx's own included (413, 502, 400).
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BASE, ROOT, VAR, Browser, api, createUser, http, login, psql, uniq } from './lib.mjs';
import { newOrgAdmin } from './crm-lib.mjs';

const ROUTES = JSON.parse(execFileSync(path.join(ROOT, 'casedesk'), ['routes'], { encoding: 'utf8' }));
const SPREAD = 16; // concurrent requests: enough for every worker of the stack to answer (and cache) some

// The failures this file adds, the address's included, are taken back at the end so that it spends no budget
// of the files after it (every test signs in from the same address).
const firstFailure = Number(psql('SELECT COALESCE(max(id), 0) FROM login_failures'));
after(() => psql(`DELETE FROM login_failures WHERE id > ${firstFailure}`));

const sql = (s) => `'${s.replaceAll("'", "''")}'`;
/** [failures counted for email as sign-in matches it (sql/015), failures counted for this client's address]. */
const failures = (email) => psql(`SELECT count(*) FILTER (WHERE key = login_email_key(${sql(email)})),
  count(*) FILTER (WHERE key LIKE 'addr:%') FROM login_failures`).split('|').map(Number);

/** The statuses of SPREAD concurrent calls of api(method, path, opts). */
async function statuses(method, pathname, opts) {
  const rs = await Promise.all(Array.from({ length: SPREAD }, () => api(method, pathname, opts)));
  return [...new Set(rs.map((r) => r.status))];
}

const signIn = (email, password) => api('POST', '/api/auth/login/', { body: { email, password } });

test('the throttle counts an email however it is cased or padded: U@X.TEST spends u@x.test\'s budget', async () => {
  const u = createUser({ email: `throttle-${uniq()}@casedesk.test` });
  // Each attempt spells the email another way (as sign-in accepts it): none may start a fresh budget.
  const spell = (i) => {
    const s = [...u.email].map((c, k) => ((i >> (k % 8)) & 1 ? c.toUpperCase() : c)).join('');
    return i % 3 === 0 ? ` ${s}\t` : s;
  };
  let limited = null;
  for (let i = 1; i <= 12 && !limited; i++) {
    const r = await signIn(spell(i), `wrong-${i}`);
    if (r.status === 429) limited = r; else assert.equal(r.status, 401, r.text);
  }
  assert.ok(limited, 'the differently cased attempts were throttled together');
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  assert.equal((await signIn(u.email, u.password)).status, 429, 'the email as created is limited too');
  psql(`DELETE FROM login_failures WHERE key = login_email_key(${sql(u.email)})`);
  assert.equal((await signIn(u.email.toUpperCase(), u.password)).status, 200, 'sign-in matches the email in any case');
});

test('over-long sign-in fields are a 400 naming the field, and the attempt counts (API and form)', async () => {
  const u = createUser();
  const long = `${'a'.repeat(4096)}@casedesk.test`;
  const cases = [
    ['email', { email: long, password: 'whatever-1' }, long],
    ['password', { email: u.email, password: 'p'.repeat(2048) }, u.email],
    ['email', { email: 'e'.repeat(255), password: 'whatever-1' }, 'e'.repeat(255)],
    ['password', { email: u.email, password: 'p'.repeat(1025) }, u.email],
  ];
  for (const [field, body, counted] of cases) {
    const before = failures(counted);
    const r = await api('POST', '/api/auth/login/', { body });
    assert.equal(r.status, 400, `${field} ${body[field].length}: ${r.text.slice(0, 200)}`);
    assert.equal(r.json.error, 'bad_request');
    assert.deepEqual(Object.keys(r.json.errors), [field]);
    const now = failures(counted);
    assert.deepEqual([now[0] - before[0], now[1] - before[1]], [1, 1], `the ${field} attempt counts for the email and the address`);
  }
  // At the bounds the fields are taken: a wrong password is the usual 401.
  assert.equal((await signIn(u.email, 'p'.repeat(1024))).status, 401);

  for (const [field, form, counted] of cases.slice(0, 2)) {
    const b = new Browser();
    const page = await b.req('GET', '/login');
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.text)[1];
    const [e0] = failures(counted);
    const r = await b.req('POST', '/login', { form: { ...form, csrf_token: csrf, next: '/' } });
    assert.equal(r.status, 400, `form ${field}`);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assert.match(r.text, /at most 254 characters/);
    assert.match(r.text, /name="csrf_token"/, 'the form again');
    assert.equal(failures(counted)[0] - e0, 1, `the form's ${field} attempt counts`);
  }
  assert.equal((await signIn(u.email, u.password)).status, 200);
});

test('an access token is never a session cookie, nor a session id a Bearer token, even once cached', async () => {
  const u = createUser({ org: `Kinds ${uniq()}`, admin: true });
  const l = await login(u.email, u.password);
  assert.deepEqual(await statuses('GET', '/api/auth/me/', { token: l.access_token }), [200]); // cached by every worker
  const asCookie = { headers: { Cookie: `casedesk_session=${l.access_token}` } };
  assert.deepEqual(await statuses('GET', '/api/auth/me/', asCookie), [401]);
  assert.doesNotMatch(await (await http('/', asCookie)).text(), new RegExp(u.email.replace(/[.]/g, '\\.')),
    'a page does not take the token for a session');
  // As a cookie, the token would have been a session without its CSRF token: no write either.
  const write = await api('POST', '/api/org/', { ...asCookie, body: { name: `Via token cookie ${uniq()}` } });
  assert.equal(write.status, 401, write.text);

  const b = new Browser();
  await b.signIn(u.email, u.password);
  const sid = b.cookies.get('casedesk_session');
  const bySession = await Promise.all(Array.from({ length: SPREAD }, () => b.req('GET', '/api/auth/me/')));
  assert.deepEqual([...new Set(bySession.map((r) => r.status))], [200]); // cached by every worker
  assert.deepEqual(await statuses('GET', '/api/auth/me/', { token: sid }), [401]);
  assert.deepEqual(await statuses('GET', '/api/users/', { token: sid, org: l.organizations[0].id }), [401]);
});

test('a refresh ends the access token it replaces, on every worker', async () => {
  const u = createUser();
  const l = await login(u.email, u.password);
  assert.deepEqual(await statuses('GET', '/api/auth/me/', { token: l.access_token }), [200]); // cached by every worker
  const r = await api('POST', '/api/auth/refresh/', { body: { refresh_token: l.refresh_token } });
  assert.equal(r.status, 200);
  assert.deepEqual(await statuses('GET', '/api/auth/me/', { token: l.access_token }), [401]);
  assert.deepEqual(await statuses('GET', '/api/auth/me/', { token: r.json.access_token }), [200]);
  // The next refresh ends the second access token as well; the newest one works.
  const r2 = await api('POST', '/api/auth/refresh/', { body: { refresh_token: r.json.refresh_token } });
  assert.equal(r2.status, 200);
  assert.deepEqual(await statuses('GET', '/api/auth/me/', { token: r.json.access_token }), [401]);
  assert.deepEqual(await statuses('GET', '/api/auth/me/', { token: r2.json.access_token }), [200]);
});

test('the Bearer scheme is matched in any case (RFC 7235); other schemes are refused', async () => {
  const u = createUser();
  const { access_token: t } = await login(u.email, u.password);
  for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
    for (const sep of [' ', '  ']) {
      const r = await api('GET', '/api/auth/me/', { headers: { Authorization: `${scheme}${sep}${t}` } });
      assert.equal(r.status, 200, `${JSON.stringify(scheme + sep)}: ${r.text}`);
    }
  }
  for (const bad of [`Bearer${t}`, `Bearerx ${t}`, `Token ${t}`, `Basic ${t}`, 'Bearer ', 'bearer']) {
    assert.equal((await api('GET', '/api/auth/me/', { headers: { Authorization: bad } })).status, 401, bad);
  }
});

test('If-Match compares strongly: W/"n" is a 412, "n" and * match, and the case ETag stays strong under gzip', async () => {
  const admin = await newOrgAdmin('IfMatch');
  const c = await admin.post('/api/cases/', { name: `strong ${uniq()}`, status: 'New', priority: 'Low',
    description: 'd'.repeat(2000) }); // large enough for gzip
  assert.equal(c.status, 201, c.text);
  const path_ = `/api/cases/${c.json.id}/`;
  const got = await http(path_, { headers: { Authorization: `Bearer ${admin.token}`, 'organization-id': admin.org,
    'Accept-Encoding': 'gzip' } });
  await got.arrayBuffer();
  const etag = got.headers.get('etag');
  assert.match(etag, /^"\d+"$/, 'a strong ETag');
  const patch = (ifMatch, priority) => api('PATCH', path_, { token: admin.token, org: admin.org, body: { priority },
    headers: { 'If-Match': ifMatch } });
  for (const weak of [`W/${etag}`, `W/${etag}, "0"`, `"0", W/${etag}`, `w/${etag}`]) {
    const r = await patch(weak, 'High');
    assert.equal(r.status, 412, `If-Match: ${weak}`);
    assert.equal(r.json.error, 'precondition_failed');
  }
  const strong = await patch(`"0", ${etag}`, 'High');
  assert.equal(strong.status, 200, strong.text);
  assert.equal(strong.json.priority, 'High');
  assert.equal((await patch('*', 'Low')).status, 200);
  assert.equal((await patch(etag, 'Critical')).status, 412, 'the old version no longer matches');
});

/** Sends a request head (no body) and resolves to { status, headers, body } as soon as the whole answer is in,
 *  without waiting for the server to close: nginx lingers on a connection whose announced body never came. */
function head(request) {
  const u = new URL(BASE);
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: u.hostname, port: Number(u.port || 80) });
    let buf = Buffer.alloc(0);
    sock.setTimeout(10000, () => sock.destroy(new Error('no answer within 10 s')));
    sock.on('connect', () => sock.write(request, 'latin1'));
    sock.on('error', reject);
    sock.on('data', (c) => {
      buf = Buffer.concat([buf, c]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
      const headers = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      const body = buf.subarray(end + 4);
      if (headers['content-length'] === undefined || body.length < Number(headers['content-length'])) return;
      sock.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0])[1]), headers, body: body.toString('utf8') });
    });
  });
}

/** The route's path with a made-up id for each {uuid}. */
const fill = (rt) => rt.pattern.replaceAll('{uuid}', '6a21db5b-d587-4059-bf91-69ebe888d50d');

/** Asserts that r is an API error answer: status, JSON content type, and the {"error", "detail"} shape. */
function assertJsonError(r, status, what) {
  assert.equal(r.status, status, `${what}: ${r.status}`);
  assert.match(r.headers['content-type'] || '', /^application\/json\b/, what);
  const j = JSON.parse(r.body);
  assert.equal(typeof j.error, 'string', what);
  assert.equal(typeof j.detail, 'string', what);
}

test('a body over nginx\'s limit is a JSON 413 on every /api/ route and every method, an HTML one on pages', async () => {
  const host = new URL(BASE).host;
  const api_ = ROUTES.filter((rt) => rt.pattern.startsWith('/api/'));
  assert.ok(api_.length >= 25, `${api_.length} API routes`);
  for (const rt of api_) {
    for (const m of rt.methods.filter((x) => x !== 'HEAD')) {
      const r = await head(`${m} ${fill(rt)} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n`
        + 'Content-Length: 1073741824\r\nConnection: close\r\n\r\n');
      assertJsonError(r, 413, `${m} ${rt.pattern}`);
      assert.equal(JSON.parse(r.body).error, 'too_large');
    }
  }
  for (const rt of ROUTES.filter((x) => x.repr === 'html').slice(0, 5)) {
    const r = await head(`POST ${fill(rt)} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 1073741824\r\nConnection: close\r\n\r\n`);
    assert.equal(r.status, 413, rt.pattern);
    assert.match(r.headers['content-type'], /^text\/html/, `${rt.pattern} keeps nginx's HTML page`);
  }
  // nginx's own 400 for a malformed chunked body, inside the API's location: JSON too.
  const chunked = await head(`POST /api/cases/ HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n`
    + 'Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n');
  assertJsonError(chunked, 400, 'a malformed chunk');
});

// The workers' socket, moved aside to make nginx fail to reach casedesk (a 502) without touching any process.
const SOCKET = path.join(VAR, 'run', 'casedesk.sock');
const ASIDE = `${SOCKET}.aside`;
after(() => { if (fs.existsSync(ASIDE)) fs.renameSync(ASIDE, SOCKET); });

test('casedesk unreachable: every /api/ route is a JSON 502, pages keep nginx\'s HTML 502', async () => {
  const u = createUser();
  const { access_token: token } = await login(u.email, u.password);
  fs.renameSync(SOCKET, ASIDE);
  const answers = [];
  try {
    for (const rt of ROUTES) {
      const m = rt.methods.includes('GET') ? 'GET' : rt.methods[0];
      const r = await http(fill(rt), { method: m, headers: { Authorization: `Bearer ${token}` } });
      answers.push({ rt, m, status: r.status, type: r.headers.get('content-type') || '', body: await r.text() });
    }
  } finally {
    fs.renameSync(ASIDE, SOCKET);
  }
  for (const a of answers) {
    const what = `${a.m} ${a.rt.pattern}`;
    assert.equal(a.status, 502, what);
    if (a.rt.pattern.startsWith('/api/')) {
      assertJsonError({ status: a.status, headers: { 'content-type': a.type }, body: a.body }, 502, what);
      assert.equal(JSON.parse(a.body).error, 'unavailable');
    } else {
      assert.match(a.type, /^text\/html/, what);
    }
  }
  assert.equal((await api('GET', '/api/auth/me/', { token })).status, 200, 'served again once the socket is back');
});
