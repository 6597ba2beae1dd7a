// lib.mjs: shared helpers for the HTTP tests: the stack's URL, API calls, users made with the CLI, psql; raw HTTP
// over a socket (for requests fetch refuses to send), the master's workers from /proc, polling, stack.sh functions;
// and, after every test file, the check that the read model agrees with the tables it is derived from.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after } from 'node:test';
import { promisify } from 'node:util';

export const BASE = process.env.CASEDESK_URL || 'http://127.0.0.1:18080';
export const ROOT = process.env.CASEDESK_ROOT || path.resolve(new URL('../..', import.meta.url).pathname);
export const VAR = process.env.CASEDESK_VAR || path.join(ROOT, 'var', 'test');
export const STACK = process.env.CASEDESK_STACK || 'test';

/** A short unique suffix so that tests never collide on emails or names. */
export function uniq() {
  return randomUUID().slice(0, 8);
}

/** Runs the casedesk CLI (CASEDESK_BIN, default ROOT/casedesk) against the test stack's config; returns stdout. */
export function cli(args, input = '') {
  const bin = process.env.CASEDESK_BIN || path.join(ROOT, 'casedesk');
  return execFileSync(bin, ['-c', path.join(VAR, 'casedesk.conf'), ...args], {
    input, encoding: 'utf8',
  });
}

/** Runs SQL on the test stack's database through deploy/stack.sh; returns psql's unaligned output. */
export function psql(sql) {
  return psqlRun(['-tAc', sql]);
}

/** Runs each statement in turn in one psql session (so a BEGIN holds until a ROLLBACK); returns the rows of all,
 *  unaligned, without command tags. */
export function psqlSession(statements) {
  return psqlRun(['-qtA', ...statements.flatMap((s) => ['-c', s])]);
}

function psqlRun(args) {
  return execFileSync('bash', [path.join(ROOT, 'deploy', 'stack.sh'), 'psql', STACK, ...args], {
    encoding: 'utf8',
  }).trim();
}

/** The read model's differences from its sources (sql/011), one "relation|key|expected|actual" line each. */
export function readModelDrift() {
  return psql('SELECT * FROM casedesk_read_model_drift() ORDER BY 1, 2');
}

// Every test file imports this module: once its tests are done, the derived rows must match their sources.
after(() => {
  const drift = readModelDrift();
  assert.equal(drift, '', `the read model drifted from its sources (relation|key|expected|actual):\n${drift}`);
});

/** fetch against the stack, with no redirects followed. */
export function http(pathname, init = {}) {
  return fetch(BASE + pathname, { redirect: 'manual', ...init });
}

/**
 * Calls the JSON API. opts: token, org, body (object, sent as JSON), headers.
 * Returns { status, headers, json, text }.
 */
export async function api(method, pathname, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.org) headers['organization-id'] = opts.org;
  let body;
  if (opts.body !== undefined) {
    headers['Content-Type'] = headers['Content-Type'] || 'application/json';
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  const res = await http(pathname, { method, headers, body });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { status: res.status, headers: res.headers, json, text };
}

/** Creates a user with the CLI, optionally as the first member of a new organization named org, or in the
 *  existing organization orgId; returns { email, password }. */
export function createUser({ email = `u-${uniq()}@casedesk.test`, password = 'password-' + uniq(), org, orgId, admin } = {}) {
  const args = ['create-user', email];
  if (org) args.push('--org', org);
  if (orgId) args.push('--org-id', orgId);
  if (admin) args.push('--admin');
  cli(args, password + '\n');
  return { email, password };
}

/** Signs in through the API; returns the login response body (tokens, user, organizations). */
export async function login(email, password) {
  const r = await api('POST', '/api/auth/login/', { body: { email, password } });
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${r.text}`);
  return r.json;
}

/**
 * Invites email into the organization of admin ({ token, org }, an ADMIN there) through POST /api/users/ (with a
 * password the invitee's account is created when the email has none), then signs the invitee in and accepts the
 * invitation. Returns the invitee's login response (tokens, user, organizations as of after accepting) with the
 * invitation as POST /api/users/ answered it.
 */
export async function inviteAndAccept(admin, { email = `i-${uniq()}@casedesk.test`, password = `password-${uniq()}`, role = 'USER', name } = {}) {
  const body = { email, password, role, ...(name === undefined ? {} : { name }) };
  const r = await api('POST', '/api/users/', { token: admin.token, org: admin.org, body });
  if (r.status !== 201) throw new Error(`inviting ${email}: ${r.status} ${r.text}`);
  const l = await login(email, password);
  const a = await api('POST', `/api/invitations/${r.json.id}/accept/`, { token: l.access_token });
  if (a.status !== 200) throw new Error(`accepting ${r.json.id}: ${a.status} ${a.text}`);
  const me = await api('GET', '/api/auth/me/', { token: l.access_token });
  return { ...l, organizations: me.json.organizations, invitation: r.json, email, password };
}

/** A fresh organization with its ADMIN signed in: { email, password, token, org, user }. */
export async function newAdmin(orgName = `Org ${uniq()}`) {
  const u = createUser({ org: orgName, admin: true });
  const l = await login(u.email, u.password);
  const org = l.organizations.find((o) => o.name === orgName).id;
  return { ...u, token: l.access_token, refresh: l.refresh_token, org, user: l.user };
}

/** A tiny cookie jar for browser-style flows. */
export class Browser {
  constructor() { this.cookies = new Map(); }
  cookieHeader() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
  async req(method, pathname, { form, headers = {} } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.Cookie = this.cookieHeader();
    let body;
    if (form) {
      h['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const res = await http(pathname, { method, headers: h, body });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i), value = pair.slice(i + 1);
      if (/Max-Age=0/i.test(c)) this.cookies.delete(name); else this.cookies.set(name, value);
    }
    return { status: res.status, headers: res.headers, text: await res.text(), setCookies: res.headers.getSetCookie() };
  }
  /** Signs in through the /login form; returns the POST response. */
  async signIn(email, password) {
    const page = await this.req('GET', '/login');
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.text)[1];
    return this.req('POST', '/login', { form: { csrf_token: csrf, email, password, next: '/' } });
  }
  /** The CSRF token of the signed-in session, read from a page. */
  async csrf() {
    const page = await this.req('GET', '/');
    const m = /name="csrf_token" value="([^"]+)"/.exec(page.text);
    return m ? m[1] : null;
  }
}

const base = new URL(BASE);

// Sends bytes exactly as given (a whole HTTP/1.1 request, ideally with "Connection: close") and resolves to
// { status, headers (lower-case names), body (Buffer) } once the server closes the connection.
export function raw(request, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: base.hostname, port: Number(base.port || 80) });
    const chunks = [];
    sock.setTimeout(timeoutMs, () => sock.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    // write, not end: nginx takes a half-closed client connection for an abort (499) and drops the answer.
    sock.on('connect', () => sock.write(Buffer.isBuffer(request) ? request : Buffer.from(request, 'latin1')));
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', reject);
    sock.on('close', () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no complete response head: ${JSON.stringify(all.toString('latin1'))}`));
      const lines = all.subarray(0, end).toString('latin1').split('\r\n');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
      if (!m) return reject(new Error(`bad status line: ${lines[0]}`));
      const headers = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status: Number(m[1]), headers, body: all.subarray(end + 4) });
    });
  });
}

// The casedesk master's pid (deploy/stack.sh writes it to var/NAME/run/casedesk.pid).
export function masterPid() {
  return Number(readFileSync(`${VAR}/run/casedesk.pid`, 'utf8').trim());
}

// The process name of the master's text-extraction child (src/server/extractor.c).
export const EXTRACTOR_NAME = 'casedesk-text';

// Live (non-zombie) children of pid, sorted, read from /proc/*/stat: those named name, or all but the
// text-extraction child when name is not given (a master's workers).
export function childrenOf(pid, name) {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${d}/stat`, 'latin1');
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const wanted = name === undefined ? comm !== EXTRACTOR_NAME : comm === name;
    if (Number(ppid) === pid && state !== 'Z' && wanted) out.push(Number(d));
  }
  return out.sort((a, b) => a - b);
}

// The pid of master's text-extraction child, or 0 while it has none.
export function extractorOf(master) {
  return childrenOf(master, EXTRACTOR_NAME)[0] || 0;
}

export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls fn (sync or async) every stepMs until it returns a truthy value; returns it, or throws after timeoutMs.
export async function waitFor(fn, { timeoutMs = 2000, stepMs = 20, what = 'condition' } = {}) {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await sleep(stepMs);
  }
}

// Runs a deploy/stack.sh function (pg_stop, pg_start, ...) on this stack.
export async function stackFn(fn) {
  return promisify(execFile)('bash', [path.join(ROOT, 'deploy', 'stack.sh'), fn, STACK], { timeout: 90000 });
}

// GET /healthz n times one after another; resolves to the list of statuses.
export async function healthzTimes(n) {
  const statuses = [];
  for (let i = 0; i < n; i++) {
    const r = await http('/healthz');
    await r.arrayBuffer();
    statuses.push(r.status);
  }
  return statuses;
}

// The worker log (var/NAME/log/casedesk.log) as text.
export function workerLog() {
  return readFileSync(`${VAR}/log/casedesk.log`, 'latin1');
}
