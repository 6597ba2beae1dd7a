// auth.test.mjs (browser): signing in and out, the organization switcher, CSRF refusal, accessibility.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, signIn, seriousA11yViolations, screenshot } from './lib.mjs';
import { createUser, newAdmin, api, uniq } from '../http/lib.mjs';

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser?.close(); });

test('sign in, switch organization, sign out', async () => {
  const a = await newAdmin(`Alpha ${uniq()}`);
  const second = await api('POST', '/api/org/', { token: a.token, body: { name: `Beta ${uniq()}` } });
  assert.equal(second.status, 201);
  const page = await newPage(browser);
  await page.goto('/login');
  assert.deepEqual(await seriousA11yViolations(page), []);
  await screenshot(page, 'login');
  await page.getByLabel('Email').fill(a.email);
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /Invalid email or password/);
  assert.equal(await page.getByLabel('Email').inputValue(), a.email, 'the email is kept');
  await signIn(page, a.email, a.password);
  assert.match(await page.locator('header').textContent(), new RegExp(a.email.replace('.', '\\.')));
  assert.deepEqual(await seriousA11yViolations(page), []);
  await page.getByLabel('Organization', { exact: true }).selectOption({ label: second.json.name });
  await page.getByRole('button', { name: 'Switch' }).click();
  await page.waitForLoadState();
  assert.equal(await page.getByLabel('Organization', { exact: true }).locator('option:checked').textContent(), second.json.name);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');
  const cookies = await page.context().cookies();
  assert.ok(!cookies.some((c) => c.name === 'casedesk_session'), 'the session cookie is gone');
  assert.deepEqual(page.errors, []);
});

test('a signed-out visitor is sent to the sign-in page and comes back after it', async () => {
  const u = createUser({ org: `Gamma ${uniq()}`, admin: true });
  const page = await newPage(browser, { javaScriptEnabled: false });
  const res = await page.request.fetch('/login', { maxRedirects: 0 });
  assert.equal(res.status(), 200);
  await signIn(page, u.email, u.password);
  assert.equal(new URL(page.url()).pathname, '/');
});
