// bulk.test.mjs (browser): the case page's quick form and buttons, and the case list's bulk bar, with JavaScript
// on and off, at 1280×800 and 390×844: what they change (read back through the API), the notices, axe-core, and
// screenshots of both.
import test from 'node:test';
import assert from 'node:assert/strict';
import { adminPage, launch, seriousA11yViolations, screenshot } from './lib.mjs';
import { uniq } from '../http/lib.mjs';

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser?.close(); });

const sizes = [{ name: 'desktop', viewport: { width: 1280, height: 800 } }, { name: 'phone', viewport: { width: 390, height: 844 } }];
const runs = sizes.flatMap((s) => [true, false].map((js) => ({ ...s, js, tag: `${s.name}-${js ? 'js' : 'nojs'}` })));

async function noA11yProblems(page) {
  assert.deepEqual(await seriousA11yViolations(page), [], `accessibility of ${page.url()}`);
}

/** Clicks the button named name and waits for the next document. */
async function submit(page, name, scope = page) {
  const [res] = await Promise.all([page.waitForNavigation(), scope.getByRole('button', { name, exact: true }).click()]);
  return res;
}

for (const run of runs) {
  test(`case page quick changes (${run.tag}): the inline form, Assign to me, Close and Reopen`, async () => {
    const { admin, page } = await adminPage(browser, 'Quick', { javaScriptEnabled: run.js, viewport: run.viewport });
    const team = (await admin.post('/api/teams/', { name: `Support ${uniq()}` })).json;
    const c = (await admin.post('/api/cases/', { name: `Printer ${uniq()}`, status: 'New', priority: 'Normal',
      description: 'two\nlines' })).json;
    await page.goto(`/cases/${c.id}`);
    const quick = page.getByRole('region', { name: 'Quick changes' });
    await quick.getByLabel('Status').selectOption('On Hold');
    await quick.getByLabel('Priority').selectOption('High');
    await quick.getByRole('group', { name: 'Teams' }).getByLabel(team.name).check();
    assert.equal((await submit(page, 'Save changes', quick)).status(), 200);
    assert.match(await page.getByRole('status').first().textContent(), /Status: On Hold; Priority: High; Teams: Support/);
    let got = (await admin.get(`/api/cases/${c.id}/`)).json.case_obj;
    assert.deepEqual([got.status, got.priority, got.teams, got.description], ['On Hold', 'High', [team.id], 'two\nlines']);
    if (run.js) await noA11yProblems(page);
    await screenshot(page, `bulk-case-quick-${run.tag}`);

    await submit(page, 'Assign to me', quick);
    assert.match(await page.getByRole('status').first().textContent(), /Assignees: /);
    await submit(page, 'Close case', quick);
    assert.match(await page.getByRole('status').first().textContent(), /Status: Closed/);
    got = (await admin.get(`/api/cases/${c.id}/`)).json.case_obj;
    assert.deepEqual([got.status, got.assigned_to], ['Closed', [admin.user.id]]);
    assert.ok(got.closed_on);
    await submit(page, 'Reopen case', quick);
    got = (await admin.get(`/api/cases/${c.id}/`)).json.case_obj;
    assert.deepEqual([got.status, got.closed_on], ['In Progress', null]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test(`case list bulk bar (${run.tag}): tick cases, change them, the list says how many`, async () => {
    const { admin, page } = await adminPage(browser, 'Bulk bar', { javaScriptEnabled: run.js, viewport: run.viewport });
    const team = (await admin.post('/api/teams/', { name: `Tier 2 ${uniq()}` })).json;
    const ids = [];
    for (const n of [1, 2, 3]) {
      ids.push((await admin.post('/api/cases/', { name: `Bulk case ${n}`, status: 'New', priority: 'Normal' })).json.id);
    }
    await page.goto('/cases');
    const bar = page.getByRole('group', { name: 'Change the selected cases' });
    if (run.js) assert.equal(await bar.isVisible(), false, 'hidden until a case is ticked');
    await page.getByLabel('Select Bulk case 1').check();
    await page.getByLabel('Select Bulk case 2').check();
    assert.equal(await bar.isVisible(), true);
    if (run.js) {
      assert.match(await page.locator('#bulk-count').textContent(), /2 cases selected/);
      assert.equal(await page.locator('#bulk-all').evaluate((el) => el.indeterminate), true);
      const box = await bar.boundingBox();
      assert.ok(box.y + box.height <= run.viewport.height + 1, 'the bar stays in view');
      await noA11yProblems(page);
    }
    await bar.getByLabel('Set priority').selectOption('Critical');
    await bar.getByLabel('Add team').selectOption(team.id);
    await screenshot(page, `bulk-bar-${run.tag}`);
    assert.equal((await submit(page, 'Apply to selected', bar)).status(), 200);
    assert.match(await page.getByRole('status').first().textContent(), /Changed 2 of 2 selected cases/);
    for (const [i, id] of ids.entries()) {
      const got = (await admin.get(`/api/cases/${id}/`)).json.case_obj;
      assert.deepEqual([got.priority, got.teams], i < 2 ? ['Critical', [team.id]] : ['Normal', []]);
    }
    // Select all on this page, then close: the three are closed (and leave the open queue).
    await page.getByLabel('Select all cases on this page').check();
    if (run.js) assert.equal(await page.getByLabel('Select Bulk case 3').isChecked(), true);
    assert.equal((await submit(page, 'Close selected', page.getByRole('group', { name: 'Change the selected cases' }))).status(), 200);
    assert.match(await page.getByRole('status').first().textContent(), /Changed 3 of 3 selected cases/);
    for (const id of ids) assert.equal((await admin.get(`/api/cases/${id}/`)).json.case_obj.status, 'Closed');
    if (run.js) await noA11yProblems(page);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

for (const js of [true, false]) {
  test(`comment edit and delete from the case page (${js ? 'js' : 'nojs'}): a form page, then a confirm step`, async () => {
    const { admin, page } = await adminPage(browser, 'Comment pages', { javaScriptEnabled: js, viewport: sizes[0].viewport });
    const c = (await admin.post('/api/cases/', { name: `Comments ${uniq()}`, status: 'New', priority: 'Normal' })).json;
    await admin.post(`/api/cases/${c.id}/`, { comment: 'first take' });
    await page.goto(`/cases/${c.id}`);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Edit this comment' }).click()]);
    if (js) await noA11yProblems(page);
    const typed = 'second take\n\n  indented <b>line</b>\n';
    await page.getByLabel('Comment').fill(typed);
    assert.equal((await submit(page, 'Save comment')).status(), 200);
    assert.match(await page.getByRole('status').first().textContent(), /Saved your changes to the comment/);
    const stored = (await admin.get(`/api/cases/${c.id}/comments/`)).json.results[0];
    assert.equal(stored.comment, typed, 'as typed');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Edit this comment' }).click()]);
    assert.equal(await page.getByLabel('Comment').inputValue(), typed, 'shown back as stored');
    await page.goBack();
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Delete this comment' }).click()]);
    if (js) await noA11yProblems(page);
    assert.equal((await admin.get(`/api/cases/${c.id}/comments/`)).json.count, 1, 'asking deletes nothing');
    assert.equal((await submit(page, 'Delete comment')).status(), 200);
    assert.match(await page.getByRole('status').first().textContent(), /Deleted the comment/);
    assert.equal((await admin.get(`/api/cases/${c.id}/comments/`)).json.count, 0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}
