// feedback.test.mjs: what the API and the pages answer so that a client can say what happened: the case's ETag
// after a comment is posted, uploads over the limit (JSON 413 under /api/, the form again or casedesk's page on
// pages), and the notice cookie a page leaves for the next one.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Browser, api, http, newAdmin, uniq } from './lib.mjs';
import { orgClient } from './crm-lib.mjs';

const MAX_UPLOAD = Number(process.env.CASEDESK_MAX_UPLOAD || 10485760);

async function adminWithBrowser() {
  const a = await newAdmin(`Feedback ${uniq()}`);
  const b = new Browser();
  await b.signIn(a.email, a.password);
  return { ...a, client: orgClient(a), browser: b, csrf: await b.csrf() };
}

test('POST /api/cases/{id}/ answers with the case\'s ETag, which tells whether the case changed since it was read', async () => {
  const a = await adminWithBrowser();
  const c = (await a.client.post('/api/cases/', { name: 'Tagged', status: 'New', priority: 'Low' })).json;
  const read = await api('GET', `/api/cases/${c.id}/`, { token: a.token, org: a.org });
  const tag = read.headers.get('etag');
  assert.match(tag, /^"\d+"$/);
  const post = await api('POST', `/api/cases/${c.id}/`, { token: a.token, org: a.org, body: { comment: 'same case' } });
  assert.equal(post.status, 201);
  assert.equal(post.headers.get('etag'), tag, 'a comment leaves the version as it was');
  assert.equal((await a.client.patch(`/api/cases/${c.id}/`, { priority: 'High' })).status, 200);
  const after = await api('POST', `/api/cases/${c.id}/`, { token: a.token, org: a.org, body: { comment: 'changed case' } });
  assert.equal(after.status, 201);
  assert.notEqual(after.headers.get('etag'), tag);
  assert.equal(after.headers.get('etag'), (await api('GET', `/api/cases/${c.id}/`, { token: a.token, org: a.org })).headers.get('etag'));
});

test('an upload over the limit but under nginx\'s is still a JSON 413 under /api/, and the form again on pages', async () => {
  const a = await adminWithBrowser();
  const c = (await a.client.post('/api/cases/', { name: 'Limits', status: 'New', priority: 'Low' })).json;
  const big = new Uint8Array(MAX_UPLOAD + 1);
  const fd = new FormData();
  fd.append('comment', 'with a big file');
  fd.append('attachment', new Blob([big]), 'big.bin');
  const r = await http(`/api/cases/${c.id}/`, { method: 'POST', body: fd,
    headers: { Authorization: `Bearer ${a.token}`, 'organization-id': a.org } });
  assert.equal(r.status, 413);
  assert.deepEqual(await r.json(), { error: 'too_large', detail: 'The request body is too large.' });
  assert.equal((await a.client.get(`/api/cases/${c.id}/`)).json.comments_count, 0, 'nothing of it is stored');

  const page = new FormData();
  page.append('csrf_token', a.csrf);
  page.append('name', `Kept ${uniq()}`);
  page.append('status', 'New');
  page.append('priority', 'Low');
  page.append('attachments', new Blob([big]), 'scan.pdf');
  const form = await http('/cases/new', { method: 'POST', body: page, headers: { Cookie: a.browser.cookieHeader() } });
  assert.equal(form.status, 400);
  const html = await form.text();
  assert.match(html, /“scan\.pdf” is too large: files may be up to 10 MB together/);
  assert.match(html, new RegExp(`value="${page.get('name')}"`));
  assert.equal((await a.client.get('/api/cases/')).json.count, 1, 'no case was made');
});

test('a page body over nginx\'s limit is casedesk\'s 413 page, signed in; under /api/ the JSON 413', async () => {
  const a = await adminWithBrowser();
  const body = Buffer.alloc((Math.floor(MAX_UPLOAD / 1048576) + 2) * 1048576, 0x61);
  const r = await http('/cases/new', { method: 'POST', body,
    headers: { Cookie: a.browser.cookieHeader(), 'Content-Type': 'multipart/form-data; boundary=x', Referer: `${process.env.CASEDESK_URL || 'http://127.0.0.1:18080'}/cases/new` } });
  assert.equal(r.status, 413);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  const html = await r.text();
  assert.match(html, /larger than the limit of 10 MB/);
  assert.ok(html.includes(a.email), 'the signed-in header');
  assert.match(html, /<a href="\/cases\/new">Back to the form<\/a>/);
  const j = await http('/api/cases/', { method: 'POST', body, headers: { Authorization: `Bearer ${a.token}`, 'organization-id': a.org } });
  assert.equal(j.status, 413);
  assert.equal((await j.json()).error, 'too_large');
  const direct = await http('/errors/too-large', { method: 'POST', body: 'x=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(direct.status, 413, 'asked for directly, whatever the method, the same page');
  assert.match(await direct.text(), /larger than the limit/);
});

test('a notice is left by the redirect, shown by the next page once, and then cleared', async () => {
  const a = await adminWithBrowser();
  const made = await a.browser.req('POST', '/admin/teams/new', { form: { csrf_token: a.csrf, name: 'Night <shift>' } });
  assert.equal(made.status, 303);
  assert.equal(made.headers.get('location'), '/admin/teams');
  assert.ok(made.setCookies.some((c) => /^cd_done=[^;]+; Path=\/; HttpOnly; SameSite=Lax/.test(c)), made.setCookies.join('\n'));
  const list = await a.browser.req('GET', '/admin/teams');
  assert.match(list.text, /<p class="alert ok" id="notice" role="status">Created team “Night &lt;shift&gt;”<\/p>/);
  assert.ok(list.setCookies.some((c) => /^cd_done=; .*Max-Age=0/.test(c)), 'cleared once shown');
  const again = await a.browser.req('GET', '/admin/teams');
  assert.ok(!again.text.includes('id="notice"'));
  // A notice link that is not a local URL is not shown.
  const b = new Browser();
  b.cookies = new Map(a.browser.cookies);
  b.cookies.set('cd_done', 'm=Hi&h=https%3A%2F%2Fevil.example%2F&l=Go');
  const forged = await b.req('GET', '/admin/teams');
  assert.match(forged.text, /role="status">Hi<\/p>/);
  assert.ok(!forged.text.includes('evil.example'));
});
