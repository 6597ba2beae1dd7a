// invitations.test.mjs: membership by consent. POST /api/users/ (and the members page) only invites; the invitee
// accepts or declines, an ADMIN revokes; nothing of the organization is reachable before accepting, on any route of
// the route table. The answer to an invitation is the same whether or not the email has an account. A browser
// sign-in opens the organization the user last worked in, never the first by name; `create-user --org` always
// makes a new organization, `--org-id` joins one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, Browser, api, cli, createUser, login, newAdmin, psql, uniq } from './lib.mjs';

const ROUTES = JSON.parse(execFileSync(path.join(ROOT, 'casedesk'), ['routes'], { encoding: 'utf8' }));
const ORG_GATES = new Set(['GATE_ORG', 'GATE_ADMIN', 'GATE_ORG_OF_COMMENT', 'GATE_ORG_OF_ATTACHMENT']);
const NIL = '00000000-0000-4000-8000-000000000000';

const invite = (admin, body) => api('POST', '/api/users/', { token: admin.token, org: admin.org, body });
const as = (who, method, pathname, body) => api(method, pathname, { token: who.access_token ?? who.token, org: who.org, body });

/** The CSRF token the page shows in the form posting to action. */
function formToken(html, action) {
  const at = html.indexOf(`action="${action}"`);
  assert.ok(at >= 0, `a form posting to ${action}`);
  return /name="csrf_token" value="([^"]+)"/.exec(html.slice(at))[1];
}

/** The organization a fresh browser sign-in of u opens, by name, from its start page. */
async function signInOpens(u) {
  const b = new Browser();
  assert.equal((await b.signIn(u.email, u.password)).status, 303);
  const home = await b.req('GET', '/');
  return { b, name: /Signed in as [^<]* in <strong>([^<]*)<\/strong>/.exec(home.text)?.[1] ?? null, home };
}

test('an invited user is no member until accepting: no route of the organization answers them, they are not assignable', async () => {
  const a = await newAdmin();
  const u = createUser();
  const inv = await invite(a, { email: u.email, role: 'ADMIN' });
  assert.equal(inv.status, 201, inv.text);
  assert.deepEqual(Object.keys(inv.json).sort(), ['email', 'id', 'invited_by', 'invited_on', 'organization', 'role', 'status']);
  assert.equal(inv.json.status, 'pending');
  assert.equal(inv.json.organization.id, a.org);
  assert.equal(inv.json.invited_by.id, a.user.id);
  const l = await login(u.email, u.password);
  assert.deepEqual(l.organizations, []);
  const who = { token: l.access_token, org: a.org };

  // Every organization-scoped API route of the table refuses them (ids: a real case, member and the invitation).
  const c = await as(a, 'POST', '/api/cases/', { name: 'Before accepting', status: 'New', priority: 'Low' });
  const wrong = [];
  let n = 0;
  for (const rt of ROUTES.filter((r) => ORG_GATES.has(r.gate) && r.repr === 'json')) {
    const url = rt.pattern.replaceAll('{uuid}', rt.pattern.includes('invitations') ? inv.json.id
      : rt.pattern.startsWith('/api/users/') ? a.user.id : c.json.id);
    for (const m of rt.methods) {
      const r = await as(who, m, url, m === 'GET' || m === 'DELETE' ? undefined : { name: 'x' });
      n++;
      if (r.status !== 403 && r.status !== 404) wrong.push(`${m} ${rt.pattern} -> ${r.status}`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(n > 20, `${n} requests`);
  const members = await as(a, 'GET', '/api/users/?limit=100');
  assert.ok(!members.json.results.some((m) => m.email === u.email), 'not listed as a member');
  const assign = await as(a, 'POST', '/api/cases/', { name: 'Assigned', status: 'New', priority: 'Low', assigned_to: [l.user.id] });
  assert.equal(assign.status, 400, assign.text);
  assert.ok(assign.json.errors.assigned_to);

  // Both sides list the pending invitation; accepting makes them a member with its role, once.
  const mine = await as(who, 'GET', '/api/invitations/');
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.json.results.map((i) => i.id), [inv.json.id]);
  assert.equal(mine.json.count, 1);
  assert.deepEqual((await as(a, 'GET', '/api/org/invitations/')).json.results.map((i) => i.email), [u.email]);
  const ok = await as(who, 'POST', `/api/invitations/${inv.json.id}/accept/`);
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual([ok.json.id, ok.json.role], [a.org, 'ADMIN']);
  assert.equal((await as(who, 'GET', '/api/users/')).status, 200);
  assert.equal((await as(who, 'GET', '/api/org/invitations/')).status, 200, 'an ADMIN now, as invited');
  assert.equal((await as(who, 'POST', `/api/invitations/${inv.json.id}/accept/`)).status, 404);
  assert.equal((await as(who, 'GET', '/api/invitations/')).json.count, 0);
  assert.equal((await as(a, 'GET', '/api/org/invitations/')).json.count, 0);
  const again = await invite(a, { email: u.email });
  assert.equal(again.status, 400);
  assert.match(again.json.errors.email[0], /already a member/);
});

test('only the invitee decides; declined and revoked invitations can be sent again; ADMINs alone list and revoke', async () => {
  const a = await newAdmin();
  const other = await newAdmin();
  const u = createUser();
  const l = await login(u.email, u.password);
  const inv = (await invite(a, { email: u.email.toUpperCase(), role: 'USER' })).json;
  assert.equal(inv.email, u.email, 'addressed to the email, whatever its case');
  // Someone else, even an ADMIN of the organization, cannot accept or decline it; another organization cannot revoke it.
  for (const who of [a, other]) {
    assert.equal((await as(who, 'POST', `/api/invitations/${inv.id}/accept/`)).status, 404);
    assert.equal((await as(who, 'POST', `/api/invitations/${inv.id}/decline/`)).status, 404);
  }
  assert.equal((await as(other, 'DELETE', `/api/org/invitations/${inv.id}/`)).status, 404);
  assert.equal((await as({ token: l.access_token, org: a.org }, 'GET', '/api/org/invitations/')).status, 403);
  assert.equal((await as({ token: l.access_token }, 'POST', `/api/invitations/${NIL}/accept/`)).status, 404);
  assert.equal((await invite(a, { email: u.email })).status, 400, 'one pending invitation per email');

  assert.equal((await as(l, 'POST', `/api/invitations/${inv.id}/decline/`)).status, 204);
  assert.equal((await as(l, 'POST', `/api/invitations/${inv.id}/accept/`)).status, 404, 'declined for good');
  assert.equal((await as({ token: l.access_token, org: a.org }, 'GET', '/api/users/')).status, 403);

  const second = (await invite(a, { email: u.email })).json;
  assert.notEqual(second.id, inv.id);
  assert.equal((await as(a, 'DELETE', `/api/org/invitations/${second.id}/`)).status, 204);
  assert.equal((await as(a, 'DELETE', `/api/org/invitations/${second.id}/`)).status, 404);
  assert.equal((await as(l, 'POST', `/api/invitations/${second.id}/accept/`)).status, 404, 'revoked');
  assert.equal((await as(l, 'GET', '/api/invitations/')).json.count, 0);

  const third = (await invite(a, { email: u.email })).json;
  assert.equal((await as(l, 'POST', `/api/invitations/${third.id}/accept/`)).status, 200);
  assert.equal((await as({ token: l.access_token, org: a.org }, 'GET', '/api/users/')).status, 200);
  assert.equal(psql(`SELECT string_agg(status, ',' ORDER BY created_on) FROM invitations WHERE email = '${u.email}'`),
    'declined,revoked,accepted');
});

test('the answer to an invitation does not tell whether the email has an account', async () => {
  const a = await newAdmin();
  const registered = createUser();
  const fresh = () => `new-${uniq()}@casedesk.test`;
  /** Invites email with body; a pending invitation is revoked again at once, so that the email can be sent another. */
  const send = async (email, body) => {
    const t0 = process.hrtime.bigint();
    const r = await invite(a, { email, ...body });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status === 201) assert.equal((await as(a, 'DELETE', `/api/org/invitations/${r.json.id}/`)).status, 204);
    return { r, ms };
  };
  const shape = (r) => JSON.stringify({ status: r.status, keys: Object.keys(r.json).sort(), errors: r.json.errors ?? null,
    role: r.json.role, state: r.json.status, by: r.json.invited_by?.id });
  for (const body of [{ role: 'USER' }, { role: 'ADMIN', password: 'chosen-by-admin-1', name: 'N' }, { password: 'short' },
    { password: '' }]) {
    const [x, y] = [await send(registered.email, body), await send(fresh(), body)];
    assert.equal(shape(x.r), shape(y.r), JSON.stringify(body));
  }
  // With a password, both hash it: the same order of time.
  const times = { registered: [], unregistered: [] };
  for (let i = 0; i < 3; i++) {
    times.registered.push((await send(registered.email, { password: 'chosen-by-admin-1' })).ms);
    times.unregistered.push((await send(fresh(), { password: 'chosen-by-admin-1' })).ms);
  }
  const median = (xs) => [...xs].sort((p, q) => p - q)[1];
  const [r, n] = [median(times.registered), median(times.unregistered)];
  assert.ok(Math.max(r, n) / Math.min(r, n) < 5, `registered ${r.toFixed(1)} ms, unregistered ${n.toFixed(1)} ms`);
  // The registered user's password stays theirs; a new email's account has the one the ADMIN gave.
  await login(registered.email, registered.password);
  assert.equal((await api('POST', '/api/auth/login/', { body: { email: registered.email, password: 'chosen-by-admin-1' } })).status, 401);
  const made = fresh();
  await send(made, { password: 'chosen-by-admin-1' });
  await login(made, 'chosen-by-admin-1');
});

test('pages: the invitee sees their invitations after signing in and answers with CSRF-protected forms; the ADMIN revokes', async () => {
  const orgName = `Inviting ${uniq()}`;
  const a = await newAdmin(orgName);
  const u = createUser();
  const inv = (await invite(a, { email: u.email, role: 'USER' })).json;
  const { b, name, home } = await signInOpens(u);
  assert.equal(name, null);
  assert.match(home.text, /You are not working in any organization/);
  assert.ok(home.text.includes(`Join <strong>${orgName}</strong> as USER`), 'the invitation names the organization and role');
  assert.match(home.text, new RegExp(`action="/invitations/${inv.id}/accept"`));
  assert.match(home.text, new RegExp(`action="/invitations/${inv.id}/decline"`));
  // An organization page sends them to that start page.
  const cases = await b.req('GET', '/cases');
  assert.equal(cases.status, 303);
  assert.equal(cases.headers.get('location'), '/');
  // Without the token, refused; with it, a member in that organization at once.
  assert.equal((await b.req('POST', `/invitations/${inv.id}/accept`, { form: {} })).status, 403);
  const csrf = formToken(home.text, `/invitations/${inv.id}/accept`);
  const ok = await b.req('POST', `/invitations/${inv.id}/accept`, { form: { csrf_token: csrf } });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/');
  assert.match((await b.req('GET', '/')).text, /Open the case queue/);
  assert.equal((await b.req('GET', '/cases')).status, 200);

  // Decline on the page, and the ADMIN's pending list with Revoke.
  const second = createUser();
  const d = (await invite(a, { email: second.email })).json;
  const r = (await invite(a, { email: `nobody-${uniq()}@casedesk.test` })).json;
  const sb = (await signInOpens(second)).b;
  const sHome = await sb.req('GET', '/');
  const declined = await sb.req('POST', `/invitations/${d.id}/decline`, { form: { csrf_token: formToken(sHome.text, `/invitations/${d.id}/decline`) } });
  assert.equal(declined.status, 303);
  assert.doesNotMatch((await sb.req('GET', '/')).text, /Invitations/);
  const ab = new Browser();
  await ab.signIn(a.email, a.password);
  const members = await ab.req('GET', '/admin/members');
  assert.match(members.text, /Pending invitations/);
  assert.ok(members.text.includes(r.email) && !members.text.includes(second.email));
  const revoke = await ab.req('POST', `/admin/invitations/${r.id}/revoke`, { form: { csrf_token: formToken(members.text, `/admin/invitations/${r.id}/revoke`) } });
  assert.equal(revoke.status, 303);
  assert.equal(revoke.headers.get('location'), '/admin/members');
  const after = await ab.req('GET', '/admin/members');
  assert.match(after.text, /Revoked the invitation/);
  assert.ok(!after.text.includes(r.email));
  // The members form invites: the same answer for an email with or without an account.
  const mcsrf = formToken(after.text, '/admin/members');
  for (const email of [createUser().email, `fresh-${uniq()}@casedesk.test`]) {
    const sent = await ab.req('POST', '/admin/members', { form: { csrf_token: mcsrf, email, role: 'USER' } });
    assert.equal(sent.status, 303, email);
    assert.equal(sent.headers.get('location'), '/admin/members');
  }
});

test('a browser sign-in opens the organization last worked in, not the first by name (a look-alike made later)', async () => {
  const home = await newAdmin(`Zeta Support ${uniq()}`);
  const u = { email: home.email, password: home.password };
  // A second organization whose name sorts first and looks like another's, created later; the user joins it.
  const lookalike = await newAdmin(`Acme  Support ${uniq()}`);
  const inv = (await invite(lookalike, { email: u.email })).json;
  assert.match((await signInOpens(u)).name, /^Zeta Support/);
  const l = await login(u.email, u.password);
  // Joining is a choice: the accepted organization is where the next sign-in opens.
  assert.equal((await as(l, 'POST', `/api/invitations/${inv.id}/accept/`)).status, 200);
  assert.match((await signInOpens(u)).name, /^Acme {2}Support/);
  // Switching back in the browser is remembered.
  const { b, home: page } = await signInOpens(u);
  const sw = await b.req('POST', '/org/switch', { form: { csrf_token: formToken(page.text, '/org/switch'), org: home.org, next: '/' } });
  assert.equal(sw.status, 303);
  assert.match((await signInOpens(u)).name, /^Zeta Support/);
  // Working in the other one (a write through the API) is remembered too.
  const c = await as({ token: l.access_token, org: lookalike.org }, 'POST', '/api/cases/', { name: 'Here', status: 'New', priority: 'Low' });
  assert.equal(c.status, 201, c.text);
  assert.match((await signInOpens(u)).name, /^Acme {2}Support/);
  // A read does not move it; a membership gone falls back to one still held.
  assert.equal((await as({ token: l.access_token, org: home.org }, 'GET', '/api/cases/')).status, 200);
  assert.match((await signInOpens(u)).name, /^Acme {2}Support/);
  assert.equal((await as(lookalike, 'DELETE', `/api/users/${l.user.id}/`)).status, 204);
  assert.match((await signInOpens(u)).name, /^Zeta Support/);
});

test('create-user --org always makes a new organization; --org-id joins an existing one by id', async () => {
  const taken = await newAdmin(`Taken ${uniq()}`);
  const name = (await login(taken.email, taken.password)).organizations[0].name;
  const u = createUser({ org: name, admin: true });
  const l = await login(u.email, u.password);
  assert.equal(l.organizations.length, 1);
  assert.equal(l.organizations[0].name, name);
  assert.notEqual(l.organizations[0].id, taken.org, 'a new organization of the same name, never the existing one');
  assert.ok(!(await as(taken, 'GET', '/api/users/?limit=100')).json.results.some((m) => m.email === u.email));

  const joined = createUser({ orgId: taken.org });
  const j = await login(joined.email, joined.password);
  assert.deepEqual(j.organizations.map((o) => [o.id, o.role]), [[taken.org, 'USER']]);

  const stranger = `s-${uniq()}@casedesk.test`;
  assert.throws(() => cli(['create-user', stranger, '--org-id', NIL], 'password-123\n'), /no organization with id/);
  assert.throws(() => cli(['create-user', stranger, '--org-id', 'Taken'], 'password-123\n'), /usage/);
  assert.throws(() => cli(['create-user', stranger, '--org', 'X', '--org-id', taken.org], 'password-123\n'), /usage/);
  assert.equal(psql(`SELECT count(*) FROM users WHERE email = '${stranger}'`), '0', 'nothing made by a refused command');
});
