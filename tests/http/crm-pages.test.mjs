// crm-pages.test.mjs: the pages of an account and of a contact: their details and linked cases with the case
// list's filters and pages, for any member (a USER sees only the cases they may see), another organization's id
// a 404; the links to them from the case list, the case page and the admin lists; and the admin delete
// confirmations counting the cases that lose the link.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Browser, inviteAndAccept, newAdmin, uniq } from './lib.mjs';
import { orgClient } from './crm-lib.mjs';

async function browserFor(email, password) {
  const b = new Browser();
  assert.equal((await b.signIn(email, password)).status, 303);
  return b;
}

async function newCase(client, body = {}) {
  const r = await client.post('/api/cases/', { name: `Case ${uniq()}`, status: 'New', priority: 'Normal', ...body });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

const unescape = (s) => s.replace(/&amp;/g, '&');

/** The result count, the names of the rows and the next page's link of a page listing cases. */
function listed(html) {
  const m = /id="result-count" role="status">(?:(1) case|(\d+) cases)<\/p>/.exec(html);
  assert.ok(m, 'a result count');
  const next = /<a class="button" href="([^"]+)" rel="next">/.exec(html);
  return {
    count: Number(m[1] ?? m[2]),
    names: [...html.matchAll(/<td data-label="Name" class="name"><a href="[^"]+">([^<]+)<\/a>/g)].map((x) => x[1]),
    next: next ? unescape(next[1]) : null,
  };
}

/** An organization with an ADMIN (client a, browser ab), a USER (client u, browser ub), an account with 12 cases
 *  (7 open, 3 of them the USER's), a contact of that account named on 5 of them, and another account. */
async function setUp() {
  const admin = await newAdmin(`Crm pages ${uniq()}`);
  const a = orgClient(admin);
  const email = `user-${uniq()}@casedesk.test`, password = `password-${uniq()}`;
  const l = await inviteAndAccept(admin, { email, password, role: 'USER' });
  const u = orgClient({ token: l.access_token, org: admin.org, user: l.user });
  const tag = `acct${uniq()}`;
  const account = (await a.post('/api/accounts/', { name: `Acme ${tag}`, email: 'desk@acme.test', phone: '+1 555 0100' })).json;
  const other = (await a.post('/api/accounts/', { name: `Other ${tag}` })).json;
  const contact = (await a.post('/api/contacts/', { first_name: 'Ann', last_name: `Lee ${tag}`, email: 'ann@acme.test', account: account.id })).json;
  const cases = [];
  for (let i = 0; i < 12; i++) {
    cases.push(await newCase(a, {
      name: `${tag} ${String(i).padStart(2, '0')}`,
      status: i < 7 ? 'New' : 'Closed',
      account: account.id,
      contacts: i % 3 === 0 || i === 1 ? [contact.id] : [],
      assigned_to: i < 3 ? [u.user.id] : [],
    }));
  }
  await newCase(a, { account: other.id });
  return {
    admin, a, u, account, other, contact, cases, tag,
    ab: await browserFor(admin.email, admin.password), ub: await browserFor(email, password),
  };
}

test('the account page shows its details and its cases, filtered and paged like the case list', async () => {
  const s = await setUp();
  const r = await s.ab.req('GET', `/accounts/${s.account.id}`);
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`<h1>Acme ${s.tag}</h1>`));
  assert.match(r.text, /<dt>Email<\/dt><dd>desk@acme\.test<\/dd>/);
  assert.match(r.text, /<dt>Phone<\/dt><dd>\+1 555 0100<\/dd>/);
  assert.match(r.text, new RegExp(`href="/admin/accounts/${s.account.id}/edit">Edit account</a>`));
  const all = listed(r.text);
  assert.equal(all.count, 12);
  assert.equal(all.names.length, 10);
  // The pages stay on the account's page and together list every case of it once.
  assert.match(all.next, new RegExp(`^/accounts/${s.account.id}\\?.*offset=10`));
  const second = listed((await s.ab.req('GET', all.next)).text);
  assert.equal(second.names.length, 2);
  assert.equal(second.next, null);
  assert.deepEqual([...all.names, ...second.names].sort(), s.cases.map((c) => c.name).sort());
  // Filters, as the list applies them, and the API agrees.
  const open = listed((await s.ab.req('GET', `/accounts/${s.account.id}?resolution=open&ordering=name`)).text);
  assert.equal(open.count, 7);
  assert.deepEqual(open.names, s.cases.slice(0, 7).map((c) => c.name));
  assert.equal((await s.a.get(`/api/cases/?account=${s.account.id}&resolution=open`)).json.count, 7);
  const closedPage = listed((await s.ab.req('GET', `/accounts/${s.account.id}?status=Closed&limit=2&offset=2`)).text);
  assert.equal(closedPage.count, 5);
  assert.equal(closedPage.names.length, 2);
  // The query cannot point the page at another account.
  assert.equal(listed((await s.ab.req('GET', `/accounts/${s.account.id}?account=${s.other.id}`)).text).count, 12);
  // A malformed filter is a 400 naming it, the page still the account's.
  const bad = await s.ab.req('GET', `/accounts/${s.account.id}?assigned_to=nope`);
  assert.equal(bad.status, 400);
  assert.match(bad.text, /<strong>assigned_to<\/strong>/);
  assert.match(bad.text, new RegExp(`<h1>Acme ${s.tag}</h1>`));
});

test('the contact page shows its details, its account and the cases that name it', async () => {
  const s = await setUp();
  const r = await s.ab.req('GET', `/contacts/${s.contact.id}`);
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`<h1>Ann Lee ${s.tag}</h1>`));
  assert.match(r.text, /<dt>Email<\/dt><dd>ann@acme\.test<\/dd>/);
  assert.match(r.text, new RegExp(`<dt>Account</dt><dd><a href="/accounts/${s.account.id}\\?org=${s.admin.org}">Acme ${s.tag}</a></dd>`));
  const named = s.cases.filter((c) => c.contacts.includes(s.contact.id)).map((c) => c.name);
  assert.equal(named.length, 5);
  const all = listed(r.text);
  assert.equal(all.count, 5);
  assert.deepEqual(all.names.sort(), named.sort());
  assert.match(r.text, new RegExp(`href="/cases\\?contact=${s.contact.id}&amp;org=${s.admin.org}">Open these cases in the case list</a>`));
  // The same filter on the list and in the API.
  assert.equal(listed((await s.ab.req('GET', `/cases?contact=${s.contact.id}`)).text).count, 5);
  assert.equal((await s.a.get(`/api/cases/?contact=${s.contact.id}`)).json.count, 5);
  assert.equal((await s.a.get(`/api/cases/?contact=${s.contact.id}&status=Closed`)).json.count, 1);
  assert.equal(listed((await s.ab.req('GET', `/contacts/${s.contact.id}?status=Closed`)).text).count, 1);
  const paged = listed((await s.ab.req('GET', `/contacts/${s.contact.id}?limit=2`)).text);
  assert.match(paged.next, new RegExp(`^/contacts/${s.contact.id}\\?.*offset=2`));
  assert.equal((await s.a.get('/api/cases/?contact=bad')).status, 400);
});

test('a USER sees the pages with only the cases they may see; another organization\'s ids are a 404', async () => {
  const s = await setUp();
  const acc = await s.ub.req('GET', `/accounts/${s.account.id}`);
  assert.equal(acc.status, 200);
  assert.doesNotMatch(acc.text, /Edit account/);
  const seen = listed(acc.text);
  assert.equal(seen.count, 3);
  assert.deepEqual(seen.names.sort(), s.cases.slice(0, 3).map((c) => c.name).sort());
  assert.equal(listed((await s.ub.req('GET', `/contacts/${s.contact.id}`)).text).count, 2); // cases 0 and 1
  const stranger = await newAdmin(`Stranger ${uniq()}`);
  const sb = await browserFor(stranger.email, stranger.password);
  for (const path of [`/accounts/${s.account.id}`, `/contacts/${s.contact.id}`, `/accounts/${s.contact.id}`]) {
    const r = await sb.req('GET', path);
    assert.equal(r.status, 404, path);
    assert.doesNotMatch(r.text, new RegExp(s.tag));
  }
  assert.equal((await s.ab.req('GET', `/accounts/${s.contact.id}`)).status, 404);
});

test('the case list, the case page and the admin lists link to the account and contact pages', async () => {
  const s = await setUp();
  const list = await s.ab.req('GET', `/cases?name=${s.tag}&account=${s.account.id}`);
  assert.match(list.text, new RegExp(`<td data-label="Account"><a href="/accounts/${s.account.id}\\?org=${s.admin.org}">Acme ${s.tag}</a></td>`));
  const page = await s.ab.req('GET', `/cases/${s.cases[0].id}`);
  assert.match(page.text, new RegExp(`<dt>Account</dt><dd><a href="/accounts/${s.account.id}\\?org=${s.admin.org}">Acme ${s.tag}</a></dd>`));
  assert.match(page.text, new RegExp(`<li><a href="/contacts/${s.contact.id}\\?org=${s.admin.org}">Ann Lee ${s.tag}</a>`));
  const accounts = await s.ab.req('GET', '/admin/accounts');
  assert.match(accounts.text, new RegExp(`<a href="/accounts/${s.account.id}">Acme ${s.tag}</a>`));
  const contacts = await s.ab.req('GET', '/admin/contacts');
  assert.match(contacts.text, new RegExp(`<a href="/contacts/${s.contact.id}">Ann Lee ${s.tag}</a>`));
});

test('the delete confirmations say how many cases lose the account, the contact or the team', async () => {
  const s = await setUp();
  const acc = await s.ab.req('GET', `/admin/accounts/${s.account.id}/delete`);
  assert.equal(acc.status, 200);
  assert.match(acc.text, /<li>12 cases will lose this account\.<\/li>/);
  const con = await s.ab.req('GET', `/admin/contacts/${s.contact.id}/delete`);
  assert.match(con.text, /<li>5 cases will lose this contact\.<\/li>/);
  const lone = (await s.a.post('/api/contacts/', { first_name: 'Solo' })).json;
  await newCase(s.a, { contacts: [lone.id] });
  assert.match((await s.ab.req('GET', `/admin/contacts/${lone.id}/delete`)).text, /<li>1 case will lose this contact\.<\/li>/);
  const empty = (await s.a.post('/api/accounts/', { name: `Empty ${uniq()}` })).json;
  assert.match((await s.ab.req('GET', `/admin/accounts/${empty.id}/delete`)).text, /<li>0 cases will lose this account\.<\/li>/);
  const team = (await s.a.post('/api/teams/', { name: `Desk ${uniq()}` })).json;
  await newCase(s.a, { teams: [team.id] });
  assert.match((await s.ab.req('GET', `/admin/teams/${team.id}/delete`)).text, /<li>1 case will lose this team\.<\/li>/);
  // The count is what the delete then does.
  const csrf = await s.ab.csrf();
  assert.equal((await s.ab.req('POST', `/admin/contacts/${s.contact.id}/delete`, { form: { csrf_token: csrf } })).status, 303);
  assert.equal((await s.a.get(`/api/cases/?account=${s.account.id}&limit=100`)).json.results.filter((c) => c.contacts.length).length, 0);
  // Another organization's ids are a 404 here too.
  const stranger = await newAdmin(`Stranger ${uniq()}`);
  const sb = await browserFor(stranger.email, stranger.password);
  assert.equal((await sb.req('GET', `/admin/accounts/${s.account.id}/delete`)).status, 404);
});
