// forms.test.mjs: the case and admin forms over HTTP: redirects, statuses, kept and escaped input, stale edits,
// multipart creates, tenancy (404 for other organizations' rows) and the gates of the admin pages.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BASE, Browser, http, inviteAndAccept, newAdmin, uniq } from './lib.mjs';
import { orgClient, addMember } from './crm-lib.mjs';

/** A fresh organization: its ADMIN as an API client and as a signed-in Browser with its CSRF token. */
async function setup(tag = 'Forms') {
  const a = await newAdmin(`${tag} ${uniq()}`);
  const b = new Browser();
  assert.equal((await b.signIn(a.email, a.password)).status, 303);
  return { admin: { ...orgClient(a), email: a.email }, b, csrf: await b.csrf() };
}

const caseForm = (csrf, fields) => ({ csrf_token: csrf, name: 'A case', description: '', status: 'New', priority: 'Normal',
  case_type: '', account: '', contacts: '', assigned_to: '', teams: '', ...fields });

test('signed-out visitors are sent to sign in; /admin leads to the members', async () => {
  const r = await http('/cases/new');
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/login\?next=%2Fcases%2Fnew$/);
  const { b } = await setup();
  const admin = await b.req('GET', '/admin');
  assert.equal(admin.status, 303);
  assert.equal(admin.headers.get('location'), '/admin/members');
});

test('create: 303 to the case in its organization; errors are a 400 that keeps (escaped) input; the Location is local', async () => {
  const { admin, b, csrf } = await setup();
  const bad = await b.req('POST', '/cases/new', { form: caseForm(csrf, { name: '<b>x</b>"', priority: 'Urgent' }) });
  assert.equal(bad.status, 400);
  assert.match(bad.headers.get('content-type'), /^text\/html/);
  assert.ok(bad.text.includes('value="&lt;b&gt;x&lt;/b&gt;&quot;"'), 'the name is kept, escaped');
  assert.ok(!bad.text.includes('<b>x</b>'));
  assert.match(bad.text, /id="f-priority-error"><p>&quot;Urgent&quot; is not a valid choice/);
  const ok = await b.req('POST', '/cases/new', { form: caseForm(csrf, { name: 'Fine', assigned_to: admin.user.id }) });
  assert.equal(ok.status, 303);
  const id = new RegExp(`^/cases/([0-9a-f-]{36})\\?org=${admin.org}$`).exec(ok.headers.get('location'))[1];
  const c = (await admin.get(`/api/cases/${id}/`)).json;
  assert.deepEqual(c.case_obj.assigned_to, [admin.user.id]);
  assert.equal(c.history[0].field, 'assigned_to', 'the form writes history like the API');
});

test('the case forms store textarea line breaks as LF and take no closed_on: the server keeps it', async () => {
  const { admin, b, csrf } = await setup();
  const typed = '\r\nfirst\r\n\r\n\r\n\tthird\rfourth  ';
  const made = await b.req('POST', '/cases/new', { form: caseForm(csrf, { name: 'Lines', description: typed, status: 'Closed',
    closed_on: '2020-01-01T00:00:00Z' }) });
  assert.equal(made.status, 303);
  const id = /^\/cases\/([0-9a-f-]{36})\?org=/.exec(made.headers.get('location'))[1];
  let c = (await admin.get(`/api/cases/${id}/`)).json.case_obj;
  assert.equal(c.description, '\nfirst\n\n\n\tthird\nfourth  ');
  assert.notEqual(c.closed_on, '2020-01-01T00:00:00Z', 'a posted closed_on is not taken');
  assert.match(c.closed_on, /Z$/);
  const page = await b.req('GET', `/cases/${id}/edit`);
  assert.ok(!/name="closed_on"/.test(page.text), 'Closed on is no input');
  assert.ok(page.text.includes('>\n\nfirst\n\n\n\tthird\nfourth  </textarea>'), 'a newline, then the text as stored');
  const reopened = await b.req('POST', `/cases/${id}/edit`, { form: caseForm(csrf, { name: 'Lines', description: typed,
    status: 'In Progress', closed_on: c.closed_on, version: '1' }) });
  assert.equal(reopened.status, 303, 'a reopen posting the old closed_on saves');
  c = (await admin.get(`/api/cases/${id}/`)).json.case_obj;
  assert.equal(c.closed_on, null);
  assert.equal(c.description, '\nfirst\n\n\n\tthird\nfourth  ');
});

test('create from a multipart form stores the attachments', async () => {
  const { admin, b, csrf } = await setup();
  const fd = new FormData();
  for (const [k, v] of Object.entries(caseForm(csrf, { name: 'With files' }))) fd.append(k, v);
  fd.append('attachments', new Blob(['one']), 'one.txt');
  fd.append('attachments', new Blob(['%PDF-1.4']), 'two.pdf');
  const r = await http('/cases/new', { method: 'POST', body: fd, headers: { Cookie: b.cookieHeader() } });
  assert.equal(r.status, 303);
  const id = new URL(r.headers.get('location'), BASE).pathname.split('/')[2];
  const c = (await admin.get(`/api/cases/${id}/`)).json;
  assert.deepEqual(c.attachments.map((f) => f.file_name).sort(), ['one.txt', 'two.pdf']);
});

test('edit: a missing or old version is a 409 conflict that saves nothing; the current version saves', async () => {
  const { admin, b, csrf } = await setup();
  const id = (await admin.post('/api/cases/', { name: 'Original', status: 'New', priority: 'Normal' })).json.id;
  const page = await b.req('GET', `/cases/${id}/edit`);
  assert.equal(page.status, 200);
  assert.match(page.text, /name="version" value="1"/);
  const none = await b.req('POST', `/cases/${id}/edit`, { form: caseForm(csrf, { name: 'No version' }) });
  assert.equal(none.status, 409);
  await admin.patch(`/api/cases/${id}/`, { priority: 'High' });
  const stale = await b.req('POST', `/cases/${id}/edit`, { form: caseForm(csrf, { name: 'Stale', version: '1' }) });
  assert.equal(stale.status, 409);
  assert.match(stale.text, /changed this case/);
  assert.match(stale.text, /name="version" value="2"/, 'the conflict form carries the current version');
  assert.equal((await admin.get(`/api/cases/${id}/`)).json.case_obj.name, 'Original');
  const ok = await b.req('POST', `/cases/${id}/edit`, { form: caseForm(csrf, { name: 'Mine', version: '2' }) });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/cases/${id}?org=${admin.org}`);
  const stored = (await admin.get(`/api/cases/${id}/`)).json.case_obj;
  assert.equal(stored.name, 'Mine');
  assert.equal(stored.priority, 'Normal', 'the form sends every field');
});

test('edit: an empty checkbox group clears the links; unknown ids are refused next to the field', async () => {
  const { admin, b, csrf } = await setup();
  const team = (await admin.post('/api/teams/', { name: `T ${uniq()}` })).json.id;
  const id = (await admin.post('/api/cases/', { name: 'Linked', status: 'New', priority: 'Normal', teams: [team] })).json.id;
  const foreign = '00000000-0000-4000-8000-000000000000';
  const bad = await b.req('POST', `/cases/${id}/edit`, { form: caseForm(csrf, { version: '1', teams: foreign }) });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="f-teams-error"><p>Every team must be a team of this organization/);
  const ok = await b.req('POST', `/cases/${id}/edit`, { form: caseForm(csrf, { version: '1' }) });
  assert.equal(ok.status, 303);
  assert.deepEqual((await admin.get(`/api/cases/${id}/`)).json.case_obj.teams, []);
});

test("another organization's rows are 404 on every form", async () => {
  const one = await setup('One');
  const two = await setup('Two');
  const c = (await two.admin.post('/api/cases/', { name: 'Theirs', status: 'New', priority: 'Low' })).json.id;
  const t = (await two.admin.post('/api/teams/', { name: 'Theirs' })).json.id;
  const a = (await two.admin.post('/api/accounts/', { name: 'Theirs' })).json.id;
  const k = (await two.admin.post('/api/contacts/', { first_name: 'Theirs' })).json.id;
  for (const p of [`/cases/${c}/edit`, `/cases/${c}/delete`, `/admin/teams/${t}/edit`, `/admin/teams/${t}/delete`,
    `/admin/accounts/${a}/edit`, `/admin/contacts/${k}/delete`, `/admin/members/${two.admin.user.id}/remove`]) {
    assert.equal((await one.b.req('GET', p)).status, 404, p);
  }
  assert.equal((await one.b.req('POST', `/cases/${c}/delete`, { form: { csrf_token: one.csrf } })).status, 404);
  assert.equal((await one.b.req('POST', `/admin/teams/${t}/delete`, { form: { csrf_token: one.csrf } })).status, 404);
  const linked = await one.b.req('POST', '/admin/contacts/new', { form: { csrf_token: one.csrf, first_name: 'X', account: a } });
  assert.equal(linked.status, 400);
  assert.match(linked.text, /id="f-account-error"><p>No such account in this organization/);
  assert.equal((await two.admin.get(`/api/cases/${c}/`)).status, 200);
});

test('a USER gets 403 on the admin pages and on deleting a case they did not create', async () => {
  const { admin } = await setup();
  const email = `user-${uniq()}@casedesk.test`, password = `password-${uniq()}`;
  await inviteAndAccept(admin, { email, password, role: 'USER' });
  const ub = new Browser();
  await ub.signIn(email, password);
  const csrf = await ub.csrf();
  for (const p of ['/admin', '/admin/members', '/admin/teams/new', '/admin/accounts', '/admin/contacts/new']) {
    assert.equal((await ub.req('GET', p)).status, 403, p);
  }
  assert.equal((await ub.req('POST', '/admin/teams/new', { form: { csrf_token: csrf, name: 'Nope' } })).status, 403);
  const user = (await admin.get('/api/users/?limit=100')).json.results.find((m) => m.email === email);
  const id = (await admin.post('/api/cases/', { name: 'Shared', status: 'New', priority: 'Low', assigned_to: [user.id] })).json.id;
  assert.equal((await ub.req('GET', `/cases/${id}/edit`)).status, 200, 'an assignee may edit');
  const del = await ub.req('POST', `/cases/${id}/delete`, { form: { csrf_token: csrf } });
  assert.equal(del.status, 403);
  assert.match(del.text, /Only the creator of a case or an ADMIN may delete it/);
  const own = await ub.req('POST', '/cases/new', { form: caseForm(csrf, { name: 'Mine' }) });
  const mine = new URL(own.headers.get('location'), BASE).pathname.split('/')[2];
  assert.equal((await ub.req('GET', `/cases/${mine}/delete`)).status, 200);
  const gone = await ub.req('POST', `/cases/${mine}/delete`, { form: { csrf_token: csrf } });
  assert.equal(gone.status, 303);
  assert.equal(gone.headers.get('location'), `/cases?org=${admin.org}`);
});

test('members: the same rules as /api/users/ (invitations, duplicates, last ADMIN)', async () => {
  const { admin, b, csrf } = await setup();
  const other = await addMember(admin, 'USER');
  const dup = await b.req('POST', '/admin/members', { form: { csrf_token: csrf, email: other.user.email, role: 'USER' } });
  assert.equal(dup.status, 400);
  assert.match(dup.text, /already a member/);
  const fresh = await b.req('POST', '/admin/members', { form: { csrf_token: csrf, email: `x-${uniq()}@casedesk.test`, role: 'USER' } });
  assert.equal(fresh.status, 303, 'an email without an account is invited like any other');
  assert.equal(fresh.headers.get('location'), '/admin/members');
  const off = await b.req('POST', `/admin/members/${admin.user.id}`, { form: { csrf_token: csrf, is_active: 'false' } });
  assert.equal(off.status, 400);
  assert.match(off.text, /must keep at least one active ADMIN/);
  const gone = await b.req('POST', `/admin/members/${admin.user.id}/remove`, { form: { csrf_token: csrf } });
  assert.equal(gone.status, 400);
  const promote = await b.req('POST', `/admin/members/${other.user.id}`, { form: { csrf_token: csrf, role: 'ADMIN' } });
  assert.equal(promote.status, 303);
  assert.equal(promote.headers.get('location'), '/admin/members');
  const leave = await b.req('POST', `/admin/members/${admin.user.id}/remove`, { form: { csrf_token: csrf } });
  assert.equal(leave.status, 303, 'with another active ADMIN, the first may leave');
});

test('admin lists page through their rows', async () => {
  const { admin, b } = await setup();
  for (let i = 0; i < 3; i++) await admin.post('/api/accounts/', { name: `Acct ${i}` });
  const first = await b.req('GET', '/admin/accounts?limit=2');
  assert.equal(first.status, 200);
  assert.match(first.text, /1–2 of 3/);
  assert.match(first.text, /href="\/admin\/accounts\?limit=2&amp;offset=2" rel="next"/);
  const bad = await b.req('GET', '/admin/accounts?limit=0');
  assert.equal(bad.status, 400);
});
