// forms.test.mjs (browser): the case create/edit/delete forms (validation, stale edits, attachments), the admin
// pages (members, teams, accounts, contacts), who may do what, CSRF, accessibility and screenshots.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, signIn, seriousA11yViolations, screenshot, adminPage } from './lib.mjs';
import { api, inviteAndAccept, uniq } from '../http/lib.mjs';

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser?.close(); });

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Adds a member (new user, invited and accepting) through the API; returns { email, password, id }. */
async function member(admin, role = 'USER') {
  const l = await inviteAndAccept(admin, { email: `${role.toLowerCase()}-${uniq()}@casedesk.test`, role });
  return { email: l.email, password: l.password, id: l.user.id };
}

async function noA11yProblems(page) {
  assert.deepEqual(await seriousA11yViolations(page), [], `accessibility of ${page.url()}`);
}

/** Submits the form holding the button named name and waits for the next document. */
async function submit(page, name) {
  const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
  return res;
}

test('create a case with an attachment through the form', async () => {
  const { admin, page } = await adminPage(browser, 'Create');
  const acct = await admin.post('/api/accounts/', { name: 'Acme Corp' });
  const contact = await admin.post('/api/contacts/', { first_name: 'Ada', last_name: 'Lovelace', account: acct.json.id });
  const team = await admin.post('/api/teams/', { name: 'Support' });
  await page.goto('/cases/new');
  await noA11yProblems(page);
  await page.getByLabel('Name').fill('Printer on fire');
  await page.getByLabel('Description').fill('It smokes.\nAnd beeps.');
  await page.getByLabel('Priority').selectOption('High');
  await page.getByLabel('Type').selectOption('Bug Report');
  await page.getByLabel('Account').selectOption({ label: 'Acme Corp' });
  await page.getByLabel('Ada Lovelace').check();
  await page.getByRole('group', { name: 'Assignees' }).getByLabel(admin.email).check();
  await page.getByLabel('Support').check();
  await page.getByLabel('Attachments').setInputFiles({ name: 'smoke.txt', mimeType: 'text/plain', buffer: Buffer.from('smoke\n') });
  await screenshot(page, 'case-new');
  const res = await submit(page, 'Create case');
  const id = new RegExp(`/cases/(${UUID})$`).exec(new URL(page.url()).pathname)?.[1];
  assert.ok(id, `redirected to the case, not ${page.url()}`);
  assert.notEqual(res.request().redirectedFrom(), null, 'answered with a redirect (303)');
  const c = await admin.get(`/api/cases/${id}/`);
  assert.equal(c.status, 200);
  const obj = c.json.case_obj;
  assert.equal(obj.name, 'Printer on fire');
  assert.equal(obj.priority, 'High');
  assert.equal(obj.status, 'New');
  assert.equal(obj.case_type, 'Bug Report');
  assert.equal(obj.account, acct.json.id);
  assert.deepEqual(obj.contacts, [contact.json.id]);
  assert.deepEqual(obj.teams, [team.json.id]);
  assert.deepEqual(obj.assigned_to, [admin.user.id]);
  assert.match(obj.description, /It smokes\.\r?\nAnd beeps\./);
  assert.deepEqual(c.json.attachments.map((f) => f.file_name), ['smoke.txt']);
});

test('create works without JavaScript and keeps the input on errors', async () => {
  const { admin, page } = await adminPage(browser, 'NoJS', { javaScriptEnabled: false });
  await page.goto('/cases/new');
  assert.equal(await page.getByText('Closed on').count(), 0, 'a new case has no Closed on');
  const long = 'Needs a shorter name '.padEnd(256, '!');
  await page.getByLabel('Name').fill(long);
  await page.getByLabel('Description').fill('Kept\nas typed');
  await page.getByLabel('Status').selectOption('Closed');
  const res = await submit(page, 'Create case');
  assert.equal(res.status(), 400);
  assert.match(await page.locator('#f-name-error').textContent(), /no more than 255/);
  assert.equal(await page.getByLabel('Name').inputValue(), long);
  assert.equal(await page.getByLabel('Description').inputValue(), 'Kept\nas typed');
  assert.equal(await page.getByLabel('Status').inputValue(), 'Closed');
  await page.getByLabel('Name').fill('Closed at once');
  await submit(page, 'Create case');
  const id = new RegExp(`/cases/(${UUID})$`).exec(new URL(page.url()).pathname)?.[1];
  const c = (await admin.get(`/api/cases/${id}/`)).json.case_obj;
  assert.equal(c.status, 'Closed');
  assert.match(c.closed_on, /Z$/, 'the server sets closed_on when a case is created Closed');
});

test('edit: a validation error is shown next to the field with the input kept, then fixed', async () => {
  const { admin, page } = await adminPage(browser, 'Edit');
  const c = await admin.post('/api/cases/', { name: 'Login broken', status: 'New', priority: 'Normal' });
  const id = c.json.id;
  await page.goto(`/cases/${id}/edit`);
  await noA11yProblems(page);
  assert.equal(await page.getByLabel('Name').inputValue(), 'Login broken');
  const long = 'Login broken for everyone '.padEnd(256, '!');
  await page.getByLabel('Name').fill(long);
  await page.getByLabel('Status').selectOption('Closed');
  const res = await submit(page, 'Save changes');
  assert.equal(res.status(), 400);
  const field = page.locator('.field', { has: page.getByLabel('Name') });
  assert.match(await field.locator('.error').textContent(), /no more than 255/);
  assert.equal(await page.getByLabel('Name').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Name').inputValue(), long, 'the input is kept');
  assert.equal(await page.getByLabel('Status').inputValue(), 'Closed');
  assert.match(await page.getByRole('alert').first().textContent(), /problems/);
  await noA11yProblems(page);
  await screenshot(page, 'case-edit-errors');
  assert.equal((await admin.get(`/api/cases/${id}/`)).json.case_obj.name, 'Login broken', 'nothing saved');
  await page.getByLabel('Name').fill('Login broken for everyone');
  await submit(page, 'Save changes');
  assert.equal(new URL(page.url()).pathname, `/cases/${id}`);
  const after = (await admin.get(`/api/cases/${id}/`)).json.case_obj;
  assert.equal(after.name, 'Login broken for everyone');
  assert.equal(after.status, 'Closed');
  assert.ok(after.closed_on, 'closing sets closed_on');
});

test('a stale edit shows both versions of what both changed and overwrites nothing until the user says so', async () => {
  const { admin, page } = await adminPage(browser, 'Conflict');
  const c = await admin.post('/api/cases/', { name: 'Slow search', status: 'New', priority: 'Normal', description: 'first' });
  const id = c.json.id;
  await page.goto(`/cases/${id}/edit`); // page A opens the form at version 1
  const other = await newPage(browser); // page B: the same admin in another browser changes the case
  await signIn(other, admin.email, admin.password);
  await other.goto(`/cases/${id}/edit`);
  await other.getByLabel('Priority').selectOption('Critical');
  await other.getByLabel('Description').fill('changed by B');
  await submit(other, 'Save changes');
  await other.context().close();
  await page.getByLabel('Description').fill('changed by A');
  await page.getByLabel('Priority').selectOption('Low');
  await page.getByLabel('Type').selectOption('Billing'); // only A changes the type
  const res = await submit(page, 'Save changes');
  assert.equal(res.status(), 409);
  const conflict = page.getByRole('region', { name: /changed this case/ });
  await conflict.waitFor();
  const prio = conflict.getByRole('group', { name: 'Priority' });
  assert.match(await prio.getByLabel(/Take theirs/).evaluate((e) => e.labels[0].textContent), /Critical/);
  assert.match(await prio.getByLabel(/Keep mine/).evaluate((e) => e.labels[0].textContent), /Low/);
  const descr = conflict.getByRole('group', { name: 'Description' });
  assert.match(await descr.getByLabel(/Take theirs/).evaluate((e) => e.labels[0].textContent), /changed by B/);
  assert.match(await descr.getByLabel(/Keep mine/).evaluate((e) => e.labels[0].textContent), /changed by A/, 'the form keeps my input');
  assert.equal(await conflict.getByRole('group', { name: 'Name' }).count(), 0, 'a field nobody changed is not asked about');
  assert.equal(await conflict.getByRole('group', { name: 'Type' }).count(), 0, 'nor one only I changed');
  let stored = (await admin.get(`/api/cases/${id}/`)).json.case_obj;
  assert.equal(stored.description, 'changed by B', 'nothing was overwritten');
  assert.equal(stored.priority, 'Critical');
  assert.equal(stored.case_type, null);
  await noA11yProblems(page);
  await screenshot(page, 'case-conflict');
  // Changed again through the API meanwhile: the description conflicts again, the priority I chose is merged.
  await admin.patch(`/api/cases/${id}/`, { name: 'Slow search (API)', description: 'changed by the API' });
  await prio.getByLabel(/Keep mine/).check();
  await descr.getByLabel(/Keep mine/).check();
  assert.equal((await submit(page, 'Save with these choices')).status(), 409);
  const again = page.getByRole('region', { name: /changed this case/ });
  assert.match(await again.getByRole('group', { name: 'Description' }).textContent(), /changed by the API/);
  assert.equal(await again.getByRole('group', { name: 'Priority' }).count(), 0, 'the priority is no longer in question');
  stored = (await admin.get(`/api/cases/${id}/`)).json.case_obj;
  assert.equal(stored.priority, 'Critical', 'still nothing overwritten');
  await again.getByRole('group', { name: 'Description' }).getByLabel(/Take theirs/).check();
  await submit(page, 'Save with these choices');
  assert.equal(new URL(page.url()).pathname, `/cases/${id}`);
  stored = (await admin.get(`/api/cases/${id}/`)).json.case_obj;
  assert.equal(stored.description, 'changed by the API', 'theirs, as chosen');
  assert.equal(stored.priority, 'Low', 'mine, as chosen');
  assert.equal(stored.case_type, 'Billing', 'my change of a field only I changed');
  assert.equal(stored.name, 'Slow search (API)', 'their change of a field only they changed');
});

test('discarding a stale edit leaves the stored case', async () => {
  const { admin, page } = await adminPage(browser, 'Discard');
  const id = (await admin.post('/api/cases/', { name: 'Keep me', status: 'New', priority: 'Normal' })).json.id;
  await page.goto(`/cases/${id}/edit`);
  await admin.patch(`/api/cases/${id}/`, { priority: 'High', name: 'Keep me (API)' });
  await page.getByLabel('Name').fill('Lose me');
  await submit(page, 'Save changes');
  const discard = await page.getByRole('link', { name: 'Discard my changes' }).getAttribute('href');
  assert.equal(new URL(discard, page.url()).pathname, `/cases/${id}`);
  assert.equal((await admin.get(`/api/cases/${id}/`)).json.case_obj.name, 'Keep me (API)');
});

test('delete a case after confirming; a USER may not delete a case of someone else', async () => {
  const { admin, page } = await adminPage(browser, 'Delete');
  const u = await member(admin);
  const id = (await admin.post('/api/cases/', { name: 'Old case', status: 'New', priority: 'Low', assigned_to: [u.id] })).json.id;
  assert.equal((await admin.post(`/api/cases/${id}/`, { comment: 'a note' })).status, 201);

  const userPage = await newPage(browser);
  await signIn(userPage, u.email, u.password);
  const denied = await userPage.goto(`/cases/${id}/delete`);
  assert.equal(denied.status(), 403);
  assert.match(await userPage.locator('main').textContent(), /Only the creator of a case or an ADMIN/);
  await noA11yProblems(userPage);
  for (const p of ['/admin/members', '/admin/teams', '/admin/accounts/new', '/admin/contacts']) {
    assert.equal((await userPage.goto(p)).status(), 403, p);
  }
  const csrf = await userPage.locator('input[name="csrf_token"]').first().inputValue();
  const post = await userPage.request.post(`/cases/${id}/delete`, { form: { csrf_token: csrf }, maxRedirects: 0 });
  assert.equal(post.status(), 403, 'the POST is refused too');
  // The USER may edit the case assigned to them, and delete their own.
  await userPage.goto(`/cases/${id}/edit`);
  assert.equal(await userPage.getByLabel('Name').inputValue(), 'Old case');
  await userPage.context().close();

  await page.goto(`/cases/${id}/delete`);
  assert.match(await page.locator('main').textContent(), /1 comment(?!s)/);
  assert.match(await page.locator('main').textContent(), /0 attachments/);
  await noA11yProblems(page);
  await screenshot(page, 'case-delete');
  await submit(page, 'Delete case');
  assert.equal(new URL(page.url()).pathname, '/cases');
  assert.equal((await admin.get(`/api/cases/${id}/`)).status, 404);
});

test('admin: members are invited, accept, are promoted, deactivated, and the last active ADMIN is kept', async () => {
  const { admin, page } = await adminPage(browser, 'Members');
  await page.goto('/admin');
  assert.equal(new URL(page.url()).pathname, '/admin/members');
  await noA11yProblems(page);
  const email = `new-${uniq()}@casedesk.test`;
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name').fill('New Person');
  await page.getByLabel('Password').fill('short');
  assert.equal((await submit(page, 'Invite')).status(), 400);
  assert.match(await page.locator('#f-password-error').textContent(), /8/);
  assert.equal(await page.getByLabel('Email').inputValue(), email, 'the email is kept');
  await page.getByLabel('Password').fill('a-long-password');
  await submit(page, 'Invite');
  assert.match(await page.getByRole('status').textContent(), /Invitation sent/);
  assert.ok(await page.getByRole('button', { name: `Revoke the invitation of ${email}` }).isVisible());
  // The invitee's start page lists the invitation (checked for accessibility where axe-core can run)...
  const look = await newPage(browser);
  await signIn(look, email, 'a-long-password');
  assert.match(await look.locator('main').textContent(), /You are not working in any organization/);
  await noA11yProblems(look);
  await screenshot(look, 'invitations');
  await look.context().close();
  // ...and they accept it there without JavaScript.
  const invitee = await newPage(browser, { javaScriptEnabled: false });
  await signIn(invitee, email, 'a-long-password');
  assert.match(await invitee.locator('main').textContent(), /You are not working in any organization/);
  await submit(invitee, new RegExp(`^Accept the invitation to `));
  assert.match(await invitee.locator('main').textContent(), /Open the case queue/);
  await invitee.context().close();
  await page.goto('/admin/members');
  const row = page.getByRole('row', { name: new RegExp(email.replace(/[.]/g, '\\.')) });
  await row.getByLabel(`Role of ${email}`).selectOption('ADMIN');
  await submit(page, `Change role of ${email}`);
  let members = (await admin.get('/api/users/?limit=100')).json.results;
  assert.equal(members.find((m) => m.email === email).role, 'ADMIN');
  await submit(page, `Deactivate ${email}`);
  members = (await admin.get('/api/users/?limit=100')).json.results;
  assert.equal(members.find((m) => m.email === email).is_active, false);
  assert.match(await page.getByRole('row', { name: new RegExp(email.replace(/[.]/g, '\\.')) }).textContent(), /Inactive/);
  // The only active ADMIN left may not step down.
  await page.getByLabel(`Role of ${admin.email}`).selectOption('USER');
  assert.equal((await submit(page, `Change role of ${admin.email}`)).status(), 400);
  assert.match(await page.getByRole('alert').textContent(), /must keep at least one active ADMIN/);
  members = (await admin.get('/api/users/?limit=100')).json.results;
  assert.equal(members.find((m) => m.email === admin.email).role, 'ADMIN');
  await noA11yProblems(page);
  await screenshot(page, 'admin-members');
  // Nor leave: the removal is refused on its confirmation page.
  await page.goto(`/admin/members/${admin.user.id}/remove`);
  assert.equal((await submit(page, 'Remove member')).status(), 400);
  assert.match(await page.getByRole('alert').textContent(), /must keep at least one active ADMIN/);
  // Reactivate the other one, then remove them after confirming.
  await page.goto('/admin/members');
  await submit(page, `Activate ${email}`);
  await page.getByRole('link', { name: `Remove ${email}` }).click();
  await noA11yProblems(page);
  await screenshot(page, 'admin-member-remove');
  await submit(page, 'Remove member');
  assert.match(await page.getByRole('status').textContent(), /^Removed member new-.*@casedesk\.test$/);
  members = (await admin.get('/api/users/?limit=100')).json.results;
  assert.ok(!members.some((m) => m.email === email));
});

test('admin: teams are created, edited and deleted', async () => {
  const { admin, page } = await adminPage(browser, 'Teams');
  const u = await member(admin);
  await page.goto('/admin/teams');
  await page.getByRole('link', { name: 'New team' }).click();
  await noA11yProblems(page);
  await page.getByLabel('Name').fill('Billing desk');
  await page.getByLabel('Description').fill('Money questions');
  await page.getByLabel(u.email).check();
  await screenshot(page, 'admin-team-form');
  await submit(page, 'Create team');
  assert.match(await page.getByRole('status').textContent(), /Created/);
  const team = (await admin.get('/api/teams/')).json.results.find((t) => t.name === 'Billing desk');
  assert.deepEqual(team.users, [u.id]);
  // A second team with the same name is refused next to the field.
  await page.goto('/admin/teams/new');
  await page.getByLabel('Name').fill('billing DESK');
  assert.equal((await submit(page, 'Create team')).status(), 400);
  assert.match(await page.locator('#f-name-error').textContent(), /already exists/);
  await page.goto('/admin/teams');
  await noA11yProblems(page);
  await screenshot(page, 'admin-teams');
  await page.getByRole('link', { name: 'Billing desk', exact: true }).click();
  assert.equal(await page.getByLabel(u.email).isChecked(), true);
  await page.getByLabel('Name').fill('Billing');
  await page.getByLabel(u.email).uncheck();
  await submit(page, 'Save');
  const edited = (await admin.get(`/api/teams/${team.id}/`)).json;
  assert.equal(edited.name, 'Billing');
  assert.deepEqual(edited.users, [], 'unchecking every member empties the team');
  await page.getByRole('link', { name: 'Delete Billing' }).click();
  await noA11yProblems(page);
  await submit(page, 'Delete team');
  assert.match(await page.getByRole('status').textContent(), /Deleted/);
  assert.equal((await admin.get(`/api/teams/${team.id}/`)).status, 404);
});

test('admin: accounts and contacts are created, edited and deleted', async () => {
  const { admin, page } = await adminPage(browser, 'CRM');
  await page.goto('/admin/accounts/new');
  await noA11yProblems(page);
  await page.getByLabel('Name').fill('Globex');
  await page.getByLabel('Email').fill('info@globex');
  assert.equal((await submit(page, 'Create account')).status(), 400);
  assert.match(await page.locator('#f-email-error').textContent(), /valid email/);
  assert.equal(await page.getByLabel('Name').inputValue(), 'Globex');
  await screenshot(page, 'admin-account-errors');
  await page.getByLabel('Email').fill('info@globex.test');
  await page.getByLabel('Website').fill('https://globex.test');
  await submit(page, 'Create account');
  await noA11yProblems(page);
  await screenshot(page, 'admin-accounts');
  const acct = (await admin.get('/api/accounts/')).json.results.find((a) => a.name === 'Globex');
  assert.equal(acct.email, 'info@globex.test');
  await page.getByRole('link', { name: 'Edit Globex' }).click();
  await page.getByLabel('Phone').fill('+1 555 0100');
  await submit(page, 'Save');
  assert.equal((await admin.get(`/api/accounts/${acct.id}/`)).json.phone, '+1 555 0100');

  await page.goto('/admin/contacts/new');
  await noA11yProblems(page);
  await page.getByLabel('First name').fill('Hank');
  await page.getByLabel('Last name').fill('Scorpio');
  await page.getByLabel('Account').selectOption({ label: 'Globex' });
  await screenshot(page, 'admin-contact-form');
  await submit(page, 'Create contact');
  await noA11yProblems(page);
  await screenshot(page, 'admin-contacts');
  assert.match(await page.getByRole('row', { name: /Hank Scorpio/ }).textContent(), /Globex/);
  const contact = (await admin.get('/api/contacts/')).json.results.find((c) => c.first_name === 'Hank');
  assert.equal(contact.account, acct.id);
  // The name leads to the contact's page (its cases), which links to its edit form.
  await page.getByRole('link', { name: 'Hank Scorpio', exact: true }).click();
  await page.waitForURL(`**/contacts/${contact.id}`);
  await page.getByRole('link', { name: 'Edit contact' }).click();
  await page.getByLabel('Account').selectOption({ label: 'No account' });
  await page.getByLabel('Job title').fill('CEO');
  await submit(page, 'Save');
  const edited = (await admin.get(`/api/contacts/${contact.id}/`)).json;
  assert.equal(edited.account, null);
  assert.equal(edited.title, 'CEO');
  await page.getByRole('link', { name: 'Delete Hank Scorpio' }).click();
  await submit(page, 'Delete contact');
  assert.equal((await admin.get(`/api/contacts/${contact.id}/`)).status, 404);
  await page.goto('/admin/accounts');
  await page.getByRole('link', { name: 'Delete Globex' }).click();
  await noA11yProblems(page);
  await screenshot(page, 'admin-account-delete');
  await submit(page, 'Delete account');
  assert.equal((await admin.get(`/api/accounts/${acct.id}/`)).status, 404);
  assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e.message)), []);
});

test('a form POST without the csrf_token is refused (403) and changes nothing', async () => {
  const { admin, page } = await adminPage(browser, 'CSRF');
  const id = (await admin.post('/api/cases/', { name: 'Target', status: 'New', priority: 'Normal' })).json.id;
  for (const [path, form] of [['/admin/teams/new', { name: 'Evil' }], [`/cases/${id}/delete`, {}],
    [`/cases/${id}/edit`, { name: 'Evil', status: 'New', priority: 'Normal', version: '1' }],
    ['/admin/members', { email: 'evil@casedesk.test', password: 'password-evil', role: 'ADMIN' }]]) {
    const r = await page.request.post(path, { form, maxRedirects: 0 });
    assert.equal(r.status(), 403, path);
  }
  assert.equal((await admin.get(`/api/cases/${id}/`)).json.case_obj.name, 'Target');
  assert.equal((await admin.get('/api/teams/')).json.count, 0);
});

test('the forms are usable on a phone-sized screen', async () => {
  const { admin, page } = await adminPage(browser, 'Phone', { viewport: { width: 375, height: 800 } });
  const id = (await admin.post('/api/cases/', { name: 'Small screen', status: 'New', priority: 'Normal' })).json.id;
  for (const [path, name] of [['/cases/new', 'phone-case-new'], [`/cases/${id}/edit`, 'phone-case-edit'],
    ['/admin/members', 'phone-admin-members']]) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${path} fits 375px (scrollWidth ${width})`);
    await screenshot(page, name);
  }
});
