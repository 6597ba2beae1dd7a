// merge.test.mjs (browser): two people editing one case merge three ways (different fields: both kept; the same
// field: only it is shown, with both values and who changed it, and the user picks), and case forms and links
// carry the case's organization (a save in one tab after switching in another; a link to another organization's
// case offers the switch).
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, signIn, seriousA11yViolations, screenshot } from './lib.mjs';
import { api, inviteAndAccept, newAdmin, uniq } from '../http/lib.mjs';
import { orgClient } from '../http/crm-lib.mjs';

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser?.close(); });

async function noA11yProblems(page) {
  assert.deepEqual(await seriousA11yViolations(page), [], `accessibility of ${page.url()}`);
}

/** Submits the form holding the button named name and waits for the next document. */
async function submit(page, name) {
  const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
  return res;
}

/** A fresh organization with its ADMIN (orgClient + email, password) and a second ADMIN named name. */
async function twoPeople(tag, name) {
  const a = await newAdmin(`${tag} ${uniq()}`);
  const first = { ...orgClient(a), email: a.email, password: a.password };
  const l = await inviteAndAccept(first, { email: `b-${uniq()}@casedesk.test`, role: 'ADMIN', name });
  return { first, second: { email: l.email, password: l.password, id: l.user.id } };
}

async function signedIn(person, opts) {
  const page = await newPage(browser, opts);
  await signIn(page, person.email, person.password);
  return page;
}

test('two people change different fields of one case: both changes are kept, with one save each', async () => {
  const { first, second } = await twoPeople('Merge', 'Bea Other');
  const team = (await first.post('/api/teams/', { name: 'Support' })).json;
  const id = (await first.post('/api/cases/', { name: 'Slow search', status: 'New', priority: 'Normal', description: 'first' })).json.id;
  for (const javaScriptEnabled of [true, false]) {
    const mine = await signedIn(first, { javaScriptEnabled });
    const theirs = await signedIn(second);
    await mine.goto(`/cases/${id}`);
    await Promise.all([mine.waitForNavigation(), mine.getByRole('link', { name: 'Edit' }).click()]);
    await theirs.goto(`/cases/${id}/edit`);
    await theirs.getByLabel('Priority').selectOption(javaScriptEnabled ? 'High' : 'Critical');
    await theirs.getByRole('group', { name: 'Assignees' }).getByLabel(second.email).setChecked(javaScriptEnabled);
    assert.equal((await submit(theirs, 'Save changes')).status(), 200);
    await theirs.context().close();
    const text = javaScriptEnabled ? 'changed by me\nwith JavaScript' : 'changed by me\nwithout JavaScript';
    await mine.getByLabel('Description').fill(text);
    await mine.getByLabel('Support').setChecked(javaScriptEnabled);
    const res = await submit(mine, 'Save changes');
    assert.equal(res.status(), 200);
    assert.equal(new URL(mine.url()).pathname, `/cases/${id}`);
    assert.match(await mine.getByRole('status').textContent(), /merged/);
    if (javaScriptEnabled) { // axe-core needs the page's JavaScript
      await noA11yProblems(mine);
      await screenshot(mine, 'case-merged');
    }
    const c = (await first.get(`/api/cases/${id}/`)).json.case_obj;
    assert.equal(c.description.replace(/\r\n/g, '\n'), text, 'my change is saved');
    assert.equal(c.priority, javaScriptEnabled ? 'High' : 'Critical', 'their change is kept');
    assert.deepEqual(c.assigned_to, javaScriptEnabled ? [second.id] : [], 'their assignees are kept');
    assert.deepEqual(c.teams, javaScriptEnabled ? [team.id] : [], 'my teams are saved');
    assert.equal(c.name, 'Slow search');
    assert.deepEqual(mine.errors, []);
    await mine.context().close();
  }
});

for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  test(`two people change the same fields: only those are shown, with both values and who changed them (${viewport.width}px)`, async () => {
    const { first, second } = await twoPeople('Conflict', 'Bea Other');
    const red = (await first.post('/api/teams/', { name: 'Red team' })).json;
    const blue = (await first.post('/api/teams/', { name: 'Blue team' })).json;
    const id = (await first.post('/api/cases/', { name: 'Printer', status: 'New', priority: 'Normal', description: 'as loaded' })).json.id;
    const mine = await signedIn(first, { viewport });
    await mine.goto(`/cases/${id}/edit`);
    const theirs = await signedIn(second);
    await theirs.goto(`/cases/${id}/edit`);
    await theirs.getByLabel('Priority').selectOption('Critical');
    await theirs.getByLabel('Red team').check();
    await theirs.getByLabel('Description').fill('as loaded');
    assert.equal((await submit(theirs, 'Save changes')).status(), 200);
    await theirs.context().close();

    await mine.getByLabel('Name').fill('Printer on fire');
    await mine.getByLabel('Priority').selectOption('Low');
    await mine.getByLabel('Blue team').check();
    assert.equal((await submit(mine, 'Save changes')).status(), 409);
    const conflict = mine.getByRole('region', { name: /changed this case/ });
    await conflict.waitFor();
    const groups = conflict.getByRole('group');
    assert.deepEqual(await groups.evaluateAll((gs) => gs.map((g) => g.querySelector('legend').textContent)), ['Teams', 'Priority'],
      'only the fields both changed are shown');
    const prio = conflict.getByRole('group', { name: 'Priority' });
    assert.match(await prio.getByLabel(/Keep mine/).evaluate((e) => e.labels[0].textContent), /Low/);
    assert.match(await prio.getByLabel(/Take theirs/).evaluate((e) => e.labels[0].textContent), /Critical/);
    assert.match(await prio.textContent(), /Changed by Bea Other/);
    const teams = conflict.getByRole('group', { name: 'Teams' });
    assert.match(await teams.getByLabel(/Keep mine/).evaluate((e) => e.labels[0].textContent), /Blue team/);
    assert.match(await teams.getByLabel(/Take theirs/).evaluate((e) => e.labels[0].textContent), /Red team/);
    assert.match(await teams.textContent(), /Changed by Bea Other/);
    assert.equal(await mine.getByLabel('Name').count(), 0, 'no field changed by one person only is asked about');
    let stored = (await first.get(`/api/cases/${id}/`)).json.case_obj;
    assert.equal(stored.name, 'Printer', 'nothing is saved before the choice');
    assert.equal(stored.priority, 'Critical');
    assert.ok(await mine.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
    await noA11yProblems(mine);
    await screenshot(mine, `case-conflict-${viewport.width}`);

    await prio.getByLabel(/Keep mine/).check();
    await teams.getByLabel(/Take theirs/).check();
    const res = await submit(mine, 'Save with these choices');
    assert.equal(res.status(), 200);
    assert.equal(new URL(mine.url()).pathname, `/cases/${id}`);
    stored = (await first.get(`/api/cases/${id}/`)).json.case_obj;
    assert.equal(stored.name, 'Printer on fire', 'my change of a field only I changed');
    assert.equal(stored.priority, 'Low', 'mine, as chosen');
    assert.deepEqual(stored.teams, [red.id], 'theirs, as chosen');
    assert.equal(stored.description, 'as loaded');
    assert.ok(!stored.teams.includes(blue.id));
    assert.deepEqual(mine.errors, []);
    await mine.context().close();
  });
}

test('switching organization in one tab: a save in another tab still goes to the case\'s organization', async () => {
  const a = await newAdmin(`Home ${uniq()}`);
  const home = orgClient(a);
  const other = await api('POST', '/api/org/', { token: a.token, body: { name: `Elsewhere ${uniq()}` } });
  assert.equal(other.status, 201);
  const id = (await home.post('/api/cases/', { name: 'Two tabs', status: 'New', priority: 'Normal' })).json.id;
  const tab1 = await newPage(browser);
  await signIn(tab1, a.email, a.password);
  await tab1.goto(`/cases/${id}`);
  const tab2 = await tab1.context().newPage();
  await tab2.goto('/cases');
  await tab2.getByLabel('Organization', { exact: true }).selectOption({ label: other.json.name });
  await Promise.all([tab2.waitForNavigation(), tab2.getByRole('button', { name: 'Switch' }).click()]);
  assert.equal(await tab2.getByLabel('Organization', { exact: true }).locator('option:checked').textContent(), other.json.name);

  // Tab 1, still showing the case of the first organization: a comment (posted by the script), then the edit form.
  await tab1.getByLabel('Add a comment').fill('written after the switch');
  await tab1.getByRole('button', { name: 'Post comment' }).click();
  await tab1.locator('#comment-thread li', { hasText: 'written after the switch' }).waitFor();
  await Promise.all([tab1.waitForNavigation(), tab1.getByRole('link', { name: 'Edit' }).click()]);
  await tab2.reload(); // tab 2 is still in the other organization
  assert.equal(await tab2.getByLabel('Organization', { exact: true }).locator('option:checked').textContent(), other.json.name);
  await tab1.getByLabel('Name').fill('Two tabs, saved');
  await tab1.getByLabel('Description').fill('typed in tab 1');
  const res = await submit(tab1, 'Save changes');
  assert.equal(res.status(), 200);
  assert.equal(new URL(tab1.url()).pathname, `/cases/${id}`);
  assert.equal(await tab1.getByRole('heading', { level: 1 }).textContent(), 'Two tabs, saved');
  const c = (await home.get(`/api/cases/${id}/`)).json;
  assert.equal(c.case_obj.name, 'Two tabs, saved');
  assert.equal(c.case_obj.description, 'typed in tab 1');
  assert.ok(c.comments.some((m) => m.comment === 'written after the switch'));
  assert.equal(c.case_obj.org, a.org);
  assert.deepEqual(tab1.errors, []);
  await tab1.context().close();
});

test('a link to a case of another organization of the user offers the switch; of an organization they are not in: 404', async () => {
  const homeName = `Cases here ${uniq()}`;
  const a = await newAdmin(homeName);
  const home = orgClient(a);
  const id = (await home.post('/api/cases/', { name: 'Over there', status: 'New', priority: 'Normal' })).json.id;
  const other = await api('POST', '/api/org/', { token: a.token, body: { name: `Working here ${uniq()}` } });
  const stranger = await newAdmin(`Secret ${uniq()}`);
  const hidden = (await orgClient(stranger).post('/api/cases/', { name: 'Not yours', status: 'New', priority: 'Normal' })).json.id;
  for (const javaScriptEnabled of [true, false]) {
    const page = await newPage(browser, { javaScriptEnabled });
    await signIn(page, a.email, a.password);
    await page.goto('/cases');
    await page.getByLabel('Organization', { exact: true }).selectOption({ label: other.json.name });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Switch' }).click()]);
    const res = await page.goto(`/cases/${id}`);
    assert.equal(res.status(), 200);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), `This case is in ${homeName}`);
    assert.equal(await page.getByRole('button', { name: `Switch to ${homeName} and open the case` }).count(), 1);
    assert.doesNotMatch(await page.textContent('main'), /Over there/, 'the case itself is not shown before the switch');
    if (javaScriptEnabled) { // axe-core needs the page's JavaScript
      await noA11yProblems(page);
      await screenshot(page, 'case-elsewhere');
    }
    await submit(page, `Switch to ${homeName} and open the case`);
    assert.equal(new URL(page.url()).pathname, `/cases/${id}`);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Over there');
    assert.equal(await page.getByLabel('Organization', { exact: true }).locator('option:checked').textContent(), homeName);

    const gone = await page.goto(`/cases/${hidden}`);
    assert.equal(gone.status(), 404);
    const body = await page.textContent('main');
    assert.doesNotMatch(body, /Secret|Not yours|Switch to/);
    assert.deepEqual(page.errors.filter((e) => !/404/.test(e.message)), []);
    await page.context().close();
  }
});
