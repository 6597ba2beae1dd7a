// feedback.test.mjs (browser): what the pages say back. Uploads over the size limit (refused before sending with
// JavaScript, the form again with its input without it, casedesk's own page past nginx's limit), attachment
// deletes confirmed with and without JavaScript, the notice after each create, save and delete, and a comment
// posted on a case that changed meanwhile; axe-core on every new state.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, signIn, seriousA11yViolations, adminPage } from './lib.mjs';
import { http } from '../http/lib.mjs';

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MAX_UPLOAD = Number(process.env.CASEDESK_MAX_UPLOAD || 10485760);
const NGINX_MAX = (Math.floor(MAX_UPLOAD / 1048576) + 1) * 1048576; // deploy/stack.sh: client_max_body_size

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser?.close(); });

/** A page with JavaScript in the session of page (axe-core cannot run where JavaScript is off). */
async function withJs(page) {
  const js = await newPage(browser);
  await js.context().addCookies(await page.context().cookies());
  return js;
}

/** Sends the form holding selector the way a browser without JavaScript does (no submit handler runs). */
async function plainSubmit(page, selector) {
  const [res] = await Promise.all([page.waitForNavigation(),
    page.evaluate((s) => document.querySelector(s).closest('form').submit(), selector)]);
  return res;
}

async function noA11yProblems(page, what) {
  assert.deepEqual(await seriousA11yViolations(page), [], `accessibility of ${what || page.url()}`);
}

/** Clicks the button named name and waits for the next document. */
async function submit(page, name) {
  const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
  return res;
}

/** The notice at the top of the page (role="status"), or null when there is none. */
async function notice(page) {
  const n = page.locator('#notice');
  if (!(await n.count())) return null;
  assert.equal(await n.getAttribute('role'), 'status');
  return (await n.textContent()).trim();
}

/** Attaches a file named name to case id through the API. */
async function attach(admin, id, name, content = 'some text\n') {
  const form = new FormData();
  form.append('attachment', new Blob([content], { type: 'text/plain' }), name);
  const r = await http(`/api/cases/${id}/`, { method: 'POST', body: form,
    headers: { Authorization: `Bearer ${admin.token}`, 'organization-id': admin.org } });
  assert.equal(r.status, 201);
  return (await r.json()).attachments[0];
}

const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'casedesk-feedback-'));
test.after(() => fs.rmSync(DIR, { recursive: true, force: true }));

/** The path of a file of size bytes named name (written once: the browser reads it from disk). */
function bigFile(size, name = 'big.bin') {
  const dir = path.join(DIR, String(size));
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, Buffer.alloc(size, 7));
  }
  return file;
}

test('with JavaScript an upload over the limit is refused before it is sent, and nothing typed is lost', async () => {
  const { page } = await adminPage(browser, 'Oversize JS');
  await page.goto('/cases/new');
  const limit = `${MAX_UPLOAD / 1048576} MB`;
  assert.match(await page.locator('#f-attachments-hint').textContent(), new RegExp(`up to ${limit} in all`));
  await page.getByLabel('Name').fill('Printer jams');
  await page.getByLabel('Description').fill('Every morning.');
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
  await page.getByLabel('Attachments').setInputFiles(bigFile(MAX_UPLOAD + 1));
  const message = page.locator('#f-attachments-size');
  assert.match(await message.textContent(), /over the limit of 10\.0 MB/);
  assert.equal(await page.getByLabel('Attachments').getAttribute('aria-invalid'), 'true');
  await page.getByRole('button', { name: 'Create case' }).click();
  await page.waitForTimeout(300);
  assert.deepEqual(posts, [], 'nothing was sent');
  assert.equal(new URL(page.url()).pathname, '/cases/new');
  assert.equal(await page.getByLabel('Name').inputValue(), 'Printer jams');
  assert.equal(await page.getByLabel('Description').inputValue(), 'Every morning.');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-attachments');
  await noA11yProblems(page, 'the new case form with a file over the limit');

  // A file that fits clears the message and the form goes.
  await page.getByLabel('Attachments').setInputFiles({ name: 'ok.txt', mimeType: 'text/plain', buffer: Buffer.from('ok') });
  assert.equal(await message.textContent(), '');
  await submit(page, 'Create case');
  assert.match(await notice(page), /^Created case “Printer jams”$/);
  assert.deepEqual(page.errors, []);
});

test('the attachment form of a case page says its limit and checks it with JavaScript', async () => {
  const { admin, page } = await adminPage(browser, 'Oversize attach JS');
  const c = (await admin.post('/api/cases/', { name: 'Attach here', status: 'New', priority: 'Low' })).json;
  await page.goto(`/cases/${c.id}`);
  assert.match(await page.locator('#file-hint').textContent(), /Up to 10 MB in all/);
  await page.getByLabel('Attach files').setInputFiles(bigFile(MAX_UPLOAD + 1));
  await page.getByRole('button', { name: 'Upload' }).click();
  await page.waitForTimeout(200);
  assert.match(await page.locator('#file-size').textContent(), /over the limit/);
  assert.equal(new URL(page.url()).pathname, `/cases/${c.id}`);
  assert.deepEqual(page.errors, []);
});

test('without JavaScript an upload over the limit gives the form back with the input and a message on the file field', async () => {
  const { admin, page } = await adminPage(browser, 'Oversize', { javaScriptEnabled: false });
  await page.goto('/cases/new');
  await page.getByLabel('Name').fill('Printer jams');
  await page.getByLabel('Description').fill('Every morning.\nAgain.');
  await page.getByLabel('Priority').selectOption('High');
  await page.getByLabel('Attachments').setInputFiles(bigFile(MAX_UPLOAD + 1, 'scan.pdf'));
  const res = await submit(page, 'Create case');
  assert.equal(res.status(), 400);
  assert.equal(await page.getByLabel('Name').inputValue(), 'Printer jams');
  assert.equal(await page.getByLabel('Description').inputValue(), 'Every morning.\nAgain.');
  assert.equal(await page.getByLabel('Priority').inputValue(), 'High');
  assert.match(await page.locator('#f-attachments-error').textContent(), /“scan\.pdf” is too large: files may be up to 10 MB together/);
  assert.equal(await page.getByLabel('Attachments').getAttribute('aria-describedby'), 'f-attachments-hint f-attachments-error');
  const js = await withJs(page);
  await js.goto('/cases/new');
  await js.getByLabel('Name').fill('Printer jams');
  await js.getByLabel('Attachments').setInputFiles(bigFile(MAX_UPLOAD + 1, 'scan.pdf'));
  assert.equal((await plainSubmit(js, '#f-attachments')).status(), 400);
  assert.match(await js.locator('#f-attachments-error').textContent(), /too large/);
  await noA11yProblems(js, 'the new case form refused for its file');
  await js.close();
  assert.equal((await admin.get('/api/cases/')).json.count, 0, 'no case was made');

  // The same on a case's attachment form.
  const c = (await admin.post('/api/cases/', { name: 'Attach here', status: 'New', priority: 'Low' })).json;
  await page.goto(`/cases/${c.id}`);
  await page.getByLabel('Attach files').setInputFiles(bigFile(MAX_UPLOAD + 1, 'huge.log'));
  const up = await submit(page, 'Upload');
  assert.equal(up.status(), 400);
  assert.match(await page.locator('#file-error').textContent(), /“huge\.log” is too large/);
  assert.equal((await admin.get(`/api/cases/${c.id}/`)).json.attachments_count, 0);
});

test('a body over nginx\'s own limit gets casedesk\'s page: signed-in header, the limit, a way back', async () => {
  const { admin, page } = await adminPage(browser, 'Over nginx', { javaScriptEnabled: false });
  await page.goto('/cases/new');
  await page.getByLabel('Name').fill('Too big');
  await page.getByLabel('Attachments').setInputFiles(bigFile(NGINX_MAX + 1024));
  const res = await submit(page, 'Create case');
  assert.equal(res.status(), 413);
  assert.match(await page.locator('h1').textContent(), /413/);
  assert.match(await page.locator('main').textContent(), /larger than the limit of 10 MB/);
  assert.match(await page.locator('header').textContent(), new RegExp(admin.email.replace(/\./g, '\\.')));
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 1, 'the signed-in header');
  assert.equal(await page.locator('header').getByRole('link', { name: 'Sign in' }).count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Back to the form' }).getAttribute('href'), '/cases/new');
  const js = await withJs(page);
  await js.goto('/cases/new');
  await js.getByLabel('Name').fill('Too big');
  await js.getByLabel('Attachments').setInputFiles(bigFile(NGINX_MAX + 1024));
  assert.equal((await plainSubmit(js, '#f-attachments')).status(), 413);
  await noA11yProblems(js, 'the page of a body over nginx\'s limit');
  await js.close();
});

test('deleting an attachment asks first, without JavaScript on a page of its own; the case page then says so', async () => {
  const { admin, page } = await adminPage(browser, 'Attachment delete', { javaScriptEnabled: false });
  const c = (await admin.post('/api/cases/', { name: 'With files', status: 'New', priority: 'Low' })).json;
  const f = await attach(admin, c.id, 'notes.txt');
  await page.goto(`/cases/${c.id}`);
  await page.getByRole('link', { name: 'Delete notes.txt' }).click();
  assert.equal(new URL(page.url()).pathname, `/cases/attachment/${f.id}/delete`);
  assert.match(await page.locator('h1').textContent(), /Delete the attachment “notes\.txt”\?/);
  const js = await withJs(page);
  await js.goto(page.url());
  await noA11yProblems(js, 'the attachment delete confirmation');
  await js.close();
  // Cancel goes back and deletes nothing.
  await page.getByRole('link', { name: 'Cancel' }).click();
  assert.equal((await admin.get(`/api/cases/${c.id}/`)).json.attachments_count, 1);
  await page.getByRole('link', { name: 'Delete notes.txt' }).click();
  await submit(page, 'Delete attachment');
  assert.equal(new URL(page.url()).pathname, `/cases/${c.id}`);
  assert.equal(await notice(page), 'Deleted attachment “notes.txt”');
  assert.match(await page.locator('#attachments').textContent(), /No attachments/);
  await page.reload();
  assert.equal(await notice(page), null, 'the notice is shown once');
});

test('with JavaScript the attachment delete is confirmed in place', async () => {
  const { admin, page } = await adminPage(browser, 'Attachment delete JS');
  const c = (await admin.post('/api/cases/', { name: 'With files', status: 'New', priority: 'Low' })).json;
  await attach(admin, c.id, 'a.txt');
  await attach(admin, c.id, 'b.txt', 'other\n');
  await page.goto(`/cases/${c.id}`);
  await page.getByRole('link', { name: 'Delete a.txt' }).click();
  const yes = page.getByRole('button', { name: 'Delete a.txt' });
  assert.equal(await yes.count(), 1);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Delete a.txt');
  assert.equal(new URL(page.url()).pathname, `/cases/${c.id}`, 'still on the case page');
  await noA11yProblems(page, 'the in-place delete confirmation');
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await yes.count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Delete a.txt' }).isVisible(), true);
  await page.getByRole('link', { name: 'Delete a.txt' }).click();
  await submit(page, 'Delete a.txt');
  assert.equal(await notice(page), 'Deleted attachment “a.txt”');
  await noA11yProblems(page, 'the case page after an attachment delete');
  const names = (await admin.get(`/api/cases/${c.id}/`)).json.attachments.map((x) => x.file_name);
  assert.deepEqual(names, ['b.txt']);
  assert.deepEqual(page.errors, []);
});

test('creating, saving and deleting a case, a team and an attachment each say what they did, once', async () => {
  const { admin, page } = await adminPage(browser, 'Notices');
  await page.goto('/cases/new');
  await page.getByLabel('Name').fill('Printer jams');
  await submit(page, 'Create case');
  assert.equal(await notice(page), 'Created case “Printer jams”');
  await noA11yProblems(page, 'the case page with its notice');
  const id = new URL(page.url()).pathname.split('/')[2];
  await page.reload();
  assert.equal(await notice(page), null, 'shown once');

  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.getByLabel('Name').fill('Printer jams again');
  await submit(page, 'Save changes');
  assert.equal(await notice(page), 'Saved case “Printer jams again”');

  await page.getByLabel('Attach files').setInputFiles({ name: 'jam.txt', mimeType: 'text/plain', buffer: Buffer.from('jam') });
  await submit(page, 'Upload');
  assert.equal(await notice(page), 'Attached “jam.txt”');

  await page.getByLabel('Add a comment').fill('Looked at it.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  await page.locator('#comment-status').filter({ hasText: 'Posted a comment' }).waitFor();

  await page.goto(`/cases/${id}/delete`);
  await submit(page, 'Delete case');
  assert.equal(new URL(page.url()).pathname, '/cases');
  assert.equal(await notice(page), 'Deleted case “Printer jams again”');
  await noA11yProblems(page, 'the case list with its notice');

  await page.goto('/admin/teams/new');
  await page.getByLabel('Name').fill('Support');
  await submit(page, 'Create team');
  assert.equal(await notice(page), 'Created team “Support”');
  await noA11yProblems(page, 'the team list with its notice');
  await page.getByRole('link', { name: 'Support', exact: true }).click();
  await page.getByLabel('Name').fill('Second line');
  await submit(page, 'Save');
  assert.equal(await notice(page), 'Saved team “Second line”');
  await page.getByRole('link', { name: 'Delete Second line' }).click();
  await submit(page, 'Delete team');
  assert.equal(await notice(page), 'Deleted team “Second line”');
  await page.reload();
  assert.equal(await notice(page), null);
  assert.equal((await admin.get('/api/teams/')).json.count, 0);
  assert.deepEqual(page.errors, []);
});

test('a comment posted without JavaScript on a case that changed since the page loaded says so', async () => {
  const { admin, page } = await adminPage(browser, 'Stale comment', { javaScriptEnabled: false });
  const c = (await admin.post('/api/cases/', { name: 'Moving', status: 'New', priority: 'Low' })).json;
  await page.goto(`/cases/${c.id}`);
  await page.getByLabel('Add a comment').fill('Unchanged case.');
  await submit(page, 'Post comment');
  assert.equal(await notice(page), 'Posted a comment');

  assert.equal((await admin.patch(`/api/cases/${c.id}/`, { priority: 'Critical' })).status, 200);
  await page.getByLabel('Add a comment').fill('Written on the old page.');
  await submit(page, 'Post comment');
  assert.match(await notice(page), /^Posted a comment\. The case changed after you opened it/);
  const link = page.locator('#notice').getByRole('link', { name: 'See the changes in the history' });
  assert.equal(await link.getAttribute('href'), `/cases/${c.id}?org=${admin.org}#history`);
  assert.match(await page.locator('#comment-thread').textContent(), /Written on the old page\./);
  const js = await withJs(page);
  await js.goto(`/cases/${c.id}`);
  assert.equal((await admin.patch(`/api/cases/${c.id}/`, { priority: 'Low' })).status, 200);
  await js.getByLabel('Add a comment').fill('Sent as a plain form.');
  await plainSubmit(js, '#comment');
  assert.match(await notice(js), /The case changed after you opened it/);
  await noA11yProblems(js, 'the stale comment notice');
  await js.close();
});

test('a comment posted with JavaScript says when the case changed, offers a reload, and focus returns to the composer', async () => {
  const { admin, page } = await adminPage(browser, 'Stale comment JS');
  const c = (await admin.post('/api/cases/', { name: 'Moving', status: 'New', priority: 'Low' })).json;
  await page.goto(`/cases/${c.id}`);
  const box = page.getByLabel('Add a comment');
  const status = page.locator('#comment-status');
  assert.equal(await status.getAttribute('role'), 'status');
  await box.fill('First, nothing changed.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  await status.filter({ hasText: 'Posted a comment' }).waitFor();
  assert.doesNotMatch(await status.textContent(), /changed/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'comment', 'focus back in the composer');

  assert.equal((await admin.patch(`/api/cases/${c.id}/`, { status: 'In Progress' })).status, 200);
  await box.fill('Second, after a change.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  await status.filter({ hasText: 'changed after you opened it' }).waitFor();
  assert.equal(await status.getByRole('link', { name: 'Reload the case' }).getAttribute('href'), `/cases/${c.id}`);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'comment');
  assert.equal(await box.inputValue(), '');
  assert.match(await page.locator('#comment-thread').textContent(), /Second, after a change\./);
  await noA11yProblems(page, 'the stale comment status with JavaScript');
  assert.deepEqual(page.errors, []);
});
