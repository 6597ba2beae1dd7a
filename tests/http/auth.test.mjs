// auth.test.mjs: identity and tenancy over HTTP: API sign-in, tokens, gates, members, sessions, CSRF, throttling.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, login, createUser, inviteAndAccept, newAdmin, uniq, psql, Browser, VAR } from './lib.mjs';

const secrets = []; // every password and token seen, checked against the log at the end

test('CLI user signs in over the API and gets tokens, user and organizations', async () => {
  const orgName = `Cli Org ${uniq()}`;
  const u = createUser({ org: orgName, admin: true });
  const l = await login(u.email, u.password);
  secrets.push(u.password, l.access_token, l.refresh_token);
  assert.equal(l.token_type, 'Bearer');
  assert.match(l.access_token, /^[A-Za-z0-9_-]{43}$/);
  assert.match(l.refresh_token, /^[A-Za-z0-9_-]{43}$/);
  assert.ok(l.expires_in > 0);
  assert.equal(l.user.email, u.email);
  assert.deepEqual(l.organizations.map((o) => [o.name, o.role]), [[orgName, 'ADMIN']]);
  const me = await api('GET', '/api/auth/me/', { token: l.access_token });
  assert.equal(me.status, 200);
  assert.equal(me.json.user.id, l.user.id);
  assert.equal(me.json.organizations[0].name, orgName);
});

test('wrong password and unknown email get the same answer; missing fields are listed', async () => {
  const u = createUser();
  const wrong = await api('POST', '/api/auth/login/', { body: { email: u.email, password: 'not-the-password' } });
  const unknown = await api('POST', '/api/auth/login/', { body: { email: `nobody-${uniq()}@x.test`, password: 'whatever1' } });
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.deepEqual(wrong.json, unknown.json);
  const missing = await api('POST', '/api/auth/login/', { body: {} });
  assert.equal(missing.status, 400);
  assert.deepEqual(Object.keys(missing.json.errors).sort(), ['email', 'password']);
  const notObject = await api('POST', '/api/auth/login/', { body: '[1,2]' });
  assert.equal(notObject.status, 400);
  const badJson = await api('POST', '/api/auth/login/', { body: '{"email": ' });
  assert.equal(badJson.status, 400);
  assert.equal(badJson.json.error, 'bad_request');
});

test('gates: 401 without or with a bad token, 400 without or with a malformed organization, 403 for non-members', async () => {
  const a = await newAdmin();
  const b = await newAdmin();
  assert.equal((await api('GET', '/api/users/')).status, 401);
  assert.equal((await api('GET', '/api/users/', { token: 'x'.repeat(43), org: a.org })).status, 401);
  assert.equal((await api('GET', '/api/users/', { headers: { Authorization: 'Basic abc' }, org: a.org })).status, 401);
  const noOrg = await api('GET', '/api/users/', { token: a.token });
  assert.equal(noOrg.status, 400);
  assert.match(noOrg.json.detail, /organization-id/);
  assert.equal((await api('GET', '/api/users/', { token: a.token, org: 'not-a-uuid' })).status, 400);
  // The Django-CRM header name is accepted too.
  const viaOrgHeader = await api('GET', '/api/users/', { token: a.token, headers: { org: a.org } });
  assert.equal(viaOrgHeader.status, 200);
  assert.equal((await api('GET', '/api/users/', { token: b.token, org: a.org })).status, 403);
  // organization_id (underscore) is not organization-id.
  const underscore = await api('GET', '/api/users/', { token: a.token, headers: { organization_id: a.org } });
  assert.equal(underscore.status, 400);
});

test('an organization is created by any signed-in user, who becomes its ADMIN', async () => {
  const u = createUser();
  const l = await login(u.email, u.password);
  const name = `New Org ${uniq()}`;
  const r = await api('POST', '/api/org/', { token: l.access_token, body: { name } });
  assert.equal(r.status, 201);
  assert.equal(r.json.name, name);
  assert.equal(r.json.role, 'ADMIN');
  const users = await api('GET', '/api/users/', { token: l.access_token, org: r.json.id });
  assert.equal(users.status, 200);
  assert.equal(users.json.count, 1);
  assert.equal(users.json.results[0].role, 'ADMIN');
  const bad = await api('POST', '/api/org/', { token: l.access_token, body: { name: '' } });
  assert.equal(bad.status, 400);
  assert.ok(bad.json.errors.name);
  assert.equal((await api('POST', '/api/org/', { body: { name: 'x' } })).status, 401);
});

test('members: ADMIN invites a USER who, having accepted, works with their own token; roles and deactivation apply at once', async () => {
  const a = await newAdmin();
  const email = `agent-${uniq()}@casedesk.test`;
  const password = 'agent-password-1';
  secrets.push(password);
  const add = await api('POST', '/api/users/', { token: a.token, org: a.org, body: { email, password, role: 'USER', name: 'Agent' } });
  assert.equal(add.status, 201);
  assert.equal(add.json.role, 'USER');
  assert.equal(add.json.status, 'pending');
  const again = await api('POST', '/api/users/', { token: a.token, org: a.org, body: { email, role: 'USER' } });
  assert.equal(again.status, 400);
  assert.ok(again.json.errors.email);
  const invalid = await api('POST', '/api/users/', { token: a.token, org: a.org, body: { email: 'nope', role: 'BOSS' } });
  assert.equal(invalid.status, 400);
  assert.deepEqual(Object.keys(invalid.json.errors).sort(), ['email', 'role']);
  const noPassword = await api('POST', '/api/users/', { token: a.token, org: a.org, body: { email: `p-${uniq()}@x.test` } });
  assert.equal(noPassword.status, 201, 'an email without an account is invited like any other');

  const before = await login(email, password);
  assert.deepEqual(before.organizations, [], 'no member before accepting');
  assert.equal((await api('POST', `/api/invitations/${add.json.id}/accept/`, { token: before.access_token })).status, 200);
  const m = await login(email, password);
  const uid = m.user.id;
  assert.deepEqual(m.organizations.map((o) => o.role), ['USER']);
  const list = await api('GET', '/api/users/', { token: m.access_token, org: a.org });
  assert.equal(list.status, 200);
  assert.equal(list.json.count, 2);
  assert.equal((await api('POST', '/api/users/', { token: m.access_token, org: a.org, body: { email: 'x@y.test' } })).status, 403);
  assert.equal((await api('PATCH', `/api/users/${a.user.id}/`, { token: m.access_token, org: a.org, body: { role: 'USER' } })).status, 403);
  const one = await api('GET', `/api/users/${uid}/`, { token: m.access_token, org: a.org });
  assert.equal(one.status, 200);
  assert.equal(one.json.email, email);

  const promote = await api('PATCH', `/api/users/${uid}/`, { token: a.token, org: a.org, body: { role: 'ADMIN' } });
  assert.equal(promote.status, 200);
  assert.equal(promote.json.role, 'ADMIN');
  const demote = await api('PUT', `/api/users/${uid}/`, { token: a.token, org: a.org, body: { role: 'USER', name: 'Renamed' } });
  assert.equal(demote.status, 200);
  assert.equal(demote.json.name, 'Renamed');

  const off = await api('PATCH', `/api/users/${uid}/`, { token: a.token, org: a.org, body: { is_active: false } });
  assert.equal(off.status, 200);
  assert.equal(off.json.is_active, false);
  assert.equal((await api('GET', '/api/users/', { token: m.access_token, org: a.org })).status, 403);
  await api('PATCH', `/api/users/${uid}/`, { token: a.token, org: a.org, body: { is_active: true } });
  assert.equal((await api('GET', '/api/users/', { token: m.access_token, org: a.org })).status, 200);

  assert.equal((await api('DELETE', `/api/users/${uid}/`, { token: a.token, org: a.org })).status, 204);
  assert.equal((await api('GET', '/api/users/', { token: m.access_token, org: a.org })).status, 403);
  assert.equal((await api('GET', `/api/users/${uid}/`, { token: a.token, org: a.org })).status, 404);
  assert.equal((await api('DELETE', `/api/users/${uid}/`, { token: a.token, org: a.org })).status, 404);
});

test('the last active ADMIN can be neither demoted, deactivated nor removed', async () => {
  const a = await newAdmin();
  for (const body of [{ role: 'USER' }, { is_active: false }]) {
    const r = await api('PATCH', `/api/users/${a.user.id}/`, { token: a.token, org: a.org, body });
    assert.equal(r.status, 400, JSON.stringify(body));
  }
  assert.equal((await api('DELETE', `/api/users/${a.user.id}/`, { token: a.token, org: a.org })).status, 400);
  const still = await api('GET', `/api/users/${a.user.id}/`, { token: a.token, org: a.org });
  assert.equal(still.json.role, 'ADMIN');
  assert.equal(still.json.is_active, true);
});

test('another organization sees nothing of the first', async () => {
  const a = await newAdmin();
  const b = await newAdmin();
  const add = await inviteAndAccept(a, { email: `m-${uniq()}@x.test`, password: 'password-123' });
  const uid = add.user.id;
  const listB = await api('GET', '/api/users/', { token: b.token, org: b.org });
  assert.equal(listB.json.count, 1);
  assert.ok(listB.json.results.every((u) => u.id !== uid && u.id !== a.user.id));
  assert.equal((await api('GET', `/api/users/${uid}/`, { token: b.token, org: b.org })).status, 404);
  assert.equal((await api('PATCH', `/api/users/${uid}/`, { token: b.token, org: b.org, body: { role: 'ADMIN' } })).status, 404);
  assert.equal((await api('DELETE', `/api/users/${uid}/`, { token: b.token, org: b.org })).status, 404);
  assert.equal((await api('GET', `/api/users/${uid}/`, { token: a.token, org: a.org })).json.role, 'USER');
});

test('members list pages with count, next and previous', async () => {
  const a = await newAdmin();
  for (let i = 0; i < 3; i++) {
    await inviteAndAccept(a, { email: `p${i}-${uniq()}@x.test`, password: 'password-123' });
  }
  const p1 = await api('GET', '/api/users/?limit=3', { token: a.token, org: a.org });
  assert.equal(p1.json.count, 4);
  assert.equal(p1.json.results.length, 3);
  assert.equal(p1.json.previous, null);
  assert.equal(p1.json.next, '/api/users/?limit=3&offset=3');
  const p2 = await api('GET', p1.json.next, { token: a.token, org: a.org });
  assert.equal(p2.json.results.length, 1);
  assert.equal(p2.json.next, null);
  assert.equal(p2.json.previous, '/api/users/?limit=3');
  const ids = new Set([...p1.json.results, ...p2.json.results].map((u) => u.id));
  assert.equal(ids.size, 4);
  for (const q of ['limit=0', 'limit=101', 'offset=-1', 'limit=abc']) {
    assert.equal((await api('GET', `/api/users/?${q}`, { token: a.token, org: a.org })).status, 400, q);
  }
});

test('refresh rotates tokens; a reused refresh token ends the family; logout revokes', async () => {
  const u = createUser({ org: `R ${uniq()}`, admin: true });
  const l = await login(u.email, u.password);
  const r1 = await api('POST', '/api/auth/refresh/', { body: { refresh_token: l.refresh_token } });
  assert.equal(r1.status, 200);
  assert.notEqual(r1.json.access_token, l.access_token);
  secrets.push(r1.json.access_token, r1.json.refresh_token);
  assert.equal((await api('GET', '/api/auth/me/', { token: r1.json.access_token })).status, 200);
  // Replaying the first refresh token is refused and revokes every token of the family.
  assert.equal((await api('POST', '/api/auth/refresh/', { body: { refresh_token: l.refresh_token } })).status, 401);
  assert.equal((await api('GET', '/api/auth/me/', { token: r1.json.access_token })).status, 401);
  assert.equal((await api('POST', '/api/auth/refresh/', { body: { refresh_token: r1.json.refresh_token } })).status, 401);
  assert.equal((await api('POST', '/api/auth/refresh/', { body: { refresh_token: 'garbage' } })).status, 401);
  assert.equal((await api('POST', '/api/auth/refresh/', { body: {} })).status, 400);

  const l2 = await login(u.email, u.password);
  assert.equal((await api('POST', '/api/auth/logout/', { token: l2.access_token })).status, 204);
  assert.equal((await api('GET', '/api/auth/me/', { token: l2.access_token })).status, 401);
  assert.equal((await api('POST', '/api/auth/refresh/', { body: { refresh_token: l2.refresh_token } })).status, 401);
});

test('expired access tokens are refused', async () => {
  const u = createUser();
  const l = await login(u.email, u.password);
  psql(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE user_id = '${l.user.id}' AND kind = 'access'`);
  assert.equal((await api('GET', '/api/auth/me/', { token: l.access_token })).status, 401);
});

test('repeated failed sign-ins for one email are slowed, then refused with 429 and Retry-After', async () => {
  const u = createUser();
  let limited = null;
  for (let i = 0; i < 12 && !limited; i++) {
    const r = await api('POST', '/api/auth/login/', { body: { email: u.email, password: `wrong-${i}` } });
    if (r.status === 429) limited = r; else assert.equal(r.status, 401);
  }
  assert.ok(limited, 'expected a 429');
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  // While limited, even the right password is refused.
  const right = await api('POST', '/api/auth/login/', { body: { email: u.email, password: u.password } });
  assert.equal(right.status, 429);
  psql(`DELETE FROM login_failures WHERE key = login_email_key('${u.email}')`);
  assert.equal((await api('POST', '/api/auth/login/', { body: { email: u.email, password: u.password } })).status, 200);
});

test('browser: sign-in form with CSRF, new session id at login, cookie flags, sign-out', async () => {
  const u = createUser({ org: `Web ${uniq()}`, admin: true });
  const b = new Browser();
  const form = await b.req('GET', '/login');
  assert.equal(form.status, 200);
  assert.match(form.text, /<label for="email">/);
  // Without the form's token the POST is refused.
  const forged = await new Browser().req('POST', '/login', { form: { email: u.email, password: u.password } });
  assert.equal(forged.status, 403);
  // A session id planted before sign-in is never kept (session fixation).
  b.cookies.set('casedesk_session', 'A'.repeat(43));
  const wrong = await b.signIn(u.email, 'bad-password');
  assert.equal(wrong.status, 401);
  assert.match(wrong.text, /Invalid email or password/);
  assert.match(wrong.text, new RegExp(`value="${u.email.replace(/[.]/g, '\\.')}"`));
  const ok = await b.signIn(u.email, u.password);
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/');
  const sc = ok.setCookies.find((c) => c.startsWith('casedesk_session='));
  assert.match(sc, /HttpOnly/);
  assert.match(sc, /SameSite=Lax/);
  assert.doesNotMatch(sc, /Secure/); // plain http here; Secure is added when nginx reports https
  const sid = b.cookies.get('casedesk_session');
  assert.notEqual(sid, 'A'.repeat(43));
  secrets.push(sid);
  const home = await b.req('GET', '/');
  assert.match(home.text, new RegExp(u.email.replace(/[.]/g, '\\.')));
  // The sign-in page sends a signed-in user home; another sign-in gets another id.
  assert.equal((await b.req('GET', '/login')).status, 303);
  const other = new Browser();
  await other.signIn(u.email, u.password);
  assert.notEqual(other.cookies.get('casedesk_session'), sid);
  // Sign-out needs the CSRF token.
  const noToken = await b.req('POST', '/logout');
  assert.equal(noToken.status, 403);
  const csrf = await b.csrf();
  const out = await b.req('POST', '/logout', { form: { csrf_token: csrf } });
  assert.equal(out.status, 303);
  assert.equal(out.headers.get('location'), '/login');
  const after = await b.req('GET', '/');
  assert.match(after.text, /href="\/login"/);
});

test('browser session: API calls with the cookie need the CSRF header for writes; expiry is server-side', async () => {
  const u = createUser({ org: `Sess ${uniq()}`, admin: true });
  const b = new Browser();
  await b.signIn(u.email, u.password);
  const me = await b.req('GET', '/api/auth/me/');
  assert.equal(me.status, 200);
  const noCsrf = await b.req('POST', '/api/org/', { form: { name: 'Via cookie' } });
  assert.equal(noCsrf.status, 403);
  const csrf = await b.csrf();
  const withCsrf = await b.req('POST', '/api/org/', { form: { name: 'Via cookie' }, headers: { 'X-CSRF-Token': csrf } });
  assert.equal(withCsrf.status, 201);
  const users = await b.req('GET', '/api/users/');
  assert.equal(users.status, 200, 'the session organization applies when no header is sent');

  // Switch organization through the form; the page shows the switcher with both.
  const page = await b.req('GET', '/');
  assert.match(page.text, /id="org-switch"/);
  const newOrg = JSON.parse(withCsrf.text).id;
  const sw = await b.req('POST', '/org/switch', { form: { csrf_token: csrf, org: newOrg, next: '/' } });
  assert.equal(sw.status, 303);
  assert.match((await b.req('GET', '/')).text, /Via cookie/);
  const foreign = await b.req('POST', '/org/switch', { form: { csrf_token: csrf, org: '00000000-0000-4000-8000-000000000000' } });
  assert.equal(foreign.status, 403);

  psql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE email = '${u.email}')`);
  assert.equal((await b.req('GET', '/api/auth/me/')).status, 401);
  const page2 = await b.req('GET', '/org/switch');
  assert.equal(page2.status, 405);
});

test('no password or token ever appears in the log', () => {
  const log = fs.readFileSync(path.join(VAR, 'log', 'casedesk.log'), 'utf8');
  assert.ok(log.length > 0);
  assert.ok(secrets.length >= 5);
  for (const s of secrets) assert.ok(!log.includes(s), 'a secret was logged');
});
