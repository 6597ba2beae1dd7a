// cases.test.mjs (browser): the case list and detail pages with and without JavaScript: filters, search,
// sorting, paging, status counts, my cases, comments (AJAX and form), @mentions, attachments, escaping,
// CSRF, tenancy, accessibility (axe) and screenshots at desktop and phone widths.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, signIn, seriousA11yViolations, screenshot } from './lib.mjs';
import { inviteAndAccept, newAdmin, uniq } from '../http/lib.mjs';
import { orgClient } from '../http/crm-lib.mjs';

const PHONE = { width: 375, height: 812 };
const STATUSES = ['New', 'In Progress', 'On Hold', 'Closed'];

let browser;
let admin; // orgClient plus email and password
let member; // a USER of the same organization: { email, password, client }
let account;
let tag;
const cases = []; // the cases made for the list tests, in creation order

/** Adds a member with a known password to admin's organization (invited, and accepting). */
async function addMemberWithPassword(a, role = 'USER', name = '') {
  const email = `${role.toLowerCase()}-${uniq()}@casedesk.test`, password = `password-${uniq()}`;
  const l = await inviteAndAccept(a, { email, password, role, name });
  return { email, password, client: orgClient({ token: l.access_token, org: a.org, user: l.user }) };
}

async function newCase(client, body) {
  const r = await client.post('/api/cases/', { status: 'New', priority: 'Normal', ...body });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

/** Names of the case rows shown in the list's results region. */
async function rowNames(page) {
  return page.locator('#results tbody tr td.name a').allTextContents();
}

const noScript = new WeakSet();

/** A page of its own context with JavaScript disabled. */
async function noJsPage(opts = {}) {
  const page = await newPage(browser, { ...opts, javaScriptEnabled: false });
  noScript.add(page);
  return page;
}

/** axe-core finds no serious violation on the page. axe cannot run where JavaScript is off, so the HTML
 *  of such a page is checked in a scripted page that is served the very same document. */
async function a11y(page) {
  let target = page, scratch = null;
  if (noScript.has(page)) {
    const url = page.url(), html = await page.content();
    scratch = await newPage(browser);
    await scratch.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await scratch.goto(url);
    target = scratch;
  }
  try {
    assert.deepEqual(await seriousA11yViolations(target), [], `axe on ${page.url()}`);
  } finally {
    await scratch?.context().close();
  }
}

test.before(async () => {
  browser = await launch();
  const a = await newAdmin(`Portal ${uniq()}`);
  admin = { ...orgClient(a), email: a.email, password: a.password };
  member = await addMemberWithPassword(admin, 'USER', 'Mia Member');
  const acc = await admin.post('/api/accounts/', { name: `Globex ${uniq()}` });
  assert.equal(acc.status, 201, acc.text);
  account = acc.json;
  tag = `zq${uniq()}`;
  const priorities = ['Low', 'Normal', 'High', 'Critical'];
  for (let i = 0; i < 12; i++) {
    cases.push(await newCase(admin, {
      name: `${tag} printer ${String(i).padStart(2, '0')}`,
      status: STATUSES[i % 4],
      priority: priorities[(i + 1) % 4],
      case_type: i % 2 ? 'Technical' : 'Billing',
      account: i < 3 ? account.id : null,
      assigned_to: i % 3 === 0 ? [admin.user.id] : [member.client.user.id],
    }));
  }
});
test.after(async () => { await browser?.close(); });

test('case list without JavaScript: search, filters, counts, sorting, paging, my cases', async () => {
  const page = await noJsPage();
  await signIn(page, admin.email, admin.password);
  await page.getByRole('link', { name: 'Cases', exact: true }).click();
  await page.waitForURL('**/cases');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Cases');

  // /cases alone is the queue: open cases, highest priority first, then the longest waiting.
  assert.equal(await page.getByLabel('Open or closed').inputValue(), 'open');
  assert.equal(await page.getByLabel('Sort by').inputValue(), '-priority,updated_on');
  await page.goto(`/cases?name=${tag}&resolution=open&ordering=-priority,updated_on`);
  const rank = { Critical: 0, High: 1, Normal: 2, Low: 3 };
  const open = cases.filter((c) => c.status !== 'Closed')
    .sort((x, y) => rank[x.priority] - rank[y.priority] || x.updated_on.localeCompare(y.updated_on) || y.created_on.localeCompare(x.created_on));
  assert.deepEqual(await rowNames(page), open.map((c) => c.name));
  // Each row says how long since its last update (the exact time on hover) and how old the case is.
  const updated = page.locator('#results tbody td[data-label="Updated"] time').first();
  assert.match((await updated.textContent()).trim(), /^(just now|\d+ (min|h|d) ago)$/);
  assert.match(await updated.getAttribute('title'), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  assert.match((await page.locator('#results tbody td[data-label="Age"]').first().textContent()).trim(), /^\d+ (min|h|d)$/);
  await page.goto('/cases');

  // Search through the GET form, over open and closed cases.
  await page.getByLabel('Name contains').fill(tag);
  await page.getByLabel('Open or closed').selectOption('');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/name=/);
  assert.equal(await page.locator('#result-count').textContent(), '12 cases');
  assert.equal((await rowNames(page)).length, 10, 'ten per page by default');
  for (const n of await rowNames(page)) assert.ok(n.startsWith(tag), n);

  // Counts per status, with the other filters applied.
  const counts = await page.locator('.status-counts li').allTextContents();
  assert.match(counts[0], /All statuses\s*12/);
  for (const s of STATUSES) assert.ok(counts.some((c) => new RegExp(`${s}\\s*3$`).test(c.trim())), `${s} in ${counts}`);
  await page.locator('.status-counts').getByRole('link', { name: /^On Hold/ }).click();
  await page.waitForURL(/status=On/);
  assert.equal(await page.locator('#result-count').textContent(), '3 cases');
  assert.equal(await page.getByLabel('Status', { exact: true }).inputValue(), 'On Hold', 'the form shows the filter applied');
  assert.equal(await page.locator('.status-counts a[aria-current="page"]').count(), 1);
  for (const b of await page.locator('#results tbody td[data-label="Status"]').allTextContents()) assert.equal(b.trim(), 'On Hold');

  // More filters: priority, type, account, assignee, open/closed.
  await page.goto(`/cases?name=${tag}&account=${account.id}`);
  assert.equal(await page.locator('#result-count').textContent(), '3 cases');
  assert.equal(await page.getByLabel('Account').locator('option:checked').textContent(), account.name);
  await page.goto(`/cases?name=${tag}&resolution=closed`);
  assert.equal(await page.locator('#result-count').textContent(), '3 cases');
  await page.goto(`/cases?name=${tag}`);
  await page.getByLabel('Type').selectOption('Billing');
  await page.getByLabel('Assignee').selectOption({ label: 'Mia Member' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/case_type=Billing/);
  const expected = cases.filter((c) => c.case_type === 'Billing' && c.assigned_to.includes(member.client.user.id));
  assert.deepEqual((await rowNames(page)).sort(), expected.map((c) => c.name).sort());

  // Updated on or after / before: date inputs, kept in the form after applying.
  await page.goto(`/cases?name=${tag}`);
  await page.getByLabel('Updated on or after').fill('2000-01-01');
  await page.getByLabel('Updated before').fill('2000-01-02');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/updated_before=2000-01-02/);
  assert.equal(await page.locator('#result-count').textContent(), '0 cases');
  assert.equal(await page.getByLabel('Updated on or after').inputValue(), '2000-01-01');
  await page.getByLabel('Updated before').fill('');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL((u) => !u.search.includes('updated_before=2'));
  assert.equal(await page.locator('#result-count').textContent(), '12 cases');

  // Sorting by a column header toggles the direction and says so (aria-sort).
  await page.goto(`/cases?name=${tag}&limit=5`);
  await page.locator('thead').getByRole('link', { name: 'Name' }).click();
  await page.waitForURL(/ordering=name/);
  assert.equal(await page.locator('th[aria-sort]').getAttribute('aria-sort'), 'ascending');
  const byName = cases.map((c) => c.name).sort();
  assert.deepEqual(await rowNames(page), byName.slice(0, 5));
  await page.locator('thead').getByRole('link', { name: 'Name' }).click();
  await page.waitForURL(/ordering=-name/);
  assert.equal(await page.locator('th[aria-sort]').getAttribute('aria-sort'), 'descending');
  assert.deepEqual(await rowNames(page), byName.slice().reverse().slice(0, 5));

  // Paging keeps the filters and the ordering.
  await page.getByRole('link', { name: 'Next page' }).click();
  await page.waitForURL(/offset=5/);
  assert.match(page.url(), /ordering=-name/);
  assert.match(page.url(), new RegExp(`name=${tag}`));
  assert.deepEqual(await rowNames(page), byName.slice().reverse().slice(5, 10));
  await page.getByRole('link', { name: 'Next page' }).click();
  await page.waitForURL(/offset=10/);
  assert.equal((await rowNames(page)).length, 2);
  assert.equal(await page.getByRole('link', { name: 'Next page' }).count(), 0);
  await page.getByRole('link', { name: 'Previous page' }).click();
  await page.waitForURL(/offset=5/);
  await a11y(page);

  // My cases: the open cases the signed-in user created or is assigned to.
  await page.getByRole('link', { name: 'My cases' }).click();
  await page.waitForURL(/mine=1/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'My cases');
  assert.equal(await page.getByRole('link', { name: 'My cases' }).getAttribute('aria-current'), 'page');
  const mine = new Set(cases.filter((c) => c.status !== 'Closed' &&
    (c.created_by === admin.user.id || c.assigned_to.includes(admin.user.id))).map((c) => c.name));
  await page.getByLabel('Name contains').fill(tag);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/mine=1.*name=|name=.*mine=1/);
  assert.deepEqual(new Set(await rowNames(page)), mine);

  // A malformed filter is explained, not a crash.
  const bad = await page.goto('/cases?assigned_to=not-a-uuid');
  assert.equal(bad.status(), 400);
  assert.match(await page.getByRole('alert').textContent(), /assigned_to/);
  assert.deepEqual(page.errors, []);
});

test('the queue on a 390x844 phone: filters folded under their summary, the first case on the first screen', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const page = await newPage(browser, { javaScriptEnabled, viewport: { width: 390, height: 844 } });
    try {
      await signIn(page, admin.email, admin.password);
      await page.goto(`/cases?name=${tag}&resolution=open&ordering=-priority,updated_on`);
      const panel = page.locator('#filter-panel');
      // Without JavaScript nothing folds it: every filter stays reachable.
      assert.equal(await panel.evaluate((d) => d.open), !javaScriptEnabled, `open with JavaScript ${javaScriptEnabled}`);
      if (javaScriptEnabled) {
        const first = await page.locator('#results tbody tr').first().boundingBox();
        assert.ok(first && first.y + first.height <= 844, `first row ends at ${first && first.y + first.height}`);
        await screenshot(page, 'case-queue-390');
        await page.getByText('Filters and order').click();
        assert.equal(await panel.evaluate((d) => d.open), true);
        await page.getByLabel('Priority', { exact: true }).selectOption('Critical');
        await page.waitForURL(/priority=Critical/);
        for (const p of await page.locator('#results tbody td[data-label="Priority"]').allTextContents()) assert.equal(p.trim(), 'Critical');
        assert.deepEqual(await seriousA11yViolations(page), []);
      }
      assert.deepEqual(page.errors, []);
    } finally {
      await page.context().close();
    }
  }
});

test('case list with JavaScript: live search keeps the URL in sync, local times; screenshots', async () => {
  const page = await newPage(browser);
  await signIn(page, admin.email, admin.password);
  await page.goto('/cases?limit=10');
  await page.evaluate(() => { window.noReload = true; });
  await page.getByLabel('Name contains').pressSequentially(`${tag} printer 1`, { delay: 20 });
  await page.waitForFunction(() => location.search.includes('printer'));
  await page.waitForFunction(() => document.querySelectorAll('#results tbody tr').length === 2);
  assert.equal(await page.evaluate(() => window.noReload), true, 'the list was swapped in place, not reloaded');
  assert.deepEqual((await rowNames(page)).sort(), [`${tag} printer 10`, `${tag} printer 11`]);
  assert.equal(await page.locator('#result-count').textContent(), '2 cases');
  assert.equal(new URL(page.url()).searchParams.get('name'), `${tag} printer 1`);

  // Changing a select filters live too.
  await page.getByLabel('Status', { exact: true }).selectOption('Closed');
  await page.waitForFunction(() => location.search.includes('status=Closed'));
  await page.waitForFunction(() => document.querySelectorAll('#results tbody tr').length === 1);
  assert.deepEqual(await rowNames(page), [`${tag} printer 11`]);
  await page.getByLabel('Name contains').fill(`${tag} nothing like this`);
  await page.waitForFunction(() => document.querySelectorAll('#results tbody tr').length === 0);
  assert.match(await page.locator('#results').textContent(), /No cases match/);
  assert.equal(await page.locator('#result-count').textContent(), '0 cases');

  // Times are shown in local time; the ISO value stays in the attribute.
  await page.goto(`/cases?name=${tag}&limit=25`);
  const t = page.locator('#results time').first();
  assert.match(await t.getAttribute('datetime'), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.doesNotMatch(await t.textContent(), /UTC$/, 'rewritten by the script');
  await a11y(page);
  await screenshot(page, 'case-list');
  assert.deepEqual(page.errors, []);

  const phone = await newPage(browser, { viewport: PHONE });
  await signIn(phone, admin.email, admin.password);
  await phone.goto(`/cases?name=${tag}&limit=5`);
  await a11y(phone);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 375px (${overflow}px too wide)`);
  await screenshot(phone, 'case-list-375');
  assert.deepEqual(phone.errors, []);
});

test('case detail: facts, comments via AJAX with @mention suggestions, history; screenshots', async () => {
  const c = await newCase(admin, {
    name: `${tag} detail`, priority: 'High', case_type: 'Bug Report', account: account.id,
    description: 'Line one\nLine two', assigned_to: [member.client.user.id],
  });
  assert.equal((await admin.put(`/api/cases/${c.id}/`, { status: 'In Progress' })).status, 200);
  const page = await newPage(browser);
  await signIn(page, admin.email, admin.password);
  await page.goto('/cases?name=' + encodeURIComponent(`${tag} detail`));
  await page.getByRole('link', { name: `${tag} detail` }).click();
  await page.waitForURL((u) => u.pathname === `/cases/${c.id}` && u.searchParams.get('org') === admin.org);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), `${tag} detail`);
  const facts = await page.locator('dl.facts').textContent();
  assert.match(facts, /In Progress/);
  assert.equal(await page.locator('#description-title + .prose').innerText(), 'Line one\nLine two', 'line breaks kept');
  assert.match(facts, /Bug Report/);
  assert.match(facts, new RegExp(account.name));
  assert.match(await page.locator('section', { has: page.getByRole('heading', { name: 'Assignees' }) }).textContent(), /Mia Member/);
  assert.match(await page.locator('#history').textContent(), /changed the status[\s\S]*?New\s*→\s*to\s*In Progress/);
  assert.equal(await page.getByRole('link', { name: 'Edit' }).getAttribute('href'), `/cases/${c.id}/edit?org=${admin.org}`);
  assert.equal(await page.getByRole('link', { name: 'Delete' }).getAttribute('href'), `/cases/${c.id}/delete?org=${admin.org}`);

  // Empty comment: the message appears beside the field, nothing is sent.
  await page.getByRole('button', { name: 'Post comment' }).click();
  assert.match(await page.locator('#comment-error').textContent(), /blank/);

  // @mention suggestions: a listbox driven by the keyboard.
  await page.evaluate(() => { window.noReload = true; });
  const box = page.getByLabel('Add a comment');
  await box.fill('');
  await box.pressSequentially('Thanks @mia', { delay: 20 });
  const option = page.getByRole('option', { name: new RegExp(member.email.replace(/[.]/g, '\\.')) });
  await option.waitFor();
  assert.equal(await page.getByRole('listbox', { name: 'Members to mention' }).isVisible(), true);
  await box.press('Enter');
  assert.equal(await box.inputValue(), `Thanks @${member.email} `);
  await box.pressSequentially('please look.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  await page.locator('#comment-thread li').filter({ hasText: 'please look.' }).waitFor();
  assert.equal(await page.evaluate(() => window.noReload), true, 'posted without a reload');
  assert.equal(await box.inputValue(), '');
  assert.equal(await page.locator('#comment-count').textContent(), '1');
  const stored = await admin.get(`/api/cases/${c.id}/`);
  assert.equal(stored.json.comments.length, 1);
  assert.equal(stored.json.comments[0].comment, `Thanks @${member.email} please look.`);
  await a11y(page);
  await page.reload();
  await screenshot(page, 'case-detail');
  assert.deepEqual(page.errors, []);

  const phone = await newPage(browser, { viewport: PHONE });
  await signIn(phone, admin.email, admin.password);
  await phone.goto(`/cases/${c.id}`);
  await a11y(phone);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 375px (${overflow}px too wide)`);
  await screenshot(phone, 'case-detail-375');
  assert.deepEqual(phone.errors, []);
});

test('case detail without JavaScript: comment form, validation keeps the text, attachments', async () => {
  const c = await newCase(admin, { name: `${tag} nojs` });
  const page = await noJsPage();
  await signIn(page, member.email, member.password); // a USER who can see the case through the assignment
  assert.equal((await admin.put(`/api/cases/${c.id}/`, { assigned_to: [member.client.user.id] })).status, 200);
  await page.goto(`/cases/${c.id}`);
  assert.equal(await page.getByRole('link', { name: 'Delete' }).count(), 0, 'a USER may delete only their own cases');

  // A blank comment: 400, the page again with the message beside the field.
  await page.getByLabel('Add a comment').fill('   ');
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/cases/${c.id}/comments?org=${admin.org}`)),
    page.getByRole('button', { name: 'Post comment' }).click(),
  ]);
  assert.equal(refused.status(), 400);
  assert.match(await page.locator('#comment-error').textContent(), /blank/);
  assert.equal(await page.getByLabel('Add a comment').getAttribute('aria-invalid'), 'true');
  await a11y(page);

  await page.getByLabel('Add a comment').fill('Posted <b>without</b> scripts');
  await page.getByRole('button', { name: 'Post comment' }).click();
  await page.waitForURL(new RegExp(`/cases/${c.id}\\?org=${admin.org}#comment-`));
  assert.match(await page.locator('#comment-thread').textContent(), /Posted <b>without<\/b> scripts/);
  assert.match(await page.locator('#comment-thread').textContent(), /Mia Member/);

  // Upload without a file: the message beside the file field.
  const [noFile] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/cases/${c.id}/attachments?org=${admin.org}`)),
    page.getByRole('button', { name: 'Upload' }).click(),
  ]);
  assert.equal(noFile.status(), 400);
  assert.match(await page.locator('#file-error').textContent(), /Choose a file/);

  // Upload, download, delete.
  const content = `notes ${uniq()}\n`;
  await page.getByLabel('Attach files').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(content) });
  await page.getByRole('button', { name: 'Upload' }).click();
  await page.waitForURL(new RegExp(`/cases/${c.id}\\?org=${admin.org}#attachments`));
  const link = page.locator('#attachments').getByRole('link', { name: 'notes.txt', exact: true });
  const href = await link.getAttribute('href');
  assert.match(href, /^\/api\/cases\/attachment\/[0-9a-f-]{36}\/$/);
  assert.match(await page.locator('#attachments').textContent(), /bytes, uploaded by Mia Member/);
  const dl = await page.request.get(href);
  assert.equal(dl.status(), 200);
  assert.equal(await dl.text(), content);
  assert.match(dl.headers()['content-disposition'], /^attachment/);
  assert.match(await page.locator('#history').textContent(), /attached\s*notes\.txt/);
  await a11y(page);

  // Another member (not the uploader, not ADMIN) gets no delete link; the admin does.
  const adminPage = await noJsPage();
  await signIn(adminPage, admin.email, admin.password);
  await adminPage.goto(`/cases/${c.id}`);
  assert.equal(await adminPage.getByRole('link', { name: 'Delete notes.txt' }).count(), 1);

  // Delete asks first (a page of its own without JavaScript), then deletes.
  await page.getByRole('link', { name: 'Delete notes.txt' }).click();
  await page.waitForURL(/\/cases\/attachment\/[0-9a-f-]{36}\/delete\?org=/);
  await page.getByRole('button', { name: 'Delete attachment' }).click();
  await page.waitForURL(new RegExp(`/cases/${c.id}\\?org=${admin.org}#attachments`));
  assert.equal(await page.locator('#attachments').getByRole('link', { name: 'notes.txt', exact: true }).count(), 0);
  assert.match(await page.locator('#attachments').textContent(), /No attachments/);
  assert.equal((await page.request.get(href)).status(), 404);
  assert.deepEqual(page.errors, []);
});

test('a case named <script>alert(1)</script> is shown as text', async () => {
  const evil = '<script>alert(1)</script>';
  const c = await newCase(admin, { name: evil, description: '<img src=x onerror=alert(2)>' });
  await admin.post(`/api/cases/${c.id}/`, { comment: '<script>alert(3)</script>' });
  const page = await newPage(browser);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await signIn(page, admin.email, admin.password);
  await page.goto(`/cases?name=${encodeURIComponent('<script>')}`);
  assert.equal(await page.locator('#results').getByRole('link', { name: evil }).count(), 1);
  await page.locator('#results').getByRole('link', { name: evil }).click();
  await page.waitForURL((u) => u.pathname === `/cases/${c.id}` && u.searchParams.get('org') === admin.org);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), evil);
  assert.match(await page.locator('#comment-thread').textContent(), /<script>alert\(3\)<\/script>/);
  assert.match(await page.locator('.prose').first().textContent(), /<img src=x onerror=alert\(2\)>/);
  assert.equal(await page.locator('main script, main img').count(), 0);
  assert.equal(dialogs, 0);
  assert.deepEqual(page.errors, []);
});

test('a form post without the CSRF token is refused (403)', async () => {
  const c = await newCase(admin, { name: `${tag} csrf` });
  const page = await noJsPage();
  await signIn(page, admin.email, admin.password);
  const r = await page.request.post(`/cases/${c.id}/comments`, { form: { comment: 'forged' }, maxRedirects: 0 });
  assert.equal(r.status(), 403);
  assert.equal((await admin.get(`/api/cases/${c.id}/`)).json.comments.length, 0);
});

test('another organization sees nothing: empty list, 404 pages', async () => {
  const c = await newCase(admin, { name: `${tag} private` });
  const up = await admin.post(`/api/cases/${c.id}/`, { comment: 'with a file' });
  assert.equal(up.status, 201);
  const o = await newAdmin(`Other ${uniq()}`);
  const page = await newPage(browser);
  await signIn(page, o.email, o.password);
  await page.goto(`/cases?name=${tag}`);
  assert.equal(await page.locator('#result-count').textContent(), '0 cases');
  assert.equal(await page.locator('#results tbody tr').count(), 0);
  assert.match(await page.locator('.status-counts').textContent(), /All statuses\s*0/);
  const res = await page.goto(`/cases/${c.id}`);
  assert.equal(res.status(), 404);
  assert.match(await page.getByRole('heading', { level: 1 }).textContent(), /404/);
  assert.doesNotMatch(await page.content(), new RegExp(`${tag} private`));
  await a11y(page);
  const post = await page.request.post(`/cases/${c.id}/comments`, {
    form: { comment: 'hello', csrf_token: await page.locator('meta[name="csrf-token"]').getAttribute('content') },
    maxRedirects: 0,
  });
  assert.equal(post.status(), 404);
  // A USER of the same organization who is not involved in the case does not see it either.
  const outsider = await addMemberWithPassword(admin, 'USER');
  const p2 = await noJsPage();
  await signIn(p2, outsider.email, outsider.password);
  assert.equal((await p2.goto(`/cases/${c.id}`)).status(), 404);
  await p2.goto(`/cases?name=${tag}`);
  assert.equal(await p2.locator('#result-count').textContent(), '0 cases');
  assert.deepEqual(page.errors, []);
});
