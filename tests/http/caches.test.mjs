// caches.test.mjs: what workers cache (validated tokens and sessions, an organization's member list) never
// outlives a change: revocations, deactivations, role and membership changes and renames apply at once on every
// worker, whether made through casedesk or straight in the database (as another host or an operator would).
import test from 'node:test';
import assert from 'node:assert/strict';
import { api, inviteAndAccept, newAdmin, uniq, psql, Browser } from './lib.mjs';

const SPREAD = 16; // concurrent requests: enough for every worker of the stack to answer some

/** The statuses of SPREAD concurrent calls of api(method, path, opts). */
async function statuses(method, pathname, opts) {
  const rs = await Promise.all(Array.from({ length: SPREAD }, () => api(method, pathname, opts)));
  return [...new Set(rs.map((r) => r.status))];
}

/** Polls fn until it returns true or two seconds pass: a change made outside casedesk arrives by NOTIFY. */
async function soon(fn) {
  for (let i = 0; i < 40; i++) {
    if (await fn()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** An organization with its ADMIN and one USER, both signed in. */
async function team() {
  const a = await newAdmin();
  const u = await inviteAndAccept(a, { email: `c-${uniq()}@casedesk.test`, role: 'USER', name: 'Cached' });
  return { a, u, uid: u.user.id, token: u.access_token };
}

test('a token signed out or revoked is refused at once by every worker', async () => {
  const { a, token } = await team();
  assert.deepEqual(await statuses('GET', '/api/auth/me/', { token }), [200]);
  assert.equal((await api('POST', '/api/auth/logout/', { token })).status, 204);
  assert.deepEqual(await statuses('GET', '/api/auth/me/', { token }), [401]);

  // Revoked in the database, not through casedesk.
  assert.deepEqual(await statuses('GET', '/api/users/', { token: a.token, org: a.org }), [200]);
  psql(`UPDATE api_tokens SET revoked_on = now() WHERE user_id = '${a.user.id}'`);
  assert.ok(await soon(async () => (await statuses('GET', '/api/users/', { token: a.token, org: a.org })).join() === '401'));
});

test('deactivation, role changes and removal apply at once on every worker', async () => {
  const { a, uid, token } = await team();
  const as = { token, org: a.org };
  assert.deepEqual(await statuses('GET', '/api/users/', as), [200]);
  assert.deepEqual(await statuses('POST', '/api/users/', { ...as, body: {} }), [403]);

  const patch = (body) => api('PATCH', `/api/users/${uid}/`, { token: a.token, org: a.org, body });
  assert.equal((await patch({ is_active: false })).status, 200);
  assert.deepEqual(await statuses('GET', '/api/users/', as), [403]);
  assert.equal((await patch({ is_active: true })).status, 200);
  assert.deepEqual(await statuses('GET', '/api/users/', as), [200]);
  assert.equal((await patch({ role: 'ADMIN' })).status, 200);
  assert.deepEqual(await statuses('POST', '/api/users/', { ...as, body: {} }), [400]); // an ADMIN, so validated

  // The user deactivated in the database: every organization of theirs refuses them.
  psql(`UPDATE users SET is_active = false WHERE id = '${uid}'`);
  assert.ok(await soon(async () => (await statuses('GET', '/api/users/', as)).join() === '401'));
  psql(`UPDATE users SET is_active = true WHERE id = '${uid}'`);
  assert.ok(await soon(async () => (await statuses('GET', '/api/users/', as)).join() === '200'));

  assert.equal((await api('DELETE', `/api/users/${uid}/`, { token: a.token, org: a.org })).status, 204);
  assert.deepEqual(await statuses('GET', '/api/users/', as), [403]);
});

test('a caller who is no member of an organization becomes one at once', async () => {
  const { a, token, u } = await team();
  const other = await newAdmin();
  const as = { token, org: other.org };
  assert.deepEqual(await statuses('GET', '/api/users/', as), [403]);
  const add = await api('POST', '/api/users/', { token: other.token, org: other.org, body: { email: u.user.email, role: 'USER' } });
  assert.equal(add.status, 201, add.text);
  assert.deepEqual(await statuses('GET', '/api/users/', as), [403]); // invited, not yet a member
  assert.equal((await api('POST', `/api/invitations/${add.json.id}/accept/`, { token })).status, 200);
  assert.deepEqual(await statuses('GET', '/api/users/', as), [200]);
  assert.deepEqual(await statuses('GET', '/api/users/', { token, org: a.org }), [200]);
});

test('the members offered for mentions follow joins, renames and deactivations at once', async () => {
  const { a, uid } = await team();
  // assigned, the USER may open the case, and so is offered; an ADMIN who joins may open every case
  const c = await api('POST', '/api/cases/', { token: a.token, org: a.org, body: { name: 'Cached detail', status: 'New', priority: 'Low', case_type: 'General', assigned_to: [uid] } });
  assert.equal(c.status, 201, c.text);
  const mentions = async () => {
    const rs = await Promise.all(Array.from({ length: SPREAD }, () => api('GET', `/api/cases/${c.json.id}/`, { token: a.token, org: a.org })));
    return [...new Set(rs.map((r) => JSON.stringify(r.json.users_mention.map((m) => `${m.email}:${m.name}`))))];
  };
  const before = await mentions();
  assert.equal(before.length, 1);
  assert.equal(JSON.parse(before[0]).length, 2);

  const email = `j-${uniq()}@casedesk.test`;
  await inviteAndAccept(a, { email, role: 'ADMIN', name: 'Joiner' });
  let now = await mentions();
  assert.equal(now.length, 1);
  assert.ok(JSON.parse(now[0]).includes(`${email}:Joiner`));

  assert.equal((await api('PATCH', `/api/users/${uid}/`, { token: a.token, org: a.org, body: { name: 'Renamed' } })).status, 200);
  now = await mentions();
  assert.equal(now.length, 1);
  assert.ok(JSON.parse(now[0]).some((m) => m.endsWith(':Renamed')));

  assert.equal((await api('PATCH', `/api/users/${uid}/`, { token: a.token, org: a.org, body: { is_active: false } })).status, 200);
  now = await mentions();
  assert.equal(now.length, 1);
  assert.equal(JSON.parse(now[0]).length, 2);
  assert.ok(!JSON.parse(now[0]).some((m) => m.endsWith(':Renamed')));
});

test('a browser session signed out, switched or expired is seen at once by every worker', async () => {
  const { a } = await team();
  const b = new Browser();
  assert.equal((await b.signIn(a.email, a.password)).status, 303);
  const pages = async (p) => [...new Set((await Promise.all(Array.from({ length: SPREAD }, () => b.req('GET', p)))).map((r) => r.status))];
  assert.deepEqual(await pages('/cases'), [200]);

  // Another organization of theirs: after the switch, every worker shows it.
  const other = `Switched ${uniq()}`;
  const made = await api('POST', '/api/org/', { token: a.token, body: { name: other } });
  assert.equal(made.status, 201, made.text);
  const csrf = await b.csrf();
  assert.equal((await b.req('POST', '/org/switch', { form: { csrf_token: csrf, org: made.json.id, next: '/' } })).status, 303);
  const shown = await Promise.all(Array.from({ length: SPREAD }, () => b.req('GET', '/cases')));
  assert.ok(shown.every((r) => r.status === 200 && r.text.includes(other)));

  // Signed out in another tab: every worker sends the browser to the sign-in page.
  const b2 = new Browser();
  b2.cookies = new Map(b.cookies);
  assert.equal((await b2.req('POST', '/logout', { form: { csrf_token: csrf } })).status, 303);
  assert.deepEqual(await pages('/cases'), [303]);

  // Expired in the database.
  const b3 = new Browser();
  assert.equal((await b3.signIn(a.email, a.password)).status, 303);
  const pages3 = async () => [...new Set((await Promise.all(Array.from({ length: SPREAD }, () => b3.req('GET', '/cases')))).map((r) => r.status))];
  assert.deepEqual(await pages3(), [200]);
  psql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = '${a.user.id}'`);
  assert.ok(await soon(async () => (await pages3()).join() === '303'));
});

test('the HTML case list offers a new or renamed account and member at once on every worker', async () => {
  const { a } = await team();
  const b = new Browser();
  assert.equal((await b.signIn(a.email, a.password)).status, 303);
  const lists = async () => Promise.all(Array.from({ length: SPREAD }, () => b.req('GET', '/cases')));
  assert.ok((await lists()).every((r) => r.status === 200));
  const name = `Account ${uniq()}`;
  const acc = await api('POST', '/api/accounts/', { token: a.token, org: a.org, body: { name } });
  assert.equal(acc.status, 201, acc.text);
  assert.ok((await lists()).every((r) => r.text.includes(name)));
  const renamed = `Renamed ${uniq()}`;
  assert.equal((await api('PATCH', `/api/accounts/${acc.json.id}/`, { token: a.token, org: a.org, body: { name: renamed } })).status, 200);
  assert.ok((await lists()).every((r) => r.text.includes(renamed) && !r.text.includes(name)));
  const email = `m-${uniq()}@casedesk.test`;
  await inviteAndAccept(a, { email, role: 'USER' });
  assert.ok((await lists()).every((r) => r.text.includes(email)));
});
