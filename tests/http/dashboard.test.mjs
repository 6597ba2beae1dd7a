// dashboard.test.mjs: the start page's numbers (my open cases, unassigned, the open backlog by status and
// priority, the cases created and closed per day) equal the totals of the case list views they link to, for an
// ADMIN and for a USER (who counts only the cases they may see), and land on the right UTC days.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Browser, inviteAndAccept, newAdmin, psql, uniq } from './lib.mjs';
import { orgClient } from './crm-lib.mjs';

/** Signs a member in through the form: a Browser. */
async function browserFor(email, password) {
  const b = new Browser();
  const r = await b.signIn(email, password);
  assert.equal(r.status, 303);
  return b;
}

async function newCase(client, body = {}) {
  const r = await client.post('/api/cases/', { name: `Case ${uniq()}`, status: 'New', priority: 'Normal', ...body });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&#39;/g, "'");

/** The dashboard's numbers with their links: { mine, unassigned, status: {New: ...}, priority: {...}, days: [...] },
 *  each tile and backlog row as { n, url }, each day as { day, created, closed } (the table of the chart). */
function dashboard(html) {
  const tile = (id) => {
    const m = new RegExp(`<a href="([^"]+)" id="tile-${id}"><span class="tile-count">(\\d+)</span>`).exec(html);
    assert.ok(m, `tile ${id}`);
    return { url: unescape(m[1]), n: Number(m[2]) };
  };
  const rows = (id) => {
    const section = new RegExp(`id="by-${id}">([\\s\\S]*?)</section>`).exec(html)[1];
    const out = {};
    for (const m of section.matchAll(/<li><a href="([^"]+)"><span class="backlog-label"><span[^>]*><\/span>([^<]+)<\/span> <span class="backlog-count">(\d+)<\/span>/g))
      out[unescape(m[2])] = { url: unescape(m[1]), n: Number(m[3]) };
    return out;
  };
  const table = /id="per-day-table">([\s\S]*?)<\/table>/.exec(html)[1];
  const days = [...table.matchAll(/<tr><th scope="row">(\d{4}-\d\d-\d\d)<\/th><td>(\d+)<\/td><td>(\d+)<\/td><\/tr>/g)]
    .map((m) => ({ day: m[1], created: Number(m[2]), closed: Number(m[3]) }));
  return { mine: tile('mine'), unassigned: tile('unassigned'), status: rows('status'), priority: rows('priority'), days };
}

/** The total the list page at url shows ("12 cases"). */
async function listTotal(b, url) {
  const r = await b.req('GET', url);
  assert.equal(r.status, 200, url);
  const m = /id="result-count" role="status">(?:(1) case|(\d+) cases)<\/p>/.exec(r.text);
  assert.ok(m, `a result count on ${url}`);
  return Number(m[1] ?? m[2]);
}

/** The API's count of the list the page URL shows, with the same query. */
async function apiTotal(client, url) {
  const q = new URL(url, 'http://x').searchParams;
  q.delete('org');
  const r = await client.get(`/api/cases/?${q}`);
  assert.equal(r.status, 200, r.text);
  return r.json.count;
}

/** Every number of the dashboard d equals the total of the list it links to, on the page and in the API. */
async function numbersMatchLists(b, client, d) {
  const all = [d.mine, d.unassigned, ...Object.values(d.status), ...Object.values(d.priority)];
  assert.equal(all.length, 2 + 3 + 4);
  for (const x of all) {
    assert.equal(await listTotal(b, x.url), x.n, x.url);
    assert.equal(await apiTotal(client, x.url), x.n, x.url);
  }
}

/** A few cases of every kind in a's organization: USER member u is assigned some, creates some, and has a team. */
async function seed(admin, user) {
  const team = (await admin.post('/api/teams/', { name: `Team ${uniq()}`, users: [user.user.id] })).json;
  await newCase(admin, { status: 'New', priority: 'High' }); // invisible to the USER
  await newCase(admin, { status: 'In Progress', priority: 'Critical', assigned_to: [admin.user.id] });
  await newCase(admin, { status: 'On Hold', priority: 'Low' });
  await newCase(admin, { status: 'Closed', priority: 'High', assigned_to: [user.user.id] });
  await newCase(admin, { status: 'New', priority: 'Normal', assigned_to: [user.user.id] });
  await newCase(admin, { status: 'In Progress', priority: 'High', teams: [team.id] }); // seen by the team
  await newCase(user, { status: 'New', priority: 'Critical' });
  await newCase(user, { status: 'On Hold', priority: 'Normal', assigned_to: [admin.user.id] });
}

test('the ADMIN\'s and the USER\'s numbers are the totals of the lists they link to; a USER counts only what they see', async () => {
  const a = await newAdmin(`Dash ${uniq()}`);
  const admin = orgClient(a);
  const email = `user-${uniq()}@casedesk.test`, password = `password-${uniq()}`;
  const l = await inviteAndAccept(a, { email, password, role: 'USER' });
  const user = orgClient({ token: l.access_token, org: a.org, user: l.user });
  await seed(admin, user);

  const ab = await browserFor(a.email, a.password);
  const ad = dashboard((await ab.req('GET', '/')).text);
  // Every open case of the organization, counted by the ADMIN.
  assert.equal(ad.mine.n, 6); // the five open cases they created and the USER's one assigned to them
  assert.deepEqual(Object.fromEntries(Object.entries(ad.status).map(([k, v]) => [k, v.n])), { New: 3, 'In Progress': 2, 'On Hold': 2 });
  assert.deepEqual(Object.fromEntries(Object.entries(ad.priority).map(([k, v]) => [k, v.n])), { Critical: 2, High: 2, Normal: 2, Low: 1 });
  assert.equal(ad.unassigned.n, 4);
  await numbersMatchLists(ab, admin, ad);

  const ub = await browserFor(email, password);
  const ud = dashboard((await ub.req('GET', '/')).text);
  // The USER sees the two cases they created, the two open and one closed assigned to them, and their team's.
  assert.equal(ud.mine.n, 3);
  assert.deepEqual(Object.fromEntries(Object.entries(ud.status).map(([k, v]) => [k, v.n])), { New: 2, 'In Progress': 1, 'On Hold': 1 });
  assert.deepEqual(Object.fromEntries(Object.entries(ud.priority).map(([k, v]) => [k, v.n])), { Critical: 1, High: 1, Normal: 2, Low: 0 });
  assert.equal(ud.unassigned.n, 2); // their own unassigned case and the team's; not the ADMIN's two they cannot see
  await numbersMatchLists(ub, user, ud);
  assert.ok(ud.status.New.n < ad.status.New.n);
});

test('a case assigned to the ADMIN and created by them counts once in My open', async () => {
  const a = await newAdmin(`Dash ${uniq()}`);
  const admin = orgClient(a);
  await newCase(admin, { assigned_to: [a.user.id] });
  await newCase(admin, { status: 'Closed', assigned_to: [a.user.id] });
  const b = await browserFor(a.email, a.password);
  const d = dashboard((await b.req('GET', '/')).text);
  assert.equal(d.mine.n, 1);
  assert.match(d.mine.url, /mine=1/);
  assert.match(d.mine.url, /resolution=open/);
  assert.equal(await listTotal(b, d.mine.url), 1);
});

/** The UTC date n days before today, "YYYY-MM-DD". */
const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

/** Moves case id's creation (and last update) to at, in the case and the rows that copy its creation time. */
function createdAt(id, at) {
  psql(`UPDATE cases SET created_on = '${at}', updated_on = '${at}' WHERE id = '${id}';`
    + ` UPDATE case_visibility SET created_on = '${at}' WHERE case_id = '${id}';`
    + ` UPDATE case_assignees SET created_on = '${at}' WHERE case_id = '${id}'`);
}

test('cases created and closed per day, on the UTC days they happened, over the last 30 days', async () => {
  const a = await newAdmin(`Dash ${uniq()}`);
  const admin = orgClient(a);
  const email = `user-${uniq()}@casedesk.test`, password = `password-${uniq()}`;
  const l = await inviteAndAccept(a, { email, password, role: 'USER' });
  const user = orgClient({ token: l.access_token, org: a.org, user: l.user });
  const d3 = daysAgo(3), d10 = daysAgo(10), d29 = daysAgo(29), d30 = daysAgo(30);
  const made = [];
  for (let i = 0; i < 6; i++) made.push(await newCase(i < 3 ? user : admin));
  createdAt(made[0].id, `${d3}T00:00:00Z`); // the first instant of the day
  createdAt(made[1].id, `${d3}T23:59:59Z`); // its last second
  createdAt(made[2].id, `${d10}T12:00:00Z`);
  createdAt(made[3].id, `${d29}T06:00:00Z`); // the oldest day shown
  createdAt(made[4].id, `${d30}T23:59:59Z`); // a day too old
  // Closed: made[2] on d3, made[3] on d10 (by the ADMIN: the USER cannot see it), made[5] today.
  for (const c of [made[2], made[3], made[5]]) assert.equal((await admin.patch(`/api/cases/${c.id}/`, { status: 'Closed' })).status, 200);
  psql(`UPDATE cases SET closed_on = '${d3}T08:00:00Z', updated_on = '${d3}T08:00:00Z' WHERE id = '${made[2].id}';`
    + ` UPDATE cases SET closed_on = '${d10}T20:00:00Z' WHERE id = '${made[3].id}'`);

  const ab = await browserFor(a.email, a.password);
  const ad = dashboard((await ab.req('GET', '/')).text);
  assert.equal(ad.days.length, 30);
  assert.equal(ad.days[0].day, d29);
  assert.equal(ad.days[29].day, daysAgo(0));
  const on = (d, day) => d.days.find((x) => x.day === day);
  assert.deepEqual(on(ad, d3), { day: d3, created: 2, closed: 1 });
  assert.deepEqual(on(ad, d10), { day: d10, created: 1, closed: 1 });
  assert.deepEqual(on(ad, d29), { day: d29, created: 1, closed: 0 });
  assert.equal(on(ad, d30), undefined);
  assert.deepEqual(on(ad, daysAgo(0)), { day: daysAgo(0), created: 1, closed: 1 }); // made[5]
  assert.equal(ad.days.reduce((n, x) => n + x.created, 0), 5);
  assert.equal(ad.days.reduce((n, x) => n + x.closed, 0), 3);

  const ub = await browserFor(email, password);
  const ud = dashboard((await ub.req('GET', '/')).text);
  assert.deepEqual(on(ud, d3), { day: d3, created: 2, closed: 1 });
  assert.deepEqual(on(ud, d10), { day: d10, created: 1, closed: 0 });
  assert.deepEqual(on(ud, d29), { day: d29, created: 0, closed: 0 });
  assert.equal(ud.days.reduce((n, x) => n + x.created, 0), 3);
  assert.equal(ud.days.reduce((n, x) => n + x.closed, 0), 1);
});

test('the chart draws a bar per day and count, tallest for the busiest day, from numbers only', async () => {
  const a = await newAdmin(`Dash ${uniq()}`);
  const admin = orgClient(a);
  for (let i = 0; i < 4; i++) await newCase(admin, { name: `<script>alert(${i})</script>` });
  const b = await browserFor(a.email, a.password);
  const html = (await b.req('GET', '/')).text;
  const svg = /<svg class="bars"[\s\S]*?<\/svg>/.exec(html)[0];
  assert.match(svg, /role="img" aria-labelledby="per-day-title per-day-summary"/);
  const bars = [...svg.matchAll(/<rect class="bar (created|closed)" x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)">/g)];
  assert.equal(bars.length, 60);
  const today = bars.filter((m) => m[1] === 'created').at(-1);
  assert.equal(Number(today[5]), 170); // the whole plot: today is the busiest day
  assert.ok(bars.filter((m) => m[1] === 'created').slice(0, -1).every((m) => m[5] === '0'));
  assert.doesNotMatch(html, /<script>alert/);
  assert.match(html, /The last 30 days \(UTC\): 4 created, 0 closed\./);
});

test('the start page keeps the invitations and the text for a user without an organization', async () => {
  const a = await newAdmin(`Dash ${uniq()}`);
  const email = `lonely-${uniq()}@casedesk.test`, password = `password-${uniq()}`;
  const r = await orgClient(a).post('/api/users/', { email, password, name: 'Lonely', role: 'USER' });
  assert.equal(r.status, 201);
  const b = await browserFor(email, password);
  const home = (await b.req('GET', '/')).text;
  assert.match(home, /You are not working in any organization/);
  assert.match(home, /<h2 id="invitations-title">Invitations<\/h2>/);
  assert.doesNotMatch(home, /tile-mine/);
  const ab = await browserFor(a.email, a.password);
  const dash = (await ab.req('GET', '/')).text;
  assert.match(dash, /<h1>Dashboard<\/h1>/);
  assert.match(dash, /href="\/cases\?org=[^"]+">Open the case queue<\/a>/);
  assert.match(dash, /href="\/cases\/new">New case<\/a>/);
});
