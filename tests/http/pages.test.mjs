// pages.test.mjs: the case pages over plain HTTP (no browser): form posts without JavaScript, their
// redirects, the statuses of refused and invalid requests, and who may see what.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Browser, createUser, http, inviteAndAccept, newAdmin, uniq } from './lib.mjs';
import { orgClient } from './crm-lib.mjs';

/** An ADMIN signed in both through the API (client) and through the sign-in form (browser). */
async function adminWithBrowser() {
  const a = await newAdmin(`Pages ${uniq()}`);
  const b = new Browser();
  await b.signIn(a.email, a.password);
  return { ...a, client: orgClient(a), browser: b, csrf: await b.csrf() };
}

/** A USER of a's organization, signed in through the form. */
async function memberWithBrowser(a) {
  const email = `user-${uniq()}@casedesk.test`, password = `password-${uniq()}`;
  const l = await inviteAndAccept(a, { email, password, role: 'USER' });
  const b = new Browser();
  await b.signIn(email, password);
  return { email, user: l.user, client: orgClient({ token: l.access_token, org: a.org, user: l.user }), browser: b, csrf: await b.csrf() };
}

async function newCase(client, body = {}) {
  const r = await client.post('/api/cases/', { name: `Case ${uniq()}`, status: 'New', priority: 'Normal', ...body });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

/** Sends a multipart form with the browser's cookies. */
async function postMultipart(b, pathname, fields, files = []) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files) fd.append('file', new Blob([f.content], { type: f.type }), f.name);
  return http(pathname, { method: 'POST', headers: { Cookie: b.cookieHeader() }, body: fd });
}

test('signed-out visitors are sent to sign in; users without an organization to the start page saying so', async () => {
  const r = await http('/cases?status=New');
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/login\?next=/);
  const lonely = createUser();
  const b = new Browser();
  await b.signIn(lonely.email, lonely.password);
  const list = await b.req('GET', '/cases');
  assert.equal(list.status, 303);
  assert.equal(list.headers.get('location'), '/');
  assert.match((await b.req('GET', '/')).text, /You are not working in any organization/);
  const csrf = await b.csrf();
  assert.equal((await b.req('POST', '/cases/new', { form: { csrf_token: csrf, name: 'x' } })).status, 403);
});

test('list page: 200 with the filters applied, 400 with a message for malformed ones', async () => {
  const a = await adminWithBrowser();
  const tag = `pg${uniq()}`;
  await newCase(a.client, { name: `${tag} one`, status: 'Closed' });
  await newCase(a.client, { name: `${tag} two` });
  const ok = await a.browser.req('GET', `/cases?name=${tag}&resolution=open`);
  assert.equal(ok.status, 200);
  assert.match(ok.headers.get('content-type'), /^text\/html/);
  assert.match(ok.text, new RegExp(`${tag} two`));
  assert.doesNotMatch(ok.text, new RegExp(`${tag} one`));
  for (const q of ['ordering=bogus', 'assigned_to=nope', 'account=1', 'resolution=maybe', 'limit=0', 'offset=-1']) {
    const bad = await a.browser.req('GET', `/cases?${q}`);
    assert.equal(bad.status, 400, q);
    assert.match(bad.text, /role="alert"/, q);
  }
});

test('comment form: 303 back to the case; blank or too long: 400 with the text kept; no CSRF token: 403', async () => {
  const a = await adminWithBrowser();
  const c = await newCase(a.client);
  const posted = await a.browser.req('POST', `/cases/${c.id}/comments`, { form: { csrf_token: a.csrf, comment: 'Form comment' } });
  assert.equal(posted.status, 303);
  assert.match(posted.headers.get('location'), new RegExp(`^/cases/${c.id}\\?org=${a.client.org}#comment-[0-9a-f-]{36}$`));
  const detail = await a.client.get(`/api/cases/${c.id}/`);
  assert.equal(detail.json.comments.at(-1).comment, 'Form comment');
  assert.ok(detail.json.history.some((h) => h.field === 'comment'), 'the comment is in the history');

  const blank = await a.browser.req('POST', `/cases/${c.id}/comments`, { form: { csrf_token: a.csrf, comment: '  ' } });
  assert.equal(blank.status, 400);
  assert.match(blank.text, /id="comment-error">[^<]*blank/);

  const long = `<b>${'x'.repeat(10001)}</b>`;
  const tooLong = await a.browser.req('POST', `/cases/${c.id}/comments`, { form: { csrf_token: a.csrf, comment: long } });
  assert.equal(tooLong.status, 400);
  assert.ok(tooLong.text.includes(`&lt;b&gt;${'x'.repeat(10001)}&lt;/b&gt;</textarea>`), 'the text is kept, escaped');
  assert.match(tooLong.text, /aria-invalid="true"/);

  const forged = await a.browser.req('POST', `/cases/${c.id}/comments`, { form: { comment: 'forged' } });
  assert.equal(forged.status, 403);
  const wrong = await a.browser.req('POST', `/cases/${c.id}/comments`, { form: { csrf_token: 'x'.repeat(43), comment: 'forged' } });
  assert.equal(wrong.status, 403);
  assert.equal((await a.client.get(`/api/cases/${c.id}/`)).json.comments.length, 1);
});

test('attachment forms: upload 303, none chosen 400, delete by the uploader or an ADMIN only', async () => {
  const a = await adminWithBrowser();
  const m = await memberWithBrowser(a);
  const c = await newCase(a.client, { assigned_to: [m.user.id] });

  const none = await postMultipart(m.browser, `/cases/${c.id}/attachments`, { csrf_token: m.csrf });
  assert.equal(none.status, 400);
  assert.match(await none.text(), /Choose a file to upload/);

  const up = await postMultipart(m.browser, `/cases/${c.id}/attachments`, { csrf_token: m.csrf },
    [{ name: 'log.txt', type: 'text/plain', content: 'hello log' }]);
  assert.equal(up.status, 303);
  assert.equal(up.headers.get('location'), `/cases/${c.id}?org=${a.client.org}#attachments`);
  const [file] = (await a.client.get(`/api/cases/${c.id}/`)).json.attachments;
  assert.equal(file.file_name, 'log.txt');
  const dl = await m.browser.req('GET', `/api/cases/attachment/${file.id}/`);
  assert.equal(dl.status, 200);
  assert.equal(dl.text, 'hello log');

  const noToken = await postMultipart(m.browser, `/cases/${c.id}/attachments`, {},
    [{ name: 'x.txt', type: 'text/plain', content: 'x' }]);
  assert.equal(noToken.status, 403);

  // The ADMIN's own upload may not be deleted by the USER; the ADMIN may delete the USER's.
  const mine = await postMultipart(a.browser, `/cases/${c.id}/attachments`, { csrf_token: a.csrf },
    [{ name: 'admin.txt', type: 'text/plain', content: 'admin' }]);
  assert.equal(mine.status, 303);
  const adminFile = (await a.client.get(`/api/cases/${c.id}/`)).json.attachments.find((f) => f.file_name === 'admin.txt');
  const refused = await m.browser.req('POST', `/cases/attachment/${adminFile.id}/delete`, { form: { csrf_token: m.csrf } });
  assert.equal(refused.status, 403);
  const page = await m.browser.req('GET', `/cases/${c.id}`);
  assert.ok(!page.text.includes(`/cases/attachment/${adminFile.id}/delete`), 'no delete button for it');
  assert.ok(page.text.includes(`/cases/attachment/${file.id}/delete`), 'a delete button for their own');

  const del = await a.browser.req('POST', `/cases/attachment/${file.id}/delete`, { form: { csrf_token: a.csrf } });
  assert.equal(del.status, 303);
  assert.equal(del.headers.get('location'), `/cases/${c.id}?org=${a.client.org}#attachments`);
  assert.equal((await a.browser.req('GET', `/api/cases/attachment/${file.id}/`)).status, 404);
  const again = await a.browser.req('POST', `/cases/attachment/${file.id}/delete`, { form: { csrf_token: a.csrf } });
  assert.equal(again.status, 404);
  const history = (await a.client.get(`/api/cases/${c.id}/`)).json.history.map((h) => h.field);
  assert.ok(history.includes('attachment deleted'));
});

test('cases of another organization, or not visible to a USER, are 404 pages everywhere', async () => {
  const a = await adminWithBrowser();
  const other = await adminWithBrowser();
  const c = await newCase(a.client);
  await a.client.post(`/api/cases/${c.id}/`, { comment: 'secret' });
  const ob = other.browser;
  for (const [method, path, form] of [
    ['GET', `/cases/${c.id}`],
    ['POST', `/cases/${c.id}/comments`, { csrf_token: other.csrf, comment: 'hi' }],
    ['POST', `/cases/${c.id}/comments`, { csrf_token: other.csrf, comment: '' }],
    ['GET', `/cases/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`],
  ]) {
    const r = await ob.req(method, path, { form });
    assert.equal(r.status, 404, `${method} ${path}`);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assert.doesNotMatch(r.text, /secret/);
  }
  const list = await ob.req('GET', '/cases');
  assert.match(list.text, /id="result-count" role="status">0 cases</);

  const m = await memberWithBrowser(a);
  assert.equal((await m.browser.req('GET', `/cases/${c.id}`)).status, 404);
  const assigned = await newCase(a.client, { assigned_to: [m.user.id] });
  assert.equal((await m.browser.req('GET', `/cases/${assigned.id}`)).status, 200);
  const theirs = await m.browser.req('GET', '/cases');
  assert.match(theirs.text, /id="result-count" role="status">1 case</);
});
