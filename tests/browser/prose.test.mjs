// prose.test.mjs (browser): a comment with a URL and an @mention renders a link (rel="noopener nofollow") and a
// highlighted name, with JavaScript on and off, at 1280×800 and 390×844; only members who may open the case are
// suggested; the case list's Export CSV link downloads the list it shows. axe-core on each state, screenshots.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, seriousA11yViolations, screenshot, adminPage } from './lib.mjs';
import { inviteAndAccept } from '../http/lib.mjs';

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser?.close(); });

const VIEWPORTS = [{ width: 1280, height: 800 }, { width: 390, height: 844 }];

/** A case of admin's organization assigned to a named member, and an outsider USER not on it. */
async function caseWithMember(admin) {
  const member = await inviteAndAccept(admin, { role: 'USER', name: 'Mia Member' });
  const outsider = await inviteAndAccept(admin, { role: 'USER', name: 'Otto Outsider' });
  const r = await admin.post('/api/cases/', { name: 'Links and mentions', status: 'New', priority: 'High',
    description: 'Runbook: https://runbook.example.org/printers (page 2).', assigned_to: [member.user.id] });
  assert.equal(r.status, 201, r.text);
  return { c: r.json, member, outsider };
}

for (const viewport of VIEWPORTS) {
  for (const javaScriptEnabled of [true, false]) {
    const tag = `${viewport.width}${javaScriptEnabled ? '' : '-nojs'}`;
    test(`a comment's URL is a link and its mention a highlighted name (${tag})`, async () => {
      const { admin, page } = await adminPage(browser, 'Prose', { viewport, javaScriptEnabled });
      const { c, member } = await caseWithMember(admin);
      await page.goto(`/cases/${c.id}?org=${admin.org}`);
      const text = `Thanks @${member.email}, see https://docs.example.org/guide?x=1&y=2. Not javascript:alert(1).`;
      await page.getByLabel('Add a comment').fill(text);
      await Promise.all([
        javaScriptEnabled ? page.locator('#comment-thread li.comment').first().waitFor() : page.waitForNavigation(),
        page.getByRole('button', { name: 'Post comment' }).click(),
      ]);
      await page.goto(`/cases/${c.id}?org=${admin.org}`);
      const body = page.locator('#comment-thread li.comment .prose').last();
      const link = body.getByRole('link', { name: 'https://docs.example.org/guide?x=1&y=2' });
      assert.equal(await link.getAttribute('href'), 'https://docs.example.org/guide?x=1&y=2');
      assert.equal(await link.getAttribute('rel'), 'noopener nofollow');
      const mention = body.locator('span.mention');
      assert.equal(await mention.textContent(), '@Mia Member');
      assert.equal(await mention.getAttribute('title'), member.email);
      assert.equal(await body.locator('a').count(), 1, 'javascript: is not linked');
      assert.equal(await body.textContent(), text.replace(`@${member.email}`, '@Mia Member'));
      const desc = page.locator('#description-title + .prose a');
      assert.equal(await desc.getAttribute('href'), 'https://runbook.example.org/printers');
      assert.equal(await desc.getAttribute('rel'), 'noopener nofollow');
      // the highlight is visible: a background unlike the text's
      const bg = await mention.evaluate((e) => getComputedStyle(e).backgroundColor);
      assert.notEqual(bg, 'rgba(0, 0, 0, 0)');
      await screenshot(page, `prose-comment-${tag}`);
      if (javaScriptEnabled) assert.deepEqual(await seriousA11yViolations(page), []);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
}

test('the comment box suggests members who may open the case, never an outsider', async () => {
  const { admin, page } = await adminPage(browser, 'Suggest', { viewport: VIEWPORTS[0] });
  const { c, member, outsider } = await caseWithMember(admin);
  await page.goto(`/cases/${c.id}?org=${admin.org}`);
  const box = page.getByLabel('Add a comment');
  await box.fill('');
  await box.type('@');
  const list = page.locator('#mention-suggestions');
  await list.waitFor();
  const offered = await list.locator('[role="option"]').allTextContents();
  assert.ok(offered.some((o) => o.includes(member.email)), offered.join(' | '));
  assert.ok(!offered.some((o) => o.includes(outsider.email)), 'the outsider is not suggested');
  assert.deepEqual(await seriousA11yViolations(page), []);
  await screenshot(page, 'prose-suggestions-1280');
  await page.context().close();
});

test('the case list links to the CSV of the list it shows', async () => {
  for (const viewport of VIEWPORTS) {
    const { admin, page } = await adminPage(browser, 'Export', { viewport });
    await admin.post('/api/cases/', { name: 'Exported one', status: 'New', priority: 'Low' });
    await page.goto('/cases?status=New&ordering=name');
    const link = page.getByRole('link', { name: 'Export CSV' });
    assert.ok(await link.isVisible());
    const href = await link.getAttribute('href');
    assert.match(href, /^\/cases\.csv\?/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /^cases-\d{4}-\d\d-\d\d\.csv$/);
    const fs = await import('node:fs');
    const csv = fs.readFileSync(await download.path(), 'utf8');
    assert.ok(csv.startsWith('id,name,status,priority,'));
    assert.ok(csv.includes(',Exported one,New,Low,'));
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, `cases-export-link-${viewport.width}`);
    await page.context().close();
  }
});
