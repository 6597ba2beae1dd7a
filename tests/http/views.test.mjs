// views.test.mjs: saved views of the case list (GET/POST /api/views/, GET/PUT/DELETE /api/views/{id}/, and
// GET /api/cases/?view=) and the built-in views of the /cases sidebar: who reads and writes which view, another
// organization's views, malformed filters refused naming the field, a view's result equal to its explicit
// query, and every sidebar count equal to the list's total for an ADMIN and for a USER.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Browser, inviteAndAccept, newAdmin, psql, uniq } from './lib.mjs';
import { newOrgAdmin, orgClient } from './crm-lib.mjs';

/** A member with role of admin's organization, as an orgClient that keeps its password. */
async function addMember(admin, role) {
  const l = await inviteAndAccept(admin, { role });
  return { ...orgClient({ token: l.access_token, org: admin.org, user: l.user }), password: l.password };
}

/** An organization with a team (the agent in it), cases in a mix of priority, status, assignee, team and age,
 *  one created by the agent; the ADMIN's and the agent's clients, and a second USER. */
async function world() {
  const a = await newAdmin(`Views ${uniq()}`);
  const admin = { ...orgClient(a), password: a.password };
  const agent = await addMember(admin, 'USER');
  const other = await addMember(admin, 'USER');
  const red = (await admin.post('/api/teams/', { name: 'Red', users: [agent.user.id] })).json;
  const priorities = ['Low', 'Normal', 'High', 'Critical'];
  const statuses = ['New', 'In Progress', 'Closed'];
  const ids = [];
  for (let i = 0; i < 12; i++) {
    const r = await admin.post('/api/cases/', { name: `View case ${i}`, status: statuses[i % 3],
      priority: priorities[i % 4], teams: i % 2 ? [red.id] : [],
      assigned_to: [[agent.user.id], [other.user.id], [], []][i % 4] });
    assert.equal(r.status, 201, r.text);
    ids.push(r.json.id);
  }
  const own = await agent.post('/api/cases/', { name: 'Agent own', status: 'New', priority: 'Critical' });
  assert.equal(own.status, 201, own.text);
  ids.push(own.json.id);
  // some cases untouched for days, some closed ones last updated long ago
  psql(`UPDATE cases SET updated_on = now() - interval '5 days' WHERE id IN ('${ids[0]}', '${ids[3]}', '${ids[4]}', '${ids[12]}')`);
  psql(`UPDATE cases SET updated_on = now() - interval '10 days' WHERE id IN ('${ids[2]}', '${ids[8]}')`);
  return { admin, agent, other, red, ids };
}

/** Every id the list with query q returns (pages of 100), and its count. */
async function listed(client, q) {
  const r = await client.get(`/api/cases/?${q}${q ? '&' : ''}limit=100`);
  assert.equal(r.status, 200, `${q}: ${r.text}`);
  return { count: r.json.count, ids: r.json.results.map((c) => c.id) };
}

/** A browser session of client's user (a fresh login) on the /cases pages. */
async function browserOf(client) {
  const b = new Browser();
  const r = await b.signIn(client.user.email, client.password);
  assert.equal(r.status, 303, r.text);
  return b;
}

test('saved views: create, read, list, update, delete; personal for the owner, shared for everyone', async () => {
  const w = await world();
  const mine = await w.agent.post('/api/views/', { name: 'My criticals', query: 'priority=Critical&resolution=open' });
  assert.equal(mine.status, 201, mine.text);
  assert.equal(mine.headers.get('location'), `/api/views/${mine.json.id}/`);
  assert.equal(mine.json.shared, false);
  assert.equal(mine.json.owner, w.agent.user.id);
  assert.equal(mine.json.query, 'priority=Critical&resolution=open');
  const shared = await w.agent.post('/api/views/', { name: 'Team queue', shared: true, query: `resolution=open&team=${w.red.id}` });
  assert.equal(shared.status, 201, shared.text);

  // the owner reads both; another USER only the shared one; the ADMIN too: a personal view of another is 404
  assert.equal((await w.agent.get(`/api/views/${mine.json.id}/`)).status, 200);
  assert.equal((await w.other.get(`/api/views/${mine.json.id}/`)).status, 404);
  assert.equal((await w.admin.get(`/api/views/${mine.json.id}/`)).status, 404);
  assert.equal((await w.other.get(`/api/views/${shared.json.id}/`)).status, 200);
  const list = await w.agent.get('/api/views/');
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.count, 2);
  assert.deepEqual(list.json.results.map((v) => v.name), ['My criticals', 'Team queue']);
  assert.equal(list.json.previous, null);
  const paged = await w.agent.get('/api/views/?limit=1');
  assert.equal(paged.json.results.length, 1);
  assert.ok(paged.json.next, 'a next link for the second page');
  const others = await w.other.get('/api/views/');
  assert.deepEqual(others.json.results.map((v) => v.id), [shared.json.id]);

  // the owner edits; another USER may read the shared one but not change it; an ADMIN may change a shared one
  const renamed = await w.agent.put(`/api/views/${mine.json.id}/`, { name: 'Criticals' });
  assert.equal(renamed.status, 200, renamed.text);
  assert.equal(renamed.json.name, 'Criticals');
  assert.equal(renamed.json.query, 'priority=Critical&resolution=open', 'fields not sent are kept');
  assert.equal((await w.other.put(`/api/views/${shared.json.id}/`, { name: 'Mine now' })).status, 403);
  assert.equal((await w.other.del(`/api/views/${shared.json.id}/`)).status, 403);
  assert.equal((await w.other.put(`/api/views/${mine.json.id}/`, { name: 'x' })).status, 404);
  assert.equal((await w.admin.del(`/api/views/${mine.json.id}/`)).status, 404);
  const byAdmin = await w.admin.put(`/api/views/${shared.json.id}/`, { name: 'Red queue' });
  assert.equal(byAdmin.status, 200, byAdmin.text);
  assert.equal(byAdmin.json.owner, w.agent.user.id, 'the owner stays');

  // names are unique per owner, ignoring case; another user may take the same name
  const dup = await w.agent.post('/api/views/', { name: 'criticals' });
  assert.equal(dup.status, 400, dup.text);
  assert.ok(dup.json.errors.name, dup.text);
  assert.equal((await w.other.post('/api/views/', { name: 'Criticals' })).status, 201);

  // the ADMIN deletes the shared view; the owner deletes their own
  assert.equal((await w.admin.del(`/api/views/${shared.json.id}/`)).status, 204);
  assert.equal((await w.agent.get(`/api/views/${shared.json.id}/`)).status, 404);
  assert.equal((await w.agent.del(`/api/views/${mine.json.id}/`)).status, 204);
  assert.equal((await w.agent.get('/api/views/')).json.count, 0);
});

test('saved views: another organization sees none of them, and cannot apply them', async () => {
  const w = await world();
  const v = await w.admin.post('/api/views/', { name: 'Shared', shared: true, query: 'resolution=open' });
  assert.equal(v.status, 201, v.text);
  const stranger = await newOrgAdmin('Elsewhere');
  for (const [method, body] of [['get'], ['put', { name: 'Taken' }], ['del']])
    assert.equal((await stranger[method](`/api/views/${v.json.id}/`, body)).status, 404, method);
  assert.equal((await stranger.get('/api/views/')).json.count, 0);
  const applied = await stranger.get(`/api/cases/?view=${v.json.id}`);
  assert.equal(applied.status, 400, applied.text);
  assert.ok(applied.json.errors.view, applied.text);
  assert.equal((await w.admin.get(`/api/views/${v.json.id}/`)).json.name, 'Shared', 'unchanged');
});

test('saved views: bad input is a 400 naming the field; filters are stored normalised', async () => {
  const w = await world();
  const bad = [
    [{ name: '' }, 'name'],
    [{ query: 'status=New' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ name: 'Bad', shared: 'sometimes' }, 'shared'],
    [{ name: 'Bad', query: 'resolution=maybe' }, 'query', /resolution/],
    [{ name: 'Bad', query: 'assigned_to=not-a-uuid' }, 'query', /assigned_to/],
    [{ name: 'Bad', query: 'updated_before=3x' }, 'query', /updated_before/],
    [{ name: 'Bad', query: 'mine=1&my_teams=1' }, 'query', /my_teams/],
    [{ name: 'Bad', query: 'ordering=sideways' }, 'query', /ordering/],
    [{ name: 'Bad', query: 'colour=red' }, 'query', /colour/],
  ];
  for (const [body, field, message] of bad) {
    const r = await w.agent.post('/api/views/', body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.ok(r.json.errors[field], `${JSON.stringify(body)} names ${field}: ${r.text}`);
    if (message) assert.match(r.json.errors[field].join(' '), message);
  }
  const upd = await w.agent.post('/api/views/', { name: 'Fine' });
  assert.equal((await w.agent.put(`/api/views/${upd.json.id}/`, { query: 'unassigned=perhaps' })).status, 400);
  assert.equal((await w.agent.get(`/api/views/${upd.json.id}/`)).json.query, '', 'a refused update changes nothing');
  // blanks and paging dropped, the filter table's order, every value of a choice filter
  const n = await w.agent.post('/api/views/', { name: 'Normal',
    query: '?ordering=-updated_on&limit=5&offset=10&name=&resolution=open&priority=High&priority=Critical&resolution=closed' });
  assert.equal(n.status, 201, n.text);
  assert.equal(n.json.query, 'priority=High&priority=Critical&resolution=open&ordering=-updated_on');
  assert.equal((await w.agent.get('/api/cases/?view=nonsense')).status, 400);
});

test('GET /api/cases/?view= gives the same cases as the explicit query; explicit parameters win', async () => {
  const w = await world();
  const queries = [
    'priority=Critical&priority=High&resolution=open',
    `team=${w.red.id}&ordering=-priority,updated_on`,
    'mine=1&resolution=open',
    'my_teams=1',
    'updated_before=3d&resolution=open',
    'updated_after=7d&resolution=closed&ordering=-updated_on',
  ];
  for (const client of [w.admin, w.agent]) {
    for (const q of queries) {
      const v = await client.post('/api/views/', { name: `V ${q}`, query: q });
      assert.equal(v.status, 201, v.text);
      const viaView = await listed(client, `view=${v.json.id}`);
      const explicit = await listed(client, q);
      assert.deepEqual(viaView, explicit, q);
    }
  }
  const v = await w.admin.post('/api/views/', { name: 'Open', query: 'resolution=open&priority=Critical' });
  const overridden = await listed(w.admin, `view=${v.json.id}&resolution=closed`);
  assert.deepEqual(overridden, await listed(w.admin, 'resolution=closed&priority=Critical'));
  const next = (await w.admin.get(`/api/cases/?view=${v.json.id}&limit=1`)).json.next;
  assert.ok(next && next.includes(`view=${v.json.id}`), `next keeps the view: ${next}`);
});

test('built-in views: each selects what it says, and the sidebar counts equal the list totals (ADMIN, USER)', async () => {
  const w = await world();
  const all = [...(await listed(w.admin, '')).ids];
  assert.equal(all.length, 13);
  const cases = (await w.admin.get('/api/cases/?limit=100')).json.results;
  const byId = Object.fromEntries(cases.map((c) => [c.id, c]));
  const day = 24 * 3600 * 1000;
  const open = (c) => c.status !== 'Closed';
  const expect = {
    'My open': (c, u) => open(c) && (c.created_by === u || c.assigned_to.includes(u)),
    Unassigned: (c) => open(c) && c.assigned_to.length === 0,
    'My teams': (c, u) => open(c) && u === w.agent.user.id && c.teams.includes(w.red.id),
    'Critical and High': (c) => open(c) && ['Critical', 'High'].includes(c.priority),
    'Not updated for 3 days': (c) => open(c) && Date.now() - Date.parse(c.updated_on) > 3 * day,
    'Recently closed': (c) => !open(c) && Date.now() - Date.parse(c.updated_on) < 7 * day,
  };
  for (const [client, seen] of [[w.admin, () => true], [w.agent, (c) => c.created_by === w.agent.user.id ||
      c.assigned_to.includes(w.agent.user.id) || c.teams.includes(w.red.id)]]) {
    const b = await browserOf(client);
    const page = await b.req('GET', '/cases');
    assert.equal(page.status, 200);
    const entries = [...page.text.matchAll(/<a class="view" href="([^"]+)"( aria-current="page")?>([^<]+?) <span class="count">(\d+)<\/span>/g)]
      .map((m) => ({ url: m[1].replaceAll('&amp;', '&'), current: !!m[2], label: m[3], count: Number(m[4]) }));
    assert.deepEqual(entries.map((e) => e.label), Object.keys(expect));
    if (client === w.agent) // every view holds some of the agent's cases, so each count is tested
      for (const e of entries) assert.ok(e.count > 0, `${e.label} holds cases`);
    for (const e of entries) {
      const q = e.url.replace(/^\/cases\?/, '');
      const l = await listed(client, q);
      assert.equal(e.count, l.count, `${e.label} for ${client.user.email}: sidebar ${e.count}, list ${l.count}`);
      const want = Object.values(byId).filter((c) => seen(c) && expect[e.label](c, client.user.id)).map((c) => c.id).sort();
      assert.deepEqual([...l.ids].sort(), want, `${e.label} selects what it says`);
      // the view's page marks it current
      const its = await b.req('GET', e.url);
      assert.match(its.text, new RegExp(`aria-current="page">${e.label} <span class="count">`), e.label);
    }
  }
});

test('the /cases page: saving a view without JavaScript, the sidebar lists it, delete asks first', async () => {
  const w = await world();
  const b = await browserOf(w.agent);
  const page = await b.req('GET', '/cases?priority=Critical&resolution=open');
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.text)[1];
  const query = /name="query" value="([^"]*)"/.exec(page.text)[1].replaceAll('&amp;', '&');
  assert.equal(query, 'priority=Critical&resolution=open');
  // refused: the form again with the message and the input kept
  const refused = await b.req('POST', '/views/new', { form: { csrf_token: csrf, name: '', query, shared: 'true' } });
  assert.equal(refused.status, 400);
  assert.match(refused.text, /id="form-alert"/);
  assert.match(refused.text, /name="query" value="priority=Critical&amp;resolution=open"/);
  assert.match(refused.text, /id="view-shared" name="shared" value="true" checked/);
  const saved = await b.req('POST', '/views/new', { form: { csrf_token: csrf, name: 'Hot <ones>', query } });
  assert.equal(saved.status, 303, saved.text);
  const loc = saved.headers.get('location');
  const id = /view=([0-9a-f-]{36})/.exec(loc)[1];
  const after = await b.req('GET', loc);
  assert.match(after.text, /Saved the view “Hot &lt;ones&gt;”/);
  assert.match(after.text, /aria-current="page">Hot &lt;ones&gt; <span class="count">\d+<\/span>/);
  assert.equal((await w.agent.get(`/api/views/${id}/`)).json.query, query);
  // the view's page has its filters in the form
  assert.match(after.text, /<option value="Critical" selected>/);
  // another USER does not see the personal view in their sidebar
  // delete: confirm first (GET), then POST
  const confirm = await b.req('GET', `/views/${id}/delete`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.text, /Delete the view “Hot &lt;ones&gt;”\?/);
  const del = await b.req('POST', `/views/${id}/delete`, { form: { csrf_token: csrf } });
  assert.equal(del.status, 303);
  assert.equal((await w.agent.get(`/api/views/${id}/`)).status, 404);
  // another user's personal view: 404 on its delete page; a shared one of another: 403 for a USER
  const theirs = await w.other.post('/api/views/', { name: 'Theirs' });
  assert.equal((await b.req('GET', `/views/${theirs.json.id}/delete`)).status, 404);
  const sharedTheirs = await w.other.post('/api/views/', { name: 'Shared theirs', shared: true });
  assert.equal((await b.req('GET', `/views/${sharedTheirs.json.id}/delete`)).status, 403);
  const home = await b.req('GET', '/');
  assert.match(home.text, /href="\/cases\?resolution=open&amp;mine=1&amp;ordering=-priority%2Cupdated_on">My cases/);
});
