// case-org.test.mjs: the case forms over plain HTTP (no browser) against a stale version (a three-way merge with
// the change made meanwhile, or the conflicting fields to choose between), and the organization case links and
// form actions carry (query parameter org), whatever the session's current organization is.
import test from 'node:test';
import assert from 'node:assert/strict';
import { api, Browser, inviteAndAccept, newAdmin, uniq } from './lib.mjs';
import { orgClient } from './crm-lib.mjs';

const caseForm = (csrf, fields) => ({ csrf_token: csrf, name: 'A case', description: '', status: 'New', priority: 'Normal',
  case_type: '', account: '', closed_on: '', contacts: '', assigned_to: '', teams: '', ...fields });

/** The fields of the first form of an HTML page as [name, value] pairs, as a browser would send them (hidden
 *  inputs, text inputs, textareas, selected options, checked boxes). */
function formFields(html) {
  const form = /<form method="post" action="[^"]*\/edit[^"]*"[\s\S]*?<\/form>/.exec(html)[0];
  const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const out = [];
  for (const m of form.matchAll(/<input ([^>]*)>/g)) {
    const attr = (n) => new RegExp(`${n}="([^"]*)"`).exec(m[1])?.[1];
    const type = attr('type');
    if (type === 'radio' || (type === 'checkbox' && !/ checked/.test(m[1]))) continue;
    if (attr('name')) out.push([attr('name'), unescape(attr('value') ?? '')]);
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>\n?([\s\S]*?)<\/textarea>/g)) out.push([m[1], unescape(m[2])]);
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = /<option value="([^"]*)" selected>/.exec(m[2]) || /<option value="([^"]*)"/.exec(m[2]);
    out.push([m[1], unescape(sel[1])]);
  }
  return out;
}

/** The action of the edit form of an HTML page, unescaped. */
const editAction = (html) => /<form method="post" action="([^"]*\/edit[^"]*)"/.exec(html)[1].replace(/&amp;/g, '&').replace(/&#61;/g, '=');

/** Pairs with field name's values replaced by values. */
function withField(pairs, name, ...values) {
  return [...pairs.filter(([k]) => k !== name), ...values.map((v) => [name, v])];
}

async function post(b, path, pairs) {
  return b.req('POST', path, { form: pairs });
}

async function signedIn(email, password) {
  const b = new Browser();
  assert.equal((await b.signIn(email, password)).status, 303);
  return { b, csrf: await b.csrf() };
}

test('a stale edit without conflicts is merged and saved at once; with conflicts only those fields are asked about', async () => {
  const a = await newAdmin(`Merge ${uniq()}`);
  const admin = orgClient(a);
  const other = await inviteAndAccept(a, { email: `o-${uniq()}@casedesk.test`, role: 'ADMIN', name: 'Olga Other' });
  const them = orgClient({ token: other.access_token, org: a.org, user: other.user });
  const id = (await admin.post('/api/cases/', { name: 'Original', status: 'New', priority: 'Normal', description: 'one\ntwo' })).json.id;
  const { b } = await signedIn(a.email, a.password);
  const page = await b.req('GET', `/cases/${id}/edit?org=${a.org}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /name="loaded_description" value="one\ntwo"/, 'the loaded values are carried, line breaks kept');
  const loaded = formFields(page.text);
  const action = editAction(page.text);
  assert.equal(action, `/cases/${id}/edit?org=${a.org}`);

  // Someone else changes the priority and the assignees; I change the name: both are kept.
  assert.equal((await them.patch(`/api/cases/${id}/`, { priority: 'High', assigned_to: [other.user.id] })).status, 200);
  const merged = await post(b, action, withField(loaded, 'name', 'Mine'));
  assert.equal(merged.status, 303);
  assert.equal(merged.headers.get('location'), `/cases/${id}?org=${a.org}`);
  let c = (await admin.get(`/api/cases/${id}/`)).json.case_obj;
  assert.deepEqual([c.name, c.priority, c.assigned_to, c.description], ['Mine', 'High', [other.user.id], 'one\ntwo']);
  assert.match((await b.req('GET', merged.headers.get('location'))).text, /your changes were merged with theirs/);

  // The same stale form again, now changing the priority (changed meanwhile to High) and the description.
  const stale = await post(b, action, withField(withField(loaded, 'priority', 'Low'), 'description', 'mine\r\ntoo'));
  assert.equal(stale.status, 409);
  assert.match(stale.text, /name="pick_priority" value="mine"/);
  assert.doesNotMatch(stale.text, /name="pick_(name|description|assigned_to|status)"/, 'only the field both changed');
  assert.match(stale.text, /Changed by Olga Other/);
  assert.match(stale.text, /name="version" value="3"/, 'the conflict form carries the current version (their change, then the merge)');
  c = (await admin.get(`/api/cases/${id}/`)).json.case_obj;
  assert.deepEqual([c.priority, c.description], ['High', 'one\ntwo'], 'nothing is saved before the choice');

  // Taking theirs for the priority: my description is saved, their priority kept.
  const answer = await post(b, editAction(stale.text), [...formFields(stale.text), ['pick_priority', 'theirs']]);
  assert.equal(answer.status, 303);
  assert.equal(answer.headers.get('location'), `/cases/${id}?org=${a.org}`);
  c = (await admin.get(`/api/cases/${id}/`)).json.case_obj;
  assert.equal(c.priority, 'High');
  assert.equal(c.description.replace(/\r\n/g, '\n'), 'mine\ntoo');
  assert.equal(c.name, 'Mine');
});

test('case links and forms carry the case\'s organization; another organization\'s case offers the switch, a foreign one is a 404', async () => {
  const homeName = `Home ${uniq()}`;
  const a = await newAdmin(homeName);
  const home = orgClient(a);
  const elsewhere = await api('POST', '/api/org/', { token: a.token, body: { name: `Elsewhere ${uniq()}` } });
  const id = (await home.post('/api/cases/', { name: 'At home', status: 'New', priority: 'Normal' })).json.id;
  const strangerName = `Stranger ${uniq()}`;
  const stranger = await newAdmin(strangerName);
  const foreign = (await orgClient(stranger).post('/api/cases/', { name: 'Foreign case', status: 'New', priority: 'Normal' })).json.id;

  const { b, csrf } = await signedIn(a.email, a.password);
  const list = await b.req('GET', '/cases');
  assert.ok(list.text.includes(`href="/cases/${id}?org=${a.org}"`), 'the case list links carry the organization');
  const detail = await b.req('GET', `/cases/${id}`);
  for (const path of [`/cases/${id}/edit`, `/cases/${id}/comments`, `/cases/${id}/attachments`]) {
    assert.ok(detail.text.includes(`"${path}?org=${a.org}"`), path);
  }
  const edit = await b.req('GET', `/cases/${id}/edit`);
  const fields = formFields(edit.text);

  // Switched to the other organization (in another tab): the forms still reach the case's own.
  assert.equal((await b.req('POST', '/org/switch', { form: { csrf_token: csrf, org: elsewhere.json.id, next: '/cases' } })).status, 303);
  const saved = await post(b, `/cases/${id}/edit?org=${a.org}`, withField(fields, 'name', 'Saved at home'));
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), `/cases/${id}?org=${a.org}`);
  const comment = await post(b, `/cases/${id}/comments?org=${a.org}`, [['csrf_token', csrf], ['comment', 'from the other tab']]);
  assert.equal(comment.status, 303);
  const c = (await home.get(`/api/cases/${id}/`)).json;
  assert.equal(c.case_obj.name, 'Saved at home');
  assert.equal(c.comments.at(-1).comment, 'from the other tab');
  const shown = await b.req('GET', `/cases/${id}?org=${a.org}`);
  assert.equal(shown.status, 200);
  assert.match(shown.text, /<h1>Saved at home<\/h1>/);
  assert.match((await b.req('GET', '/cases')).text, new RegExp(elsewhere.json.name), 'the session stays where it was switched to');

  // A link without the organization, from the other one: the page naming the case's organization.
  const offer = await b.req('GET', `/cases/${id}`);
  assert.equal(offer.status, 200);
  assert.ok(offer.text.includes(`This case is in ${homeName}`));
  assert.ok(!offer.text.includes('Saved at home'), 'the case is not shown before the switch');
  assert.match(offer.text, /<form method="post" action="\/org\/switch">/);
  assert.ok(offer.text.includes(`name="org" value="${a.org}"`));
  assert.ok(offer.text.includes(`name="next" value="/cases/${id}"`));
  const back = await b.req('POST', '/org/switch', { form: { csrf_token: csrf, org: a.org, next: `/cases/${id}` } });
  assert.equal(back.headers.get('location'), `/cases/${id}`);
  assert.match((await b.req('GET', `/cases/${id}`)).text, /<h1>Saved at home<\/h1>/);

  // An organization the user is not in: nothing disclosed.
  for (const path of [`/cases/${foreign}`, `/cases/${foreign}?org=${stranger.org}`, `/cases/${foreign}/edit?org=${stranger.org}`]) {
    const r = await b.req('GET', path);
    assert.equal(r.status, 404, path);
    assert.ok(!r.text.includes(strangerName) && !r.text.includes('Foreign case'), path);
  }
  const refused = await post(b, `/cases/${foreign}/edit?org=${stranger.org}`, caseForm(csrf, { name: 'Taken over' }));
  assert.equal(refused.status, 403);
  assert.equal((await orgClient(stranger).get(`/api/cases/${foreign}/`)).json.case_obj.name, 'Foreign case');
  assert.equal((await b.req('GET', `/cases/${id}?org=not-a-uuid`)).status, 400);
});
