// dashboard.test.mjs (browser): the start page's dashboard and the account and contact pages at desktop
// (1280×800) and phone (390×844) sizes, with and without JavaScript: every number leads to a list showing that
// many cases, the chart and its table, axe-core with no serious violation, and screenshots.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, signIn, seriousA11yViolations, screenshot } from './lib.mjs';
import { inviteAndAccept, newAdmin, uniq } from '../http/lib.mjs';
import { orgClient } from '../http/crm-lib.mjs';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let browser, admin, member, account, contact;

async function newCase(client, body) {
  const r = await client.post('/api/cases/', { name: `Case ${uniq()}`, status: 'New', priority: 'Normal', ...body });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

test.before(async () => {
  browser = await launch();
  const a = await newAdmin(`Dashboard ${uniq()}`);
  admin = { ...orgClient(a), email: a.email, password: a.password };
  const email = `user-${uniq()}@casedesk.test`, password = `password-${uniq()}`;
  const l = await inviteAndAccept(a, { email, password, role: 'USER', name: 'Uma User' });
  member = { ...orgClient({ token: l.access_token, org: a.org, user: l.user }), email, password };
  account = (await admin.post('/api/accounts/', { name: `Initech ${uniq()}`, email: 'help@initech.test' })).json;
  contact = (await admin.post('/api/contacts/', { first_name: 'Peter', last_name: 'Gibbons', account: account.id })).json;
  const statuses = ['New', 'In Progress', 'On Hold', 'Closed'], priorities = ['Low', 'Normal', 'High', 'Critical'];
  for (let i = 0; i < 24; i++) {
    await newCase(admin, {
      name: `TPS report ${i}`,
      status: statuses[i % 4],
      priority: priorities[(i * 3) % 4],
      account: i % 2 ? account.id : null,
      contacts: i % 4 === 1 ? [contact.id] : [],
      assigned_to: i % 3 === 0 ? [admin.user.id] : i % 3 === 1 ? [member.user.id] : [],
    });
  }
  await newCase(member, { name: 'Stapler missing', priority: 'Critical' });
});
test.after(async () => { await browser?.close(); });

/** The dashboard's links with their numbers: [{ name, n, href }] for the tiles and the backlog rows. */
async function numbers(page) {
  const out = [];
  for (const sel of ['.tile a', '.backlog-list a']) {
    for (const link of await page.locator(sel).all()) {
      const n = Number(await link.locator('.tile-count, .backlog-count').textContent());
      out.push({ name: (await link.innerText()).replace(/\s+/g, ' ').trim(), n, href: await link.getAttribute('href') });
    }
  }
  return out;
}

/** The number of cases the list page shows ("12 cases", "1 case"). */
async function shownCount(page) {
  const t = await page.locator('#result-count').textContent();
  return Number(/^(\d+) cases?$/.exec(t)[1]);
}

/** Each number of the dashboard on page leads, by its link, to a list of exactly that many cases. */
async function linksMatch(page) {
  await page.goto('/');
  const all = await numbers(page);
  assert.equal(all.length, 2 + 3 + 4);
  for (const { name, n, href } of all) {
    await page.goto('/');
    await Promise.all([page.waitForURL((u) => u.pathname === '/cases'), page.locator(`a[href="${href}"]`).first().click()]);
    assert.equal(await shownCount(page), n, `${name} → ${page.url()}`);
  }
  return all;
}

async function a11y(page) {
  assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${page.url()}`);
}

test('the dashboard at desktop and phone size: tiles, backlog, chart with its table; axe; screenshots', async () => {
  for (const [viewport, name] of [[DESKTOP, 'desktop'], [PHONE, 'phone']]) {
    const page = await newPage(browser, { viewport });
    await signIn(page, admin.email, admin.password);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Dashboard');
    assert.ok(await page.getByRole('link', { name: /My open cases/ }).isVisible());
    assert.ok(await page.getByRole('link', { name: /Unassigned open cases/ }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'Open the case queue' }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'New case' }).first().isVisible());
    const chart = page.getByRole('img', { name: /Cases created and closed per day/ });
    assert.ok(await chart.isVisible());
    const box = await chart.boundingBox();
    assert.ok(box.width <= viewport.width && box.height > 50, JSON.stringify(box));
    // Nothing wider than the screen.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    // The table of the chart, folded until asked for.
    assert.equal(await page.locator('#per-day-table').isVisible(), false);
    await page.getByText('The numbers per day, as a table').click();
    assert.equal(await page.locator('#per-day-table tbody tr').count(), 30);
    const today = page.locator('#per-day-table tbody tr').last();
    assert.equal(await today.locator('td').first().textContent(), '25');
    await a11y(page);
    await screenshot(page, `dashboard-${name}`);
    await page.context().close();
  }
});

test('every number of the ADMIN\'s and the USER\'s dashboard leads to a list of that many cases', async () => {
  const page = await newPage(browser, { viewport: DESKTOP });
  await signIn(page, admin.email, admin.password);
  const ofAdmin = await linksMatch(page);
  await page.context().close();
  const upage = await newPage(browser, { viewport: PHONE });
  await signIn(upage, member.email, member.password);
  const ofUser = await linksMatch(upage);
  // The USER counts only the cases they may see: those assigned to them and their own.
  const total = (xs) => xs.filter((x) => /^(New|In Progress|On Hold) /.test(x.name)).reduce((s, x) => s + x.n, 0);
  assert.equal(total(ofAdmin), 19);
  assert.equal(total(ofUser), 7);
  await upage.context().close();
});

test('without JavaScript the dashboard shows the same numbers and the chart', async () => {
  const page = await newPage(browser, { viewport: DESKTOP, javaScriptEnabled: false });
  await signIn(page, admin.email, admin.password);
  assert.equal(await page.locator('.chart svg rect.bar.created').count(), 30);
  const all = await numbers(page);
  const mine = all.find((x) => x.name.startsWith(String(all[0].n)));
  await page.goto(mine.href);
  assert.equal(await shownCount(page), mine.n);
  await page.context().close();
});

test('the account and contact pages: details, cases with filters and pages, at both sizes; axe; screenshots', async () => {
  for (const [viewport, name] of [[DESKTOP, 'desktop'], [PHONE, 'phone']]) {
    for (const js of [true, false]) {
      const page = await newPage(browser, { viewport, javaScriptEnabled: js });
      await signIn(page, admin.email, admin.password);
      // From the case list's Account column.
      await page.goto(`/cases?account=${account.id}`);
      await Promise.all([page.waitForURL(/\/accounts\//), page.locator('td[data-label="Account"] a').first().click()]);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), account.name);
      assert.equal(await shownCount(page), 12);
      if (js) {
        await a11y(page);
        await screenshot(page, `account-${name}`);
      }
      await page.getByText('Filters and order').click();
      await page.getByLabel('Status', { exact: true }).selectOption('In Progress');
      await Promise.all([page.waitForURL(/status=In/), page.getByRole('button', { name: 'Apply filters' }).click()]);
      assert.equal(new URL(page.url()).pathname, `/accounts/${account.id}`);
      assert.equal(await shownCount(page), 6);
      await page.goto(`/accounts/${account.id}?limit=10`);
      await Promise.all([page.waitForURL(/offset=10/), page.getByRole('link', { name: 'Next page' }).click()]);
      assert.equal(await page.locator('#results tbody tr').count(), 2);
      // The case page links to the contact; its page lists the cases naming it.
      await page.goto(`/contacts/${contact.id}`);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Peter Gibbons');
      assert.equal(await shownCount(page), 6);
      await Promise.all([page.waitForURL(/\/cases\//), page.locator('#results td.name a').first().click()]);
      await Promise.all([page.waitForURL(/\/contacts\//), page.getByRole('link', { name: 'Peter Gibbons' }).click()]);
      await Promise.all([page.waitForURL(/\/accounts\//), page.locator('dl.facts').getByRole('link', { name: account.name }).click()]);
      if (js && name === 'desktop') {
        await page.goto(`/contacts/${contact.id}`);
        await a11y(page);
        await screenshot(page, 'contact-desktop');
      }
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  }
});
