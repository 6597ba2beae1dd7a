// roundtrip.test.mjs (browser): every form keeps what was typed. Each text field gets hard text (a leading line
// break, CRLF and LF breaks, two blank lines, tabs, trailing blanks, non-ASCII, markup, an entity); a first submit is
// refused, the page keeps the text and moves the focus to the error summary, the fixed submit saves, Edit shows the
// text as stored and saving it unchanged writes nothing; the JSON API reads back the exact text with LF breaks. A
// Closed case reopened from Edit saves the first time.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, signIn, seriousA11yViolations, screenshot, adminPage } from './lib.mjs';
import { login, uniq } from '../http/lib.mjs';

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser?.close(); });

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const HARD = 'Zoë – 東京 🙂 <script>x</script> &amp;';
/** Text of several lines as typed, and as it is stored (line breaks as LF, nothing else changed). */
const TEXT = `\nFirst line\r\n\tindented by a tab  \n\n\nafter two blank lines\r\n${HARD}  `;
const TEXT2 = `\n\n${HARD}\r\nsecond version\t\tend  \r\n`;
const lf = (s) => s.replace(/\r\n/g, '\n');
/** One line as typed, and as stored: a one-line field is trimmed of surrounding blanks (the field rules). */
const LINE = `  ${HARD} "q" 'a'  `;
const LINE2 = `${HARD} (2)  `;
/** Refused by every text field (a bidirectional control): the first submit of each form fails on it. */
const BAD = '\u202e';

/** Submits the form holding the button named name and waits for the next document. */
async function submit(page, name) {
  const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
  return res;
}

/** The page after a refused submit: 400, the focus on the summary, which links to the field, and field's message. */
async function refused(page, res, field, js) {
  assert.equal(res.status(), 400, `refused: ${page.url()}`);
  const summary = page.locator('#form-alert');
  await summary.waitFor();
  assert.equal(await page.locator('#form-alert:focus').count(), 1, 'the focus is on the error summary');
  assert.equal(await summary.locator(`a[href="#f-${field}"]`).count(), 1, `the summary links to ${field}`);
  assert.equal(await page.locator(`#f-${field}`).getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator(`#f-${field}-error`).textContent(), /Bidirectional/);
  if (js) assert.deepEqual(await seriousA11yViolations(page), [], `accessibility of ${page.url()} refused`);
}

/** The control labelled label (its label may add "(required)"). */
const field = (page, label) => page.getByLabel(new RegExp(`^${label}( \\(required\\))?$`));

/** Fills fields ({label: text}) of the page. */
async function fill(page, fields) {
  for (const [label, text] of Object.entries(fields)) await field(page, label).fill(text);
}

/** Asserts the fields ({label: text}) show text. */
async function shows(page, fields, what) {
  for (const [label, text] of Object.entries(fields))
    assert.equal(await field(page, label).inputValue(), text, `${what}: ${label}`);
}

/** The case as the API reads it, with its ETag and history count. */
async function readCase(admin, id) {
  const r = await admin.get(`/api/cases/${id}/`);
  assert.equal(r.status, 200);
  return { ...r.json.case_obj, etag: r.headers.get('etag'), history: r.json.history_count };
}

for (const js of [false, true]) {
  const mode = js ? 'with JavaScript' : 'without JavaScript';

  test(`case forms keep every typed character, ${mode}; an unchanged save writes nothing`, async () => {
    const { admin, page } = await adminPage(browser, `Roundtrip case ${js}`, { javaScriptEnabled: js });
    await page.goto('/cases/new');
    assert.equal(await page.locator('[name="closed_on"]').count(), 0, 'the create form has no Closed on');
    await fill(page, { Name: LINE, Description: TEXT + BAD });
    await refused(page, await submit(page, 'Create case'), 'description', js);
    await shows(page, { Name: LINE, Description: lf(TEXT) + BAD }, 'New case refused');
    if (js) await screenshot(page, 'roundtrip-new-refused');
    await fill(page, { Description: TEXT });
    await submit(page, 'Create case');
    const id = new RegExp(`/cases/(${UUID})$`).exec(new URL(page.url()).pathname)?.[1];
    assert.ok(id, `created, not ${page.url()}`);
    let c = await readCase(admin, id);
    assert.equal(c.name, LINE.trim());
    assert.equal(c.description, lf(TEXT));

    await page.goto(`/cases/${id}/edit`);
    await shows(page, { Name: LINE.trim(), Description: lf(TEXT) }, 'Edit case');
    await fill(page, { Name: LINE2, Description: TEXT2 + BAD });
    await refused(page, await submit(page, 'Save changes'), 'description', js);
    await shows(page, { Name: LINE2, Description: lf(TEXT2) + BAD }, 'Edit case refused');
    assert.equal((await readCase(admin, id)).description, lf(TEXT), 'nothing saved');
    await fill(page, { Description: TEXT2 });
    await submit(page, 'Save changes');
    assert.equal(new URL(page.url()).pathname, `/cases/${id}`);
    c = await readCase(admin, id);
    assert.equal(c.name, LINE2.trim());
    assert.equal(c.description, lf(TEXT2));

    await page.goto(`/cases/${id}/edit`);
    await shows(page, { Name: LINE2.trim(), Description: lf(TEXT2) }, 'Edit case again');
    await submit(page, 'Save changes');
    assert.equal(new URL(page.url()).pathname, `/cases/${id}`);
    const same = await readCase(admin, id);
    assert.equal(same.description, lf(TEXT2));
    assert.equal(same.name, LINE2.trim());
    assert.equal(same.history, c.history, 'an unchanged save adds no history row');
    assert.equal(same.etag, c.etag, 'an unchanged save makes no new version');
    assert.equal(same.updated_on, c.updated_on);
    assert.deepEqual(page.errors, []);
  });

  test(`a Closed case reopened from Edit saves the first time, ${mode}; closing again sets closed_on`, async () => {
    const { admin, page } = await adminPage(browser, `Reopen ${js}`, { javaScriptEnabled: js });
    const id = (await admin.post('/api/cases/', { name: 'Done', status: 'Closed', priority: 'Normal' })).json.id;
    const closedOn = (await readCase(admin, id)).closed_on;
    assert.match(closedOn, /Z$/);
    await page.goto(`/cases/${id}/edit`);
    assert.equal(await page.locator('[name="closed_on"]').count(), 0, 'Closed on is no input');
    assert.equal((await page.locator('#f-closed_on').textContent()).trim(), closedOn, 'Closed on is shown');
    if (js) assert.deepEqual(await seriousA11yViolations(page), []);
    await page.getByLabel('Status').selectOption('In Progress');
    const res = await submit(page, 'Save changes');
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, `/cases/${id}`, 'saved the first time');
    let c = await readCase(admin, id);
    assert.equal(c.status, 'In Progress');
    assert.equal(c.closed_on, null);
    await page.goto(`/cases/${id}/edit`);
    assert.equal((await page.locator('#f-closed_on').textContent()).trim(), 'Not closed');
    await page.getByLabel('Status').selectOption('Closed');
    await submit(page, 'Save changes');
    assert.equal(new URL(page.url()).pathname, `/cases/${id}`);
    c = await readCase(admin, id);
    assert.equal(c.status, 'Closed');
    assert.match(c.closed_on ?? '', /Z$/, 'closing again sets closed_on');
    // A refused edit of a Closed case still shows when it was closed.
    await page.goto(`/cases/${id}/edit`);
    await fill(page, { Name: `Done${BAD}` });
    await refused(page, await submit(page, 'Save changes'), 'name', js);
    assert.equal((await page.locator('#f-closed_on').textContent()).trim(), c.closed_on);
  });

  test(`the comment form keeps every typed character, ${mode}`, async () => {
    const { admin, page } = await adminPage(browser, `Roundtrip comment ${js}`, { javaScriptEnabled: js });
    const id = (await admin.post('/api/cases/', { name: 'Talk', status: 'New', priority: 'Normal' })).json.id;
    await page.goto(`/cases/${id}`);
    const box = page.getByLabel('Add a comment');
    await box.fill(TEXT + BAD);
    if (js) {
      await page.getByRole('button', { name: 'Post comment' }).click();
      await page.locator('#comment-error', { hasText: /Bidirectional/ }).waitFor();
    } else {
      const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Post comment' }).click()]);
      assert.equal(res.status(), 400);
      assert.match(await page.locator('#comment-error').textContent(), /Bidirectional/);
    }
    assert.equal(await box.inputValue(), lf(TEXT) + BAD, 'the refused comment is kept');
    await box.fill(TEXT);
    if (js) {
      await page.getByRole('button', { name: 'Post comment' }).click();
      await page.locator('#comment-thread .comment').waitFor();
    } else {
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Post comment' }).click()]);
    }
    const comments = (await admin.get(`/api/cases/${id}/`)).json.comments;
    assert.equal(comments.length, 1);
    assert.equal(comments[0].comment, lf(TEXT));
    if (!js) assert.equal(await page.locator('#comment-thread .comment .prose').textContent(), lf(TEXT));
  });
}

/** The admin forms: path, singular, the text fields ({label: [first text, second text]}), the key of each label in the
 *  API row, and how to find the created row in the API list. */
const ADMIN_FORMS = [
  { path: '/admin/teams', one: 'team', api: '/api/teams/',
    fields: { Name: ['name', LINE, LINE2], Description: ['description', TEXT, TEXT2] } },
  { path: '/admin/accounts', one: 'account', api: '/api/accounts/',
    fields: { Name: ['name', LINE, LINE2], Phone: ['phone', LINE, LINE2], Website: ['website', LINE, LINE2],
      Description: ['description', TEXT, TEXT2] } },
  { path: '/admin/contacts', one: 'contact', api: '/api/contacts/',
    fields: { 'First name': ['first_name', LINE, LINE2], 'Last name': ['last_name', LINE, LINE2],
      Phone: ['phone', LINE, LINE2], 'Job title': ['title', LINE, LINE2] } },
];

/** What a field stores of text: several lines with LF breaks, one line trimmed. */
const storedOf = (text) => (text.includes('\n') ? lf(text) : text.trim());

for (const form of ADMIN_FORMS) {
  test(`the ${form.one} form keeps every typed character; an unchanged save keeps the row`, async () => {
    const { admin, page } = await adminPage(browser, `Roundtrip ${form.one}`, { javaScriptEnabled: false });
    const labels = Object.keys(form.fields);
    const typed = (n) => Object.fromEntries(labels.map((l) => [l, form.fields[l][n]]));
    const kept = (n) => Object.fromEntries(labels.map((l) => [l, lf(form.fields[l][n])]));
    const stored = (n) => Object.fromEntries(labels.map((l) => [l, storedOf(form.fields[l][n])]));
    const last = labels.at(-1);
    const readRow = async (id) => {
      const r = await admin.get(`${form.api}${id}/`);
      assert.equal(r.status, 200);
      return r.json;
    };
    const check = (row, want, what) => {
      for (const l of labels) assert.equal(row[form.fields[l][0]], want[l], `${what}: ${l}`);
    };

    await page.goto(`${form.path}/new`);
    await fill(page, { ...typed(1), [last]: form.fields[last][1] + BAD });
    await refused(page, await submit(page, `Create ${form.one}`), form.fields[last][0], false);
    await shows(page, { ...kept(1), [last]: lf(form.fields[last][1]) + BAD }, `New ${form.one} refused`);
    await fill(page, { [last]: form.fields[last][1] });
    await submit(page, `Create ${form.one}`);
    assert.equal(new URL(page.url()).pathname, form.path);
    const list = (await admin.get(form.api)).json.results;
    assert.equal(list.length, 1);
    const id = list[0].id;
    check(await readRow(id), stored(1), `${form.one} created`);

    await page.goto(`${form.path}/${id}/edit`);
    await shows(page, stored(1), `Edit ${form.one}`);
    await fill(page, { ...typed(2), [last]: form.fields[last][2] + BAD });
    await refused(page, await submit(page, 'Save'), form.fields[last][0], false);
    await shows(page, { ...kept(2), [last]: lf(form.fields[last][2]) + BAD }, `Edit ${form.one} refused`);
    check(await readRow(id), stored(1), `${form.one} refused: nothing saved`);
    await fill(page, { [last]: form.fields[last][2] });
    await submit(page, 'Save');
    check(await readRow(id), stored(2), `${form.one} edited`);

    await page.goto(`${form.path}/${id}/edit`);
    await shows(page, stored(2), `Edit ${form.one} again`);
    await submit(page, 'Save');
    assert.equal(new URL(page.url()).pathname, form.path);
    check(await readRow(id), stored(2), `${form.one} saved unchanged`);
  });
}

test('the invitation form keeps the typed name', async () => {
  const { page } = await adminPage(browser, 'Roundtrip invite', { javaScriptEnabled: false });
  await page.goto('/admin/members');
  const email = `new-${uniq()}@casedesk.test`;
  await fill(page, { Email: email, Name: LINE + BAD, Password: 'a-long-password' });
  await refused(page, await submit(page, 'Invite'), 'name', false);
  await shows(page, { Email: email, Name: LINE + BAD }, 'invitation refused');
  await fill(page, { Name: LINE, Password: 'a-long-password' });
  await submit(page, 'Invite');
  assert.match(await page.getByRole('status').textContent(), /Invitation sent/);
  const l = await login(email, 'a-long-password');
  assert.equal(l.user.name, LINE.trim());
});
