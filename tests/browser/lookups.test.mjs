// lookups.test.mjs (browser): the case list's filters in an organization with more members than they list:
// finding an assignee by text with JavaScript and without, choosing among several matches, the named rows, axe.
import test from 'node:test';
import assert from 'node:assert/strict';
import { adminPage, launch, seriousA11yViolations, screenshot } from './lib.mjs';
import { psql, uniq } from '../http/lib.mjs';

const PHONE = { width: 390, height: 844 };
let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser?.close(); });

/** Adds 110 members (Member <tag> 001 ...) to the organization; returns the tag and the last one's id. */
function manyMembers(org) {
  const tag = uniq().replace(/[^a-z0-9]/gi, '');
  psql(`WITH u AS (INSERT INTO users (email, name, password_hash)
          SELECT 'zz-${tag}-' || lpad(i::text, 3, '0') || '@casedesk.test', 'Member ${tag} ' || lpad(i::text, 3, '0'), 'x'
          FROM generate_series(1, 110) i RETURNING id)
        INSERT INTO memberships (org_id, user_id, role) SELECT '${org}', id, 'USER' FROM u`);
  const last = psql(`SELECT u.id FROM users u WHERE u.email = 'zz-${tag}-110@casedesk.test'`).trim();
  return { tag, last };
}

for (const javaScriptEnabled of [true, false]) {
  test(`an assignee past the first 100 is found by text and filtered by (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const { admin, page } = await adminPage(browser, 'Lookups', { javaScriptEnabled });
    const { tag, last } = manyMembers(admin.org);
    const name = `Far case ${uniq()}`;
    assert.equal((await admin.post('/api/cases/', { name, status: 'New', priority: 'High', assigned_to: [last] })).status, 201);
    assert.equal((await admin.post('/api/cases/', { name: `Near ${uniq()}`, status: 'New', priority: 'High' })).status, 201);

    await page.goto('/cases');
    await assert.doesNotReject(page.getByRole('cell', { name: `Member ${tag} 110` }).waitFor(), 'the row names the assignee');
    const panel = page.locator('#filter-panel');
    if (!(await panel.evaluate((d) => d.open))) await page.getByText('Filters and order').click();
    // Several matches: offered as the choices, the text kept.
    await page.getByLabel('Find an assignee by name or email').fill(`${tag}-10`);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('alert').getByText(/members match/).waitFor();
    assert.equal(await page.getByLabel('Find an assignee by name or email').inputValue(), `${tag}-10`);
    const offered = await page.locator('#f-assignee option').allTextContents();
    // "<tag>-10" is in the emails of members 100 to 109; the first option is "Anyone".
    assert.deepEqual(offered.slice(1), Array.from({ length: 10 }, (_, i) => `Member ${tag} ${100 + i}`), 'the matches are the choices');
    if (javaScriptEnabled) { // axe runs as a script in the page
      assert.deepEqual(await seriousA11yViolations(page), []);
      await screenshot(page, 'queue-find-assignee');
    }
    // One match: the list is filtered by that member.
    await page.getByLabel('Find an assignee by name or email').fill(`zz-${tag}-110@`);
    await Promise.all([page.waitForURL((u) => u.searchParams.get('assigned_to') === last),
      page.getByRole('button', { name: 'Apply filters' }).click()]);
    await page.getByRole('link', { name }).waitFor();
    assert.equal(await page.locator('table.cases tbody tr').count(), 1);
    assert.equal(await page.locator('#f-assignee option:checked').textContent(), `Member ${tag} 110`);
    assert.equal(await page.getByLabel('Find an assignee by name or email').inputValue(), '');
    assert.deepEqual(page.errors, []);
  });
}

test('on a phone the find field fits and the first case stays reachable', async () => {
  const { admin, page } = await adminPage(browser, 'Lookups phone', { viewport: PHONE });
  manyMembers(admin.org);
  assert.equal((await admin.post('/api/cases/', { name: `Phone ${uniq()}`, status: 'New', priority: 'High' })).status, 201);
  await page.goto('/cases');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `no sideways scrolling (${width} px)`);
  assert.deepEqual(await seriousA11yViolations(page), []);
});
