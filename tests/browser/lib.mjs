// lib.mjs: browser-test helpers: Debian's Chromium through playwright-core, sign-in, axe-core, screenshots.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, ROOT, newAdmin, uniq } from '../http/lib.mjs';
import { orgClient } from '../http/crm-lib.mjs';

export { BASE };
const require = createRequire(import.meta.url);
export const SHOTS = process.env.CASEDESK_SHOTS || path.join(ROOT, 'test-output', 'screenshots');

/** Starts headless Chromium (never a downloaded browser). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new page in its own context (own cookies); javaScriptEnabled false for the no-JS paths. */
export async function newPage(browser, { javaScriptEnabled = true, viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ baseURL: BASE, javaScriptEnabled, viewport });
  const page = await context.newPage();
  // A step that cannot happen (a control not found) fails the test instead of waiting for ever.
  page.setDefaultTimeout(15000);
  page.errors = [];
  page.javaScriptEnabled = javaScriptEnabled;
  page.on('pageerror', (e) => page.errors.push(e));
  page.on('console', (m) => {
    // A form answered with 4xx (validation, wrong password) is logged for the document itself: expected.
    const self = m.location().url && m.location().url.split('#')[0] === page.url().split('#')[0];
    if (m.type() === 'error' && !(self && /Failed to load resource/.test(m.text()))) page.errors.push(new Error(m.text()));
  });
  return page;
}

/** Signs in through the form and waits for the page after it. */
export async function signIn(page, email, password) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/** Runs axe-core on the page; returns the violations of impact serious or critical. */
export async function seriousA11yViolations(page) {
  // axe is a script run in the page: with JavaScript off it would wait for ever.
  if (page.javaScriptEnabled === false) throw new Error('axe-core needs a page with JavaScript enabled');
  const src = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // The pages' CSP forbids inline scripts, so axe is evaluated through the DevTools protocol instead.
  await page.evaluate(src);
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Saves a full-page screenshot under test-output/screenshots/NAME.png. */
export async function screenshot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** A fresh organization (named tag and a unique suffix) whose ADMIN is signed in on a new page of browser
 *  (newPage options opts): { admin (an orgClient with email and password), page }. */
export async function adminPage(browser, tag, opts) {
  const a = await newAdmin(`${tag} ${uniq()}`);
  const admin = { ...orgClient(a), email: a.email, password: a.password };
  const page = await newPage(browser, opts);
  await signIn(page, a.email, a.password);
  return { admin, page };
}
