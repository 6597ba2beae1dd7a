// views.test.mjs (browser): the views of the /cases page: the sidebar's counts equal the lists they open (an
// ADMIN and a USER), the current view is marked, Save this view with and without JavaScript, a saved view's
// delete asks first, chips on a 390x844 phone with the first case on the first screen, axe, screenshots.
import test from 'node:test';
import assert from 'node:assert/strict';
import { adminPage, launch, newPage, signIn, seriousA11yViolations, screenshot } from './lib.mjs';
import { inviteAndAccept, psql, uniq } from '../http/lib.mjs';

const BUILTIN = ['My open', 'Unassigned', 'My teams', 'Critical and High', 'Not updated for 3 days', 'Recently closed'];

let browser;
let admin; // orgClient plus email and password
let member; // a USER: { email, password }

test.before(async () => {
  browser = await launch();
  const { admin: a, page } = await adminPage(browser, 'Views');
  await page.context().close();
  admin = a;
  const email = `user-${uniq()}@casedesk.test`, password = `password-${uniq()}`;
  const l = await inviteAndAccept(admin, { email, password, role: 'USER' });
  member = { email, password, id: l.user.id };
  const team = (await admin.post('/api/teams/', { name: 'Desk', users: [member.id] })).json;
  const priorities = ['Low', 'Normal', 'High', 'Critical'];
  const ids = [];
  for (let i = 0; i < 14; i++) {
    const r = await admin.post('/api/cases/', { name: `Queue case ${i}`, status: ['New', 'In Progress', 'Closed'][i % 3],
      priority: priorities[i % 4], teams: i % 4 === 2 ? [team.id] : [],
      assigned_to: [[admin.user.id], [member.id], [], []][i % 4] });
    assert.equal(r.status, 201, r.text);
    ids.push(r.json.id);
  }
  // waiting for an update for days: one of the ADMIN's, one of the team's
  psql(`UPDATE cases SET updated_on = now() - interval '5 days' WHERE id IN ('${ids[0]}', '${ids[6]}')`);
});
test.after(async () => { await browser?.close(); });

/** The views of the sidebar (built-in, then saved): { label, count, current, href }. */
async function sidebar(page) {
  return page.locator('#views a.view').evaluateAll((links) => links.map((a) => ({
    label: a.firstChild.textContent.trim(),
    count: Number(a.querySelector('.count').textContent),
    current: a.getAttribute('aria-current') === 'page',
    href: a.getAttribute('href'),
  })));
}

/** The total the list reports ("12 cases", "1 case"). */
async function listTotal(page) {
  const text = await page.locator('#result-count').textContent();
  return Number(/(\d+) cases?/.exec(text)[1]);
}

async function a11y(page) {
  assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${page.url()}`);
}

/** axe on the document a page without JavaScript shows, served as is to a scripted page (axe needs scripts). */
async function a11yNoScript(page) {
  const url = page.url(), html = await page.content();
  const scratch = await newPage(browser);
  try {
    await scratch.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await scratch.goto(url);
    await a11y(scratch);
  } finally {
    await scratch.context().close();
  }
}

test('sidebar counts equal the lists they open, for an ADMIN and a USER; clicking a view marks it', async () => {
  for (const who of [admin, member]) {
    const page = await newPage(browser, { javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    try {
      await signIn(page, who.email, who.password);
      await page.goto('/cases');
      const views = await sidebar(page);
      assert.deepEqual(views.map((v) => v.label), BUILTIN);
      for (const v of views) if (who === member) assert.ok(v.count > 0, `${v.label} holds some of the USER's cases`);
      for (const v of views) {
        await Promise.all([page.waitForURL((u) => `${u.pathname}${u.search}` === v.href),
          page.locator('#views').getByRole('link', { name: new RegExp(`^${v.label} \\d+$`) }).click()]);
        assert.equal(await listTotal(page), v.count, `${v.label} for ${who.email}`);
        const now = await sidebar(page);
        assert.deepEqual(now.filter((x) => x.current).map((x) => x.label), [v.label], `${v.label} is current`);
      }
    } finally {
      await page.context().close();
    }
  }
  // the start page's My open tile opens the My open view
  const page = await newPage(browser, { javaScriptEnabled: false });
  await signIn(page, member.email, member.password);
  await page.goto('/');
  await page.locator('#tile-mine').click();
  await page.waitForURL(/mine=1/);
  assert.deepEqual((await sidebar(page)).filter((x) => x.current).map((x) => x.label), ['My open']);
  await page.context().close();
});

test('Save this view without JavaScript: refused without a name, saved, listed, then deleted after a confirmation', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  try {
    await signIn(page, admin.email, admin.password);
    await page.goto('/cases?priority=Critical&priority=High&resolution=open&ordering=-updated_on');
    const expected = await listTotal(page);
    await page.getByText('Save this view').click();
    await page.getByRole('button', { name: 'Save view' }).evaluate((b) => b.form.noValidate = true);
    await page.getByLabel('Share with the organization').check();
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.waitForURL(/\/views\/new/);
    assert.match(await page.locator('#form-alert').textContent(), /Name of the view/);
    assert.equal(await page.getByLabel('Share with the organization').isChecked(), true, 'the choice is kept');
    await a11yNoScript(page);
    await page.getByLabel('Name of the view').fill('Hot & recent');
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.waitForURL(/\/cases\?view=/);
    assert.match(await page.getByRole('status').first().textContent(), /Saved the view “Hot & recent”/);
    const saved = (await sidebar(page)).find((v) => v.label.startsWith('Hot & recent'));
    assert.ok(saved && saved.current, 'the saved view is listed and current');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Hot & recent', 'named by its view');
    assert.equal(saved.count, expected);
    assert.equal(await listTotal(page), expected);
    assert.equal(await page.locator('#f-ordering').inputValue(), '-updated_on', 'the view\'s filters fill the form');
    await a11yNoScript(page);

    await page.getByRole('link', { name: 'Delete the view Hot & recent' }).click();
    await page.waitForURL(/\/views\/.*\/delete/);
    assert.match(await page.getByRole('heading', { level: 1 }).textContent(), /Delete the view “Hot & recent”\?/);
    await a11yNoScript(page);
    await page.getByRole('button', { name: 'Delete view' }).click();
    await page.waitForURL(/\/cases/);
    assert.match(await page.getByRole('status').first().textContent(), /Deleted the view “Hot & recent”/);
    assert.equal((await sidebar(page)).some((v) => v.label.startsWith('Hot & recent')), false);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
  }
});

test('Save this view with JavaScript: no reload, the sidebar lists it as current; a USER sees a shared view', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  try {
    await signIn(page, admin.email, admin.password);
    await page.goto('/cases?unassigned=true&resolution=open');
    await page.evaluate(() => { window.notReloaded = true; });
    await page.getByText('Save this view').click();
    // past the browser's own check of the required name: the script's
    await page.getByRole('button', { name: 'Save view' }).evaluate((b) => b.form.noValidate = true);
    await page.getByRole('button', { name: 'Save view' }).click();
    assert.match(await page.locator('#view-name-error').textContent(), /blank/);
    const name = `Nobody's ${uniq()}`;
    await page.getByLabel('Name of the view').fill(name);
    await page.getByLabel('Share with the organization').check();
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.locator('#save-view-status', { hasText: 'Saved the view' }).waitFor();
    assert.equal(await page.evaluate(() => window.notReloaded), true, 'saved without a reload');
    assert.match(page.url(), /view=/);
    const saved = (await sidebar(page)).find((v) => v.label.startsWith(name));
    assert.ok(saved && saved.current, 'listed, current');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), name, 'named by its view');
    assert.equal(saved.count, await listTotal(page));
    // the same name again is refused next to the field
    await page.getByLabel('Name of the view').fill(name);
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.locator('#view-name-error', { hasText: 'already' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'queue-views');
    await a11y(page);
    // the refused save's 400 is logged by the browser as a failed resource: expected
    assert.deepEqual(page.errors.filter((e) => !/status of 400/.test(e.message)), []);

    const other = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await signIn(other, member.email, member.password);
    await other.goto('/cases');
    const seen = (await sidebar(other)).find((v) => v.label.startsWith(name));
    assert.ok(seen, 'a shared view is listed for every member');
    assert.equal(await other.getByRole('link', { name: `Delete the view ${name}` }).count(), 0, 'but only its owner or an ADMIN deletes it');
    await other.context().close();
  } finally {
    await page.context().close();
  }
});

test('the views on a 390x844 phone: a row of chips, the first case on the first screen', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const page = await newPage(browser, { javaScriptEnabled, viewport: { width: 390, height: 844 } });
    try {
      await signIn(page, admin.email, admin.password);
      await page.goto('/cases');
      const chips = page.locator('#views a.view');
      const first = await chips.nth(0).boundingBox(), second = await chips.nth(1).boundingBox();
      assert.ok(first && second && Math.abs(first.y - second.y) < 2 && second.x > first.x, 'chips side by side');
      assert.ok(first.height < 48, `one line of chips (${first.height}px)`);
      const list = await page.locator('#results table').boundingBox();
      assert.ok(list.y > first.y + first.height, 'the chips are above the list');
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'the page does not scroll sideways');
      if (javaScriptEnabled) {
        const row = await page.locator('#results tbody tr').first().boundingBox();
        assert.ok(row && row.y + row.height <= 844, `first row ends at ${row && row.y + row.height}`);
        await screenshot(page, 'queue-views-390');
        await a11y(page);
        // the row scrolls sideways; a view opens from it
        await chips.filter({ hasText: 'Unassigned' }).click();
        await page.waitForURL(/unassigned=true/);
      }
      assert.deepEqual(page.errors, []);
    } finally {
      await page.context().close();
    }
  }
});
