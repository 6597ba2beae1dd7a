// zz-garbage.test.mjs: a bounded storm of random and malformed requests (default 100,000, 16 in flight) built from
// the route table: methods, mutated paths and queries, hostile headers, broken JSON, form and multipart bodies over
// keep-alive connections, and malformed HTTP over raw sockets. casedesk must answer none of them with a 5xx, no
// worker may die, and the stack must stay healthy. Reproducible: the seed is printed; GARBAGE_SEED=<seed> replays
// the same requests, GARBAGE_REQUESTS=<n> changes the count, GARBAGE_ONLY=<i> sends request i alone.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { BASE, ROOT, VAR, Browser, api, childrenOf, inviteAndAccept, login, masterPid, uniq, workerLog } from './lib.mjs';
import { addMember, newOrgAdmin, orgClient } from './crm-lib.mjs';

const N = Number(process.env.GARBAGE_REQUESTS || 100000);
const CONCURRENCY = Number(process.env.GARBAGE_CONCURRENCY || 16);
const SEED = Number(process.env.GARBAGE_SEED || Math.floor(Math.random() * 2 ** 32));
const ONLY = process.env.GARBAGE_ONLY === undefined ? null : Number(process.env.GARBAGE_ONLY);
const ROUTES = JSON.parse(execFileSync(path.join(ROOT, 'casedesk'), ['routes'], { encoding: 'utf8' }));
const base = new URL(BASE);

/** mulberry32: a small seeded PRNG; one stream per request index, so the request stream does not depend on timing. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (xs) => xs[int(xs.length)];
  const chance = (p) => next() < p;
  const bytes = (n) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const str = (n, alphabet = 'abcXYZ019 -_.~%/?#&=+;,:@!$\'()*[]{}<>"\\|^`') =>
    Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
  return { next, int, pick, chance, bytes, str };
}
const seedOf = (i) => (SEED ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;

const UUIDS = ['00000000-0000-4000-8000-000000000000', 'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF', 'not-a-uuid', '',
  '3f2504e0-4f89-41d3-9a0c-0305e82c330', '3f2504e0-4f89-41d3-9a0c-0305e82c33011', '3f2504e04f8941d39a0c0305e82c3301',
  '{3f2504e0-4f89-41d3-9a0c-0305e82c3301}', '3f2504e0-4f89-41d3-9a0c-0305e82c330g', '..', '%2e%2e', '%00', 'ä'];
const WEIRD = ['', ' ', '\u0000', '\r\n', '%', '%zz', '%00', '%ff', '%c0%af', 'é', '\ud83c\udf89', '\u202e', '<script>', "'", '"',
  '\\', '../', '//', '?', '#', '&', '=', ';', 'null', 'true', '-1', '1e400', '0x10', '9'.repeat(40), 'a'.repeat(3000)];
const STATUSES = ['New', 'In Progress', 'On Hold', 'Closed', 'new', 'Open', ''];
const FIELDS = ['name', 'description', 'status', 'priority', 'case_type', 'account', 'contacts', 'assigned_to', 'teams',
  'closed_on', 'comment', 'email', 'password', 'role', 'is_active', 'users', 'first_name', 'last_name', 'title', 'phone',
  'website', 'org', 'next', 'csrf_token', 'refresh_token', 'attachment', 'limit', 'offset', 'ordering', 'resolution'];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'TRACE',
  'CONNECT', 'FOO', 'M-SEARCH', 'get'];
const TYPES = ['application/json', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=XyZ', 'multipart/form-data', 'multipart/form-data; boundary=', 'text/plain',
  'application/json; charset=latin1', 'application/xml', 'multipart/form-data; boundary="a b"', '*/*', 'ä/ö', ''];

/** A random JSON value, sometimes nested. */
function value(r, depth = 0) {
  switch (r.int(depth > 2 ? 6 : 9)) {
    case 0: return r.pick(WEIRD);
    case 1: return r.pick(UUIDS);
    case 2: return r.pick(STATUSES);
    case 3: return r.pick([0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, true, false]);
    case 4: return null;
    case 5: return r.str(r.int(40));
    case 6: return Array.from({ length: r.int(4) }, () => value(r, depth + 1));
    case 7: return Object.fromEntries(Array.from({ length: r.int(4) }, () => [r.pick(FIELDS), value(r, depth + 1)]));
    default: return r.str(r.int(300), 'ab \n\t<>&"\'é');
  }
}

/** A JSON body text: a random object, usually shaped like a real one, sometimes broken on purpose. */
function jsonBody(r) {
  const obj = {};
  if (r.chance(0.7)) Object.assign(obj, { name: `g ${r.int(1e6)}`, status: r.pick(STATUSES), priority: r.pick(['Low', 'High', 'x']) });
  for (let k = r.int(6); k > 0; k--) obj[r.pick(FIELDS)] = value(r);
  let s = JSON.stringify(obj);
  switch (r.int(12)) {
    case 0: return s.slice(0, r.int(s.length)); // truncated
    case 1: return '['.repeat(1 + r.int(5000)) + ']'.repeat(r.int(3)); // deep nesting
    case 2: return s.replace('{', '{"name":"a","name":"b",'); // duplicate keys
    case 3: return `{"name": "\\ud800", "status": "New", "priority": "Low"}`; // lone surrogate escape
    case 4: return Buffer.concat([Buffer.from(s.slice(0, 5)), r.bytes(1 + r.int(20)), Buffer.from(s.slice(5))]);
    case 5: return r.pick(['', 'null', '1', '"x"', '[]', '{}', '{"a":1}x', '\ufeff{}', '{"a":1e999999}', '{"a":-}', 'nul']);
    default: return s;
  }
}

function formBody(r) {
  const parts = [];
  for (let k = r.int(8); k > 0; k--) {
    const enc = (x) => (r.chance(0.8) ? encodeURIComponent(String(x)) : String(x));
    parts.push(r.chance(0.9) ? `${enc(r.pick(FIELDS))}=${enc(typeof value(r) === 'object' ? r.pick(WEIRD) : value(r))}` : r.pick(WEIRD));
  }
  return parts.join(r.pick(['&', '&', '&&', ';']));
}

function multipartBody(r, boundary) {
  const b = [];
  for (let k = r.int(5); k > 0; k--) {
    const name = r.chance(0.8) ? r.pick(FIELDS) : r.pick(WEIRD);
    const file = r.chance(0.5) ? `; filename${r.chance(0.3) ? '*' : ''}="${r.pick([...WEIRD, 'a.txt', '../../x.html'])}"` : '';
    const extra = r.chance(0.3) ? `\r\nContent-Type: ${r.pick([...TYPES, 'text/html', 'image/svg+xml'])}` : '';
    const head = r.chance(0.9) ? `Content-Disposition: form-data; name="${name}"${file}${extra}` : r.str(r.int(100));
    b.push(Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), r.chance(0.8) ? Buffer.from(String(value(r))) : r.bytes(r.int(2000)), Buffer.from('\r\n'));
  }
  if (r.chance(0.8)) b.push(Buffer.from(`--${boundary}--\r\n`));
  let body = Buffer.concat(b);
  if (r.chance(0.2)) body = body.subarray(0, r.int(body.length + 1));
  return body;
}

/** A path from the route table, its {uuid}s filled with real, foreign or broken ids, then perhaps mutated. */
function routePath(r, ids) {
  const rt = r.pick(ROUTES);
  let p = rt.pattern.replaceAll('{uuid}', () => (r.chance(0.6) ? r.pick(ids) : r.pick(UUIDS)));
  switch (r.int(14)) {
    case 0: p = p.replace(/\/$/, ''); break;
    case 1: p += r.pick(WEIRD.filter((w) => !/[\r\n\u0000]/.test(w))); break;
    case 2: p = p.replace(/\//g, () => r.pick(['/', '//', '/./', '/../', '/%2f', '/%2F'])); break;
    case 3: p = p.toUpperCase(); break;
    case 4: p = p.split('').map((c) => (r.chance(0.3) ? `%${c.charCodeAt(0).toString(16).padStart(2, '0')}` : c)).join(''); break;
    case 5: p = `/api/${r.str(r.int(30))}`; break;
    case 6: p += `/${r.pick(UUIDS)}/`; break;
    default: break;
  }
  if (r.chance(0.5)) {
    const q = [];
    for (let k = r.int(6); k > 0; k--) {
      q.push(`${r.chance(0.9) ? r.pick(FIELDS) : r.str(5)}=${r.chance(0.5) ? encodeURIComponent(String(value(r))) : r.pick(WEIRD.filter((w) => !/[\r\n\u0000 #]/.test(w)))}`);
    }
    p += `?${q.join('&')}`;
  }
  return p;
}

/** Request i as { kind: 'http', method, path, headers, body } or { kind: 'raw', bytes }. */
function makeRequest(i, ctx) {
  const r = prng(seedOf(i));
  if (r.chance(0.1)) return { kind: 'raw', bytes: rawRequest(r, ctx) };
  const method = r.pick(METHODS).toUpperCase();
  let p = routePath(r, ctx.ids);
  const headers = { Host: base.host };
  // Credentials: none, the garbage org's ADMIN or USER token, broken ones, or the browser session.
  switch (r.int(8)) {
    case 0: case 1: case 2: headers.Authorization = `Bearer ${r.chance(0.7) ? ctx.admin.token : ctx.user.token}`; break;
    case 3: headers.Authorization = r.pick(['Bearer ', 'Bearer x', `Bearer ${'A'.repeat(43)}`, 'Basic YTpi', `bearer ${ctx.admin.token}`, 'Bearer ' + 'x'.repeat(5000)]); break;
    case 4: headers.Cookie = `casedesk_session=${ctx.session.sid}`; if (r.chance(0.5)) headers['X-CSRF-Token'] = r.chance(0.5) ? ctx.session.csrf : 'bad'; break;
    case 5: headers.Cookie = r.pick(['casedesk_session=', 'casedesk_session="x"', 'a=b; casedesk_session=' + 'A'.repeat(43), ';;;', '=', 'casedesk_login=x; casedesk_session=y', 'x'.repeat(3000)]); break;
    default: break;
  }
  // The sign-out routes would end the sessions and tokens the rest of the storm uses.
  if (/logout/i.test(p)) { delete headers.Authorization; delete headers.Cookie; }
  if (r.chance(0.6)) headers['organization-id'] = r.chance(0.6) ? ctx.admin.org : r.pick([...UUIDS, ctx.other.org]);
  if (r.chance(0.1)) headers.org = r.pick(UUIDS);
  if (r.chance(0.1)) headers['If-Match'] = r.pick(['*', '"x"', 'W/"1"', '', '"' + 'a'.repeat(500) + '"']);
  if (r.chance(0.05)) headers['Accept-Encoding'] = r.pick(['gzip', 'br', 'identity;q=0', '*']);
  if (r.chance(0.05)) headers['X-Forwarded-For'] = r.pick(['1.2.3.4', 'garbage', '::1, ::1']);
  let body;
  if (!['GET', 'HEAD'].includes(method) || r.chance(0.02)) {
    const t = r.pick(TYPES);
    if (t) headers['Content-Type'] = t;
    if (t.startsWith('application/json') || r.chance(0.2)) body = jsonBody(r);
    else if (t.includes('urlencoded')) body = formBody(r);
    else if (t.startsWith('multipart')) body = multipartBody(r, /boundary="?([^";]*)/.exec(t)?.[1] || 'XyZ');
    else body = r.bytes(r.int(500));
    if (r.chance(0.01)) body = Buffer.alloc(200000 + r.int(100000), 'a');
  }
  if (r.chance(0.02)) p = `/${'a'.repeat(5000 + r.int(5000))}`;
  // node frames a body of GET, HEAD, DELETE, OPTIONS or TRACE with neither Content-Length nor chunked coding, so
  // its bytes would be read as the next request on the connection: frame every body explicitly.
  if (body !== undefined) {
    body = Buffer.isBuffer(body) ? body : Buffer.from(body);
    headers['Content-Length'] = String(body.length);
  }
  return { kind: 'http', method: method === 'GET' && r.chance(0.01) ? 'get' : method, path: p, headers, body };
}

/** Malformed HTTP that node's client will not send: broken request lines, headers, framing, encodings. */
function rawRequest(r, ctx) {
  const host = `Host: ${base.host}\r\n`;
  const path = routePath(r, ctx.ids);
  const auth = r.chance(0.5) ? `Authorization: Bearer ${ctx.admin.token}\r\norganization-id: ${ctx.admin.org}\r\n` : '';
  const body = Buffer.from(JSON.stringify({ name: 'raw', status: 'New', priority: 'Low' }));
  const cases = [
    () => `GET ${path} HTTP/1.1\r\n${host}${auth}Connection: close\r\n\r\n`,
    () => `GET\r\n\r\n`,
    () => `GET / HTTP/9.9\r\n${host}Connection: close\r\n\r\n`,
    () => `G@T / HTTP/1.1\r\n${host}Connection: close\r\n\r\n`,
    () => `GET http://evil.test${path} HTTP/1.1\r\n${host}Connection: close\r\n\r\n`,
    () => `GET /${'x'.repeat(9000)} HTTP/1.1\r\n${host}Connection: close\r\n\r\n`,
    () => `GET / HTTP/1.1\r\n${host}X-Big: ${'y'.repeat(20000)}\r\nConnection: close\r\n\r\n`,
    () => `GET / HTTP/1.1\r\n${host}No colon here\r\nConnection: close\r\n\r\n`,
    () => Buffer.concat([Buffer.from(`GET ${path} HTTP/1.1\r\n${host}${auth}X-Bin: `), r.bytes(30).map((b) => (b === 10 || b === 13 ? 65 : b)), Buffer.from('\r\nConnection: close\r\n\r\n')]),
    () => `GET /${'\u0000'} HTTP/1.1\r\n${host}Connection: close\r\n\r\n`,
    () => `GET ${path} HTTP/1.1\r\n${host}X-Folded: a\r\n b\r\nConnection: close\r\n\r\n`,
    () => `POST /api/cases/ HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nContent-Length: ${body.length}\r\nContent-Length: ${body.length + 1}\r\nConnection: close\r\n\r\n${body}`,
    () => `POST /api/cases/ HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nContent-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    () => `POST /api/cases/ HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    () => `POST /api/cases/ HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`,
    () => `POST /api/cases/ HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`,
    () => `POST /api/cases/ HTTP/1.1\r\n${host}${auth}Content-Length: -1\r\nConnection: close\r\n\r\n`,
    () => `POST /api/cases/ HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    () => `GET / HTTP/1.1\r\nConnection: close\r\n\r\n`,
    () => `GET / HTTP/1.1\r\n${host}${host}Connection: close\r\n\r\n`,
    () => `GET ${path} HTTP/1.1\n${host.replace('\r\n', '\n')}Connection: close\n\n`,
    () => `GET ${path} HTTP/1.0\r\n\r\n`,
    () => `GET /healthz HTTP/1.1\r\n${host}\r\nGET ${path} HTTP/1.1\r\n${host}${auth}Connection: close\r\n\r\n`,
    () => `POST ${path} HTTP/1.1\r\n${host}${auth}Expect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    () => `GET /static/../casedesk.conf HTTP/1.1\r\n${host}Connection: close\r\n\r\n`,
    () => `GET /static/%2e%2e/%2e%2e/deploy/stack.sh HTTP/1.1\r\n${host}Connection: close\r\n\r\n`,
    () => `GET /%c0%ae%c0%ae/ HTTP/1.1\r\n${host}Connection: close\r\n\r\n`,
    () => `${r.pick(METHODS)} ${path.replace(/ /g, '%20')} HTTP/1.1\r\n${host}${auth}Cookie: ${r.str(50)}\r\nContent-Length: 3\r\nConnection: close\r\n\r\n${r.str(3)}`,
    () => Buffer.concat([r.bytes(1 + r.int(200)), Buffer.from('\r\n\r\n')]),
  ];
  const out = r.pick(cases)();
  return Buffer.isBuffer(out) ? out : Buffer.from(out, 'latin1');
}

/** The bytes of request q as HTTP/1.1 with Connection: close, exactly as given. */
function asRaw(q) {
  const head = `${q.method} ${q.path} HTTP/1.1\r\n${Object.entries(q.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}` +
    'Connection: close\r\n\r\n';
  return Buffer.concat([Buffer.from(head, 'utf8'), q.body || Buffer.alloc(0)]);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function sendHttp(q) {
  return new Promise((resolve) => {
    let req;
    try {
      req = http.request({ host: base.hostname, port: base.port, method: q.method, path: q.path, headers: q.headers, agent,
        insecureHTTPParser: true, timeout: 10000 }, (res) => {
        const chunks = [];
        res.on('data', (c) => { if (chunks.length < 4) chunks.push(c); });
        res.on('end', () => resolve({ status: res.statusCode, server: res.headers.server, body: Buffer.concat(chunks).toString('latin1', 0, 400) }));
        res.on('error', (e) => resolve({ status: 0, error: e.code || e.message }));
      });
    } catch (e) {
      return resolve({ status: -1, error: `client refused: ${e.code || e.message}` }); // node will not send it
    }
    // CONNECT and Upgrade answers do not reach the response callback.
    for (const ev of ['connect', 'upgrade']) req.on(ev, (res, socket) => { socket.destroy(); resolve({ status: res.statusCode, body: '' }); });
    let sock;
    req.on('socket', (so) => { sock = so; req.prevOnSocket = so.lastReq; so.lastReq = `${q.method} ${q.path.slice(0, 100)} ${JSON.stringify(q.headers).slice(0, 300)} body ${q.body === undefined ? '-' : String(q.body).slice(0, 100)}`; });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, error: `${e.code || e.message} (previous on this socket: ${req.prevOnSocket}) raw ${JSON.stringify(String(e.rawPacket || '').slice(0, 1500))}` }));
    if (q.body !== undefined) req.end(q.body); else req.end();
  });
}

function sendRaw(bytes) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: base.hostname, port: Number(base.port) });
    const chunks = [];
    let done = false;
    const finish = (v) => { if (!done) { done = true; sock.destroy(); resolve(v); } };
    sock.setTimeout(3000, () => finish({ status: 0, error: 'timeout' }));
    sock.on('connect', () => sock.write(bytes));
    sock.on('data', (c) => {
      chunks.push(c);
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end >= 0) {
        const head = all.subarray(0, end).toString('latin1');
        const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
        const len = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? -1);
        if (!m) return finish({ status: 0, error: `bad status line ${JSON.stringify(head.slice(0, 40))}` });
        if (len < 0 || all.length - end - 4 >= len) {
          finish({ status: Number(m[1]), server: /\r\nserver: *([^\r]*)/i.exec(head)?.[1], body: all.subarray(end + 4, end + 404).toString('latin1') });
        }
      }
    });
    sock.on('error', (e) => finish({ status: 0, error: e.code || e.message }));
    sock.on('close', () => {
      // A complete head without the body Content-Length announced: the answer to a HEAD, or cut short.
      const all = Buffer.concat(chunks);
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(all.toString('latin1', 0, 20));
      const end = all.indexOf('\r\n\r\n');
      if (m && end >= 0) finish({ status: Number(m[1]), body: all.subarray(end + 4, end + 404).toString('latin1') });
      else finish({ status: 0, error: chunks.length ? 'closed mid-response' : 'closed without a response' });
    });
  });
}

// A 5xx that nginx makes for the HTTP it cannot parse (501 unknown transfer coding, 505 version) is not casedesk's;
// any 500, 502, 503, 504 is: the worker failed, died, was unavailable or did not answer.
const isNginxPage = (res) => /<center>nginx<\/center>/.test(res.body || '');
const casedeskFailed = (res) => res.status >= 500 && !((res.status === 501 || res.status === 505) && isNginxPage(res));

test(`garbage: ${N} random and malformed requests, ${CONCURRENCY} in flight: no 5xx, no dead worker, still healthy`, async () => {
  const admin = await newOrgAdmin('garbage');
  const user = await addMember(admin, 'USER');
  const other = await newOrgAdmin('garbage-other');
  const c = (await admin.post('/api/cases/', { name: 'g', status: 'New', priority: 'Low' })).json;
  const cm = (await admin.post(`/api/cases/${c.id}/`, { comment: 'g' })).json.comment;
  const fd = new FormData();
  fd.append('attachment', new Blob(['g']), 'g.txt');
  const at = await (await fetch(`${BASE}/api/cases/${c.id}/`, { method: 'POST', body: fd,
    headers: { Authorization: `Bearer ${admin.token}`, 'organization-id': admin.org } })).json();
  const team = (await admin.post('/api/teams/', { name: `g ${uniq()}` })).json;
  const account = (await admin.post('/api/accounts/', { name: 'g' })).json;
  const contact = (await admin.post('/api/contacts/', { first_name: 'g' })).json;
  const pw = 'password-garbage-1', email = `gweb-${uniq()}@casedesk.test`;
  await inviteAndAccept(admin, { email, password: pw, role: 'ADMIN' });
  const b = new Browser();
  await b.signIn(email, pw);
  const session = { sid: b.cookies.get('casedesk_session'), csrf: await b.csrf() };
  const ctx = { admin, user, other, session,
    ids: [c.id, cm.id, at.attachments[0].id, team.id, account.id, contact.id, user.user.id, admin.user.id, other.org] };

  const master = masterPid();
  const workers = childrenOf(master);
  const logBefore = workerLog().length;
  const nginxErrors = () => readFileSync(path.join(VAR, 'log', 'nginx-error.log'), 'latin1');
  const nginxBefore = nginxErrors().length;
  console.log(`# garbage seed ${SEED} (GARBAGE_SEED=${SEED} replays it), ${N} requests, ${CONCURRENCY} in flight`);
  const statuses = {};
  const failures = [];
  const clientRefused = { n: 0 };
  let next = ONLY ?? 0;
  const last = ONLY !== null ? ONLY + 1 : N;
  const t0 = Date.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (;;) {
      const i = next++;
      if (i >= last) return;
      const q = makeRequest(i, ctx);
      let res = q.kind === 'raw' ? await sendRaw(q.bytes) : await sendHttp(q);
      if (res.status === -1) { // node will not send it (a space or non-ASCII in the path...): send the same bytes raw
        clientRefused.n++;
        q.kind = 'raw';
        q.bytes = asRaw(q);
        res = await sendRaw(q.bytes);
      }
      const key = `${q.kind} ${res.status || res.error}`;
      statuses[key] = (statuses[key] || 0) + 1;
      if (casedeskFailed(res) || (q.kind === 'http' && res.status === 0)) {
        if (failures.length < 20) {
          failures.push(`#${i} ${q.kind === 'raw' ? JSON.stringify(q.bytes.toString('latin1').slice(0, 200))
            : `${q.method} ${q.path.slice(0, 200)}`} -> ${res.status || res.error} ${(res.body || '').slice(0, 200)}`);
        } else failures.push('...');
      }
    }
  }));
  const secs = (Date.now() - t0) / 1000;
  agent.destroy();
  console.log(`# ${last - (ONLY ?? 0)} requests in ${secs.toFixed(1)} s (${Math.round((last - (ONLY ?? 0)) / secs)}/s); ` +
    `${clientRefused.n} not sendable by node's client; statuses: ${JSON.stringify(Object.fromEntries(Object.entries(statuses).sort()))}`);
  assert.deepEqual(failures.slice(0, 21), [], `seed ${SEED}: replay one with GARBAGE_SEED=${SEED} GARBAGE_ONLY=<#>`);

  // Still healthy: the same master and workers (none crashed and was respawned), /healthz and real work answer.
  assert.equal(masterPid(), master);
  assert.deepEqual(childrenOf(master), workers, 'no worker died');
  const upstream = nginxErrors().slice(nginxBefore).split('\n').filter((l) => /upstream|unix:/.test(l));
  assert.deepEqual(upstream.slice(0, 5), [], 'nginx logged no upstream failure');
  const newLog = workerLog().slice(logBefore);
  assert.doesNotMatch(newLog, /killed by signal|exited with|respawning/, 'the master saw no worker die');
  assert.equal((await api('GET', '/healthz')).status, 200);
  // A fresh sign-in: the storm may have signed the old tokens out (an encoded /api/auth/logout/ path, say).
  const l = await login(email, pw);
  const fresh = orgClient({ token: l.access_token, org: admin.org, user: l.user });
  const list = await fresh.get('/api/cases/?limit=1');
  assert.equal(list.status, 200, list.text);
  const made = await fresh.post('/api/cases/', { name: 'after the storm', status: 'New', priority: 'Low' });
  assert.equal(made.status, 201, made.text);
});
