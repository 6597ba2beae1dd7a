// filters.test.mjs: the case list's team and unassigned filters, through GET /api/cases/ and the /cases page:
// exact counts for an ADMIN and for a USER (who counts only the cases they may see), with status and paging,
// next links that keep them, other organizations' teams, malformed values refused.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Browser, inviteAndAccept } from './lib.mjs';
import { addMember, newOrgAdmin } from './crm-lib.mjs';

/** Every case of the list with query q, following the next links from pages of 2: { count, ids in order }.
 *  Asserts that each page reports the same count and that each next link keeps q. */
async function walk(client, q) {
  let url = `/api/cases/?${q}&limit=2`, count = null;
  const ids = [];
  while (url) {
    const r = await client.get(url);
    assert.equal(r.status, 200, `${url}: ${r.text}`);
    if (count === null) count = r.json.count;
    assert.equal(r.json.count, count, `count changed between pages of ${q}`);
    ids.push(...r.json.results.map((c) => c.id));
    url = r.json.next;
    for (const part of q.split('&'))
      if (url) assert.ok(url.includes(part), `next link ${url} keeps ${part}`);
  }
  return { count, ids };
}

/** An organization with two teams (the agent in the first), its cases in every mix of team, assignee and
 *  status, the agent's own case, and what each user may see. */
async function world() {
  const admin = await newOrgAdmin('Filters');
  const agent = await addMember(admin, 'USER');
  const other = await addMember(admin, 'USER');
  const red = (await admin.post('/api/teams/', { name: 'Red', users: [agent.user.id] })).json;
  const blue = (await admin.post('/api/teams/', { name: 'Blue', users: [] })).json;
  const statuses = ['New', 'In Progress', 'On Hold', 'Closed'];
  const cases = [];
  for (let i = 0; i < 12; i++) {
    const body = { name: `Filtered ${i}`, status: statuses[i % 4], priority: 'Normal',
      teams: [[red.id], [blue.id], []][i % 3], assigned_to: [[agent.user.id], [other.user.id], [], []][i % 4] };
    const r = await admin.post('/api/cases/', body);
    assert.equal(r.status, 201, r.text);
    cases.push({ ...r.json, by: admin.user.id });
  }
  const own = await agent.post('/api/cases/', { name: 'Agent own', status: 'New', priority: 'Low', teams: [blue.id] });
  assert.equal(own.status, 201, own.text);
  cases.push({ ...own.json, by: agent.user.id });
  const sees = (u) => (c) => c.by === u.user.id || c.assigned_to.includes(u.user.id) ||
    (u === agent && c.teams.includes(red.id));
  return { admin, agent, other, red, blue, cases, sees };
}

/** The ids of cases matching keep, newest first (the list's default order). */
const newest = (cases, keep) => cases.filter(keep).map((c) => c.id).reverse();

test('team and unassigned: exact counts and pages for an ADMIN and a USER, with status, next links kept', async () => {
  const w = await world();
  const inTeam = (t) => (c) => c.teams.includes(t.id);
  const unassigned = (c) => c.assigned_to.length === 0;
  const queries = [
    [`team=${w.red.id}`, inTeam(w.red)],
    [`team=${w.blue.id}`, inTeam(w.blue)],
    [`team=${w.red.id}&status=New`, (c) => inTeam(w.red)(c) && c.status === 'New'],
    ['unassigned=true', unassigned],
    ['unassigned=1', unassigned],
    ['unassigned=true&status=Closed', (c) => unassigned(c) && c.status === 'Closed'],
    [`unassigned=true&team=${w.blue.id}`, (c) => unassigned(c) && inTeam(w.blue)(c)],
    [`unassigned=true&assigned_to=${w.agent.user.id}`, () => false],
    ['unassigned=false', () => true],
    ['unassigned=off&status=On%20Hold', (c) => c.status === 'On Hold'],
  ];
  for (const [who, client, visible] of [['ADMIN', w.admin, () => true], ['agent', w.agent, w.sees(w.agent)],
    ['other', w.other, w.sees(w.other)]]) {
    for (const [q, keep] of queries) {
      const want = newest(w.cases, (c) => visible(c) && keep(c));
      const got = await walk(client, q);
      assert.equal(got.count, want.length, `${who} ${q}: count`);
      assert.deepEqual(got.ids, want, `${who} ${q}: the cases, newest first`);
    }
  }
  // Another ordering and a second page keep the filters too.
  const byName = await w.admin.get(`/api/cases/?team=${w.red.id}&unassigned=true&ordering=name&limit=1&offset=1`);
  assert.equal(byName.status, 200, byName.text);
  const want = w.cases.filter((c) => inTeam(w.red)(c) && unassigned(c)).map((c) => c.name).sort();
  assert.equal(byName.json.count, want.length);
  assert.deepEqual(byName.json.results.map((c) => c.name), want.slice(1, 2));
  assert.match(byName.json.previous, new RegExp(`team=${w.red.id}.*unassigned=true`));
});

test('a USER reaches no hidden case through team=, another organization\'s team selects nothing', async () => {
  const w = await world();
  // The other USER is in no team: a team's filter shows them only the cases they may see anyway.
  const blueForOther = await walk(w.other, `team=${w.blue.id}`);
  assert.deepEqual(blueForOther.ids, newest(w.cases, (c) => w.sees(w.other)(c) && c.teams.includes(w.blue.id)));
  assert.ok(blueForOther.count < w.cases.filter((c) => c.teams.includes(w.blue.id)).length);
  const stranger = await newOrgAdmin('Stranger');
  const theirs = (await stranger.post('/api/teams/', { name: 'Theirs', users: [] })).json;
  assert.equal((await stranger.post('/api/cases/', { name: 'Not yours', status: 'New', priority: 'Low',
    teams: [theirs.id] })).status, 201);
  for (const client of [w.admin, w.agent]) {
    const r = await client.get(`/api/cases/?team=${theirs.id}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.count, 0);
    assert.deepEqual(r.json.results, []);
  }
  // The same as an unknown assignee or account: nothing, not an error.
  assert.equal((await w.admin.get(`/api/cases/?account=${theirs.id}`)).json.count, 0);
});

test('a malformed team or unassigned value is refused with 400 naming it', async () => {
  const w = await world();
  for (const [q, field] of [['team=nope', 'team'], [`team=${w.red.id}x`, 'team'], ['unassigned=yes', 'unassigned'],
    ['unassigned=2', 'unassigned'], ['assigned_to=nope', 'assigned_to']]) {
    const r = await w.admin.get(`/api/cases/?${q}`);
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.ok(JSON.stringify(r.json).includes(`"${field}"`), `${q}: ${r.text}`);
  }
});

test('/cases page: team select and unassigned checkbox keep their values and list the right rows', async () => {
  const w = await world();
  const b = new Browser();
  const email = `filters-${w.admin.user.id.slice(0, 8)}@casedesk.test`, password = 'password-filters';
  await inviteAndAccept(w.admin, { email, password, role: 'ADMIN' });
  await b.signIn(email, password);
  const before = await b.req('GET', '/cases');
  assert.equal(before.status, 200);
  assert.match(before.text, new RegExp(`<option value="${w.red.id}">Red</option>`));
  assert.match(before.text, /name="unassigned" value="true">/);
  // A team made after the page cached the organization's lookups is offered at once.
  const green = (await w.admin.post('/api/teams/', { name: 'Green', users: [] })).json;
  assert.match((await b.req('GET', '/cases')).text, new RegExp(`<option value="${green.id}">Green</option>`));

  const page = await b.req('GET', `/cases?team=${w.red.id}&unassigned=true&limit=100`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`<option value="${w.red.id}" selected>Red</option>`));
  assert.match(page.text, new RegExp(`<option value="${w.blue.id}">Blue</option>`));
  assert.match(page.text, /name="unassigned" value="true" checked>/);
  const want = w.cases.filter((c) => c.teams.includes(w.red.id) && c.assigned_to.length === 0);
  assert.ok(want.length > 0);
  for (const c of w.cases) {
    const shown = page.text.includes(`/cases/${c.id}?org=${w.admin.org}"`);
    assert.equal(shown, want.includes(c), `${c.name} shown: ${shown}`);
  }
  assert.match(page.text, new RegExp(`${want.length} cases?<`));
  for (const q of ['team=nope', 'unassigned=maybe']) {
    const bad = await b.req('GET', `/cases?${q}`);
    assert.equal(bad.status, 400, q);
    assert.match(bad.text, /role="alert"/, q);
  }
});
