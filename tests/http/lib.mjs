// lib.mjs: shared helpers for the HTTP tests: the stack's URL, API calls, users made with the CLI, psql.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

export const BASE = process.env.CASEDESK_URL || 'http://127.0.0.1:18080';
export const ROOT = process.env.CASEDESK_ROOT || path.resolve(new URL('../..', import.meta.url).pathname);
export const VAR = process.env.CASEDESK_VAR || path.join(ROOT, 'var', 'test');
export const STACK = process.env.CASEDESK_STACK || 'test';

/** A short unique suffix so that tests never collide on emails or names. */
export function uniq() {
  return randomUUID().slice(0, 8);
}

/** Runs the casedesk CLI against the test stack's config; returns stdout. */
export function cli(args, input = '') {
  return execFileSync(path.join(ROOT, 'casedesk'), ['-c', path.join(VAR, 'casedesk.conf'), ...args], {
    input, encoding: 'utf8',
  });
}

/** Runs SQL on the test stack's database through deploy/stack.sh; returns psql's unaligned output. */
export function psql(sql) {
  return execFileSync('bash', [path.join(ROOT, 'deploy', 'stack.sh'), 'psql', STACK, '-tAc', sql], {
    encoding: 'utf8',
  }).trim();
}

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

/** Creates a user with the CLI (optionally in an organization) and returns { email, password }. */
export function createUser({ email = `u-${uniq()}@casedesk.test`, password = 'password-' + uniq(), org, admin } = {}) {
  const args = ['create-user', email];
  if (org) args.push('--org', org);
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
