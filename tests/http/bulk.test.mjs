// bulk.test.mjs: POST /api/cases/bulk/ (one change to many cases, answered case by case: 200, 404, 412, the
// caller's role rules, history and a version per case, whole-request 400s), the list's bulk bar (/cases/bulk) and
// the case page's quick form, buttons and comment edit and delete pages.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Browser, inviteAndAccept, newAdmin, psql, uniq, workerLog } from './lib.mjs';
import { addMember, newOrgAdmin } from './crm-lib.mjs';

const mk = async (client, fields = {}) => {
  const r = await client.post('/api/cases/', { name: `Bulk ${uniq()}`, status: 'New', priority: 'Normal', ...fields });
  assert.equal(r.status, 201, r.text);
  return r.json;
};
const bulk = (client, body) => client.post('/api/cases/bulk/', body);
const byId = (results) => Object.fromEntries(results.map((r) => [r.id, r]));

test('bulk: each case answered on its own; another organization\'s id is a 404; history and a version per case', async () => {
  const admin = await newOrgAdmin('Bulk');
  const other = await newOrgAdmin('Bulk other');
  const team = (await admin.post('/api/teams/', { name: `T ${uniq()}` })).json;
  const a = await mk(admin), b = await mk(admin, { priority: 'High' }), foreign = await mk(other);
  const missing = '00000000-0000-4000-8000-000000000000';
  const r = await bulk(admin, { ids: [a.id, b.id, foreign.id, missing], set: { status: 'In Progress', priority: 'High' },
    add: { assigned_to: [admin.user.id], teams: [team.id] } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.results.map((x) => x.id), [a.id, b.id, foreign.id, missing], 'in the order sent');
  const res = byId(r.json.results);
  assert.deepEqual(res[a.id], { id: a.id, status: 200, version: 2, changed: true });
  assert.equal(res[b.id].status, 200);
  assert.equal(res[foreign.id].status, 404);
  assert.ok(!('version' in res[foreign.id]), 'nothing about another organization\'s case');
  assert.match(res[foreign.id].reason, /No such case/);
  assert.equal(res[missing].status, 404);
  assert.deepEqual([r.json.changed, r.json.unchanged, r.json.refused], [2, 0, 2]);
  for (const c of [a, b]) {
    const got = await admin.get(`/api/cases/${c.id}/`);
    assert.equal(got.headers.get('etag'), '"2"');
    assert.equal(got.json.case_obj.status, 'In Progress');
    assert.deepEqual(got.json.case_obj.assigned_to, [admin.user.id]);
    assert.deepEqual(got.json.case_obj.teams, [team.id]);
    const fields = got.json.history.map((h) => h.field).sort();
    const want = ['assigned_to', 'created', 'status', 'teams'];
    if (c === a) want.push('priority');
    assert.deepEqual(fields, want.sort(), 'one history row per changed field of this case');
  }
  assert.equal((await other.get(`/api/cases/${foreign.id}/`)).json.case_obj.status, 'New', 'the other org\'s case is untouched');

  // The same change again: nothing to write, so no version and no history.
  const again = await bulk(admin, { ids: [a.id], set: { status: 'In Progress' }, add: { assigned_to: [admin.user.id] } });
  assert.deepEqual(again.json.results, [{ id: a.id, status: 200, version: 2, changed: false }]);
  // Remove, and close: closed_on is set by the server.
  const closed = await bulk(admin, { ids: [a.id, b.id], set: { status: 'Closed' }, remove: { assigned_to: [admin.user.id], teams: [team.id] } });
  assert.deepEqual(closed.json.results.map((x) => [x.status, x.version]), [[200, 3], [200, 3]]);
  const ca = (await admin.get(`/api/cases/${a.id}/`)).json.case_obj;
  assert.deepEqual([ca.assigned_to, ca.teams, ca.status], [[], [], 'Closed']);
  assert.match(ca.closed_on, /Z$/);
});

test('bulk: versions per case (a number or an ETag) answer 412 with the current version; the others still change', async () => {
  const admin = await newOrgAdmin('Bulk versions');
  const a = await mk(admin), b = await mk(admin), c = await mk(admin);
  await admin.patch(`/api/cases/${b.id}/`, { priority: 'Low' }); // b is at version 2
  const r = await bulk(admin, { ids: [a.id, b.id, c.id], set: { priority: 'Critical' },
    versions: { [a.id]: 1, [b.id]: '"1"', [c.id]: '1' } });
  assert.equal(r.status, 200, r.text);
  const res = byId(r.json.results);
  assert.equal(res[a.id].status, 200);
  assert.equal(res[c.id].status, 200, 'a bare number in a string is that version');
  assert.equal(res[b.id].status, 412);
  assert.equal(res[b.id].version, 2);
  assert.match(res[b.id].reason, /changed since you read it/);
  assert.equal((await admin.get(`/api/cases/${b.id}/`)).json.case_obj.priority, 'Low', 'a 412 case is untouched');
  const weak = await bulk(admin, { ids: [a.id], set: { priority: 'Low' }, versions: { [a.id]: 'W/"2"' } });
  assert.equal(weak.json.results[0].status, 412, 'a weak tag never matches');
  const tag = await bulk(admin, { ids: [a.id], set: { priority: 'Low' }, versions: { [a.id]: '"2"' } });
  assert.deepEqual(tag.json.results[0], { id: a.id, status: 200, version: 3, changed: true });
});

test('bulk: a USER changes the cases they may see and gets 404 for the others, as with single edits', async () => {
  const admin = await newOrgAdmin('Bulk roles');
  const user = await addMember(admin, 'USER');
  const mine = await mk(user), assigned = await mk(admin, { assigned_to: [user.user.id] }), hidden = await mk(admin);
  const r = await bulk(user, { ids: [mine.id, assigned.id, hidden.id], set: { status: 'On Hold' } });
  assert.equal(r.status, 200, r.text);
  const res = byId(r.json.results);
  assert.equal(res[mine.id].status, 200);
  assert.equal(res[assigned.id].status, 200);
  assert.equal(res[hidden.id].status, 404, 'a case the USER may not see is not found');
  assert.equal((await admin.get(`/api/cases/${hidden.id}/`)).json.case_obj.status, 'New');
  const ev = (await admin.get(`/api/cases/${assigned.id}/`)).json.history[0];
  assert.equal(ev.field, 'status');
  assert.equal(ev.actor.id, user.user.id, 'the history names the USER who made the change');
});

test('bulk: whole-request problems are one 400 naming each field; nothing is written', async () => {
  const admin = await newOrgAdmin('Bulk 400');
  const a = await mk(admin);
  const other = await newOrgAdmin('Bulk 400 other');
  const otherTeam = (await other.post('/api/teams/', { name: `T ${uniq()}` })).json;
  const cases = [
    [{ ids: [a.id], set: { status: 'Done' } }, 'set.status'],
    [{ ids: [a.id], set: { name: 'x' } }, 'set.name'],
    [{ ids: [a.id], set: { closed_on: '2020-01-01T00:00:00Z' } }, 'set.closed_on'],
    [{ ids: [a.id], set: { priority: 'High' }, colour: 'red' }, 'colour'],
    [{ ids: [a.id], add: { contacts: [] } }, 'add.contacts'],
    [{ ids: [a.id], add: { teams: [otherTeam.id] } }, 'add.teams'],
    [{ ids: [a.id], add: { assigned_to: ['not-a-uuid'] } }, 'add.assigned_to'],
    [{ ids: [a.id], remove: { teams: 'x' } }, 'remove.teams'],
    [{ ids: [a.id], add: { assigned_to: [admin.user.id] }, remove: { assigned_to: [admin.user.id] } }, 'remove.assigned_to'],
    [{ ids: [a.id] }, 'set'],
    [{ ids: [], set: { priority: 'High' } }, 'ids'],
    [{ set: { priority: 'High' } }, 'ids'],
    [{ ids: ['nope'], set: { priority: 'High' } }, 'ids'],
    [{ ids: Array.from({ length: 1001 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`), set: { priority: 'High' } }, 'ids'],
    [{ ids: [a.id], set: { priority: 'High' }, versions: { '00000000-0000-4000-8000-000000000001': 1 } }, 'versions'],
    [{ ids: [a.id], set: { priority: 'High' }, versions: { [a.id]: true } }, 'versions'],
    [{ ids: [a.id], set: 'High' }, 'set'],
  ];
  for (const [body, field] of cases) {
    const r = await bulk(admin, body);
    assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 120)}: ${r.text}`);
    assert.ok(r.json.errors[field], `${field} named in ${r.text}`);
  }
  const notJson = await bulk(admin, '[1, 2]');
  assert.equal(notJson.status, 400);
  const got = (await admin.get(`/api/cases/${a.id}/`)).json;
  assert.equal(got.case_obj.version ?? 1, 1);
  assert.equal(got.history.length, 1, 'only the creation');
});

test('bulk: repeated ids collapse into one answer; 1000 ids are accepted', async () => {
  const admin = await newOrgAdmin('Bulk dups');
  const a = await mk(admin);
  const r = await bulk(admin, { ids: [a.id, a.id.toUpperCase(), a.id], set: { priority: 'Low' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.results, [{ id: a.id, status: 200, version: 2, changed: true }]);
  const many = Array.from({ length: 999 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const big = await bulk(admin, { ids: [a.id, ...many], set: { priority: 'High' } });
  assert.equal(big.status, 200, big.text.slice(0, 200));
  assert.equal(big.json.results.length, 1000);
  assert.deepEqual([big.json.changed, big.json.refused], [1, 999]);
});

test('bulk changes in any id order and single edits of the same cases at once: no deadlock, no 5xx', async () => {
  const admin = await newOrgAdmin('Bulk race');
  const member = await addMember(admin, 'USER');
  const teams = [];
  for (const n of [1, 2, 3]) teams.push((await admin.post('/api/teams/', { name: `T${n} ${uniq()}` })).json.id);
  const ids = [];
  for (let i = 0; i < 60; i++) ids.push((await mk(admin)).id);
  const shuffled = [...ids].sort(() => Math.random() - 0.5);
  const logFrom = workerLog().length;
  const [b1, b2, ...singles] = await Promise.all([
    bulk(admin, { ids: shuffled, add: { teams: [teams[0]], assigned_to: [member.user.id] } }),
    bulk(admin, { ids: [...ids].reverse(), set: { priority: 'Critical' }, add: { teams: [teams[1]] } }),
    ...ids.filter((_, i) => i % 3 === 0).map((id) => admin.patch(`/api/cases/${id}/`, { teams: [teams[2]], assigned_to: [admin.user.id] })),
  ]);
  for (const r of [b1, b2, ...singles]) assert.equal(r.status, 200, r.text.slice(0, 300));
  for (const r of [b1, b2]) assert.deepEqual(r.json.results.map((x) => x.status), ids.map(() => 200));
  assert.doesNotMatch(workerLog().slice(logFrom), /deadlock detected/);
  const critical = psql(`SELECT count(*) FROM cases WHERE org_id = '${admin.org}' AND priority = 'Critical'`);
  assert.equal(critical, '60');
  const rows = psql(`SELECT count(*) FROM case_events e JOIN cases c ON c.id = e.case_id
    WHERE c.org_id = '${admin.org}' AND e.field = 'priority' AND e.new_value = 'Critical'`);
  assert.equal(rows, '60', 'one priority history row per case');
});

/** A fresh organization: its ADMIN as an API client and as a signed-in Browser with its CSRF token. */
async function pages(tag) {
  const admin = await newOrgAdmin(tag);
  const email = `p-${uniq()}@casedesk.test`, password = `password-${uniq()}`;
  const member = await addMemberWithLogin(admin, email, password);
  const b = new Browser();
  assert.equal((await b.signIn(member.email, member.password)).status, 303);
  return { admin, member, b, csrf: await b.csrf() };
}

async function addMemberWithLogin(admin, email, password, role = 'ADMIN') {
  const l = await inviteAndAccept(admin, { email, password, role });
  return { email, password, id: l.user.id };
}

const notice = async (b, location) => {
  const page = await b.req('GET', location);
  const m = /<p[^>]*role="status"[^>]*>([\s\S]*?)<\/p>/.exec(page.text) || /role="status"[^>]*>([^<]+)/.exec(page.text);
  return { page, text: m ? m[1] : '' };
};

test('bulk bar: the ticked cases change, the list says how many and names the refusals; nothing ticked is a 400', async () => {
  const { admin, member, b, csrf } = await pages('Bulk bar');
  const team = (await admin.post('/api/teams/', { name: `Team ${uniq()}` })).json;
  const a = await mk(admin), c = await mk(admin), foreign = await mk(await newOrgAdmin('Bulk bar other'));
  const list = await b.req('GET', `/cases?org=${admin.org}`);
  assert.match(list.text, new RegExp(`<input type="checkbox" name="ids" value="${a.id}" id="pick-${a.id}"`));
  assert.match(list.text, /<label for="pick-[^"]+" class="visually-hidden">Select Bulk /, 'each box names its case');
  assert.match(list.text, /id="bulk-all" name="all_on_page"/);
  const form = new URLSearchParams({ csrf_token: csrf, back: '/cases?status=New', set_status: '', set_priority: 'High',
    assign: member.id, add_team: team.id, action: 'apply' });
  for (const id of [a.id, c.id, foreign.id]) form.append('ids', id);
  const r = await b.req('POST', `/cases/bulk?org=${admin.org}`, { form });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  assert.equal(r.headers.get('location'), '/cases?status=New');
  const { text } = await notice(b, r.headers.get('location'));
  assert.match(text, /Changed 2 of 3 selected cases/);
  assert.match(text, new RegExp(`Not changed \\(1\\): case ${foreign.id}: No such case`));
  const got = (await admin.get(`/api/cases/${a.id}/`)).json.case_obj;
  assert.deepEqual([got.priority, got.assigned_to, got.teams], ['High', [member.id], [team.id]]);

  const close = new URLSearchParams({ csrf_token: csrf, action: 'close' });
  close.append('ids', a.id);
  const closed = await b.req('POST', `/cases/bulk?org=${admin.org}`, { form: close });
  assert.equal(closed.status, 303);
  assert.equal((await admin.get(`/api/cases/${a.id}/`)).json.case_obj.status, 'Closed');

  // Without JavaScript "select all on this page" sends every id of the page.
  const all = new URLSearchParams({ csrf_token: csrf, all_on_page: '1', set_priority: 'Low', action: 'apply' });
  all.append('page_ids', a.id);
  all.append('page_ids', c.id);
  const allDone = await b.req('POST', `/cases/bulk?org=${admin.org}`, { form: all });
  assert.equal(allDone.status, 303);
  assert.match((await notice(b, allDone.headers.get('location'))).text, /Changed 2 of 2 selected cases/);

  const none = await b.req('POST', `/cases/bulk?org=${admin.org}`, { form: { csrf_token: csrf, set_priority: 'High', action: 'apply' } });
  assert.equal(none.status, 400);
  assert.match(none.text, /Select at least one case/);
  const nothing = new URLSearchParams({ csrf_token: csrf, action: 'apply' });
  nothing.append('ids', a.id);
  const noChange = await b.req('POST', `/cases/bulk?org=${admin.org}`, { form: nothing });
  assert.equal(noChange.status, 400);
  assert.match(noChange.text, /Choose a change/);
  const noCsrf = await b.req('POST', `/cases/bulk?org=${admin.org}`, { form: { ids: a.id, set_priority: 'High' } });
  assert.equal(noCsrf.status, 403);
  const offsite = new URLSearchParams({ csrf_token: csrf, back: '//evil.example/x', set_priority: 'Normal' });
  offsite.append('ids', a.id);
  const safe = await b.req('POST', `/cases/bulk?org=${admin.org}`, { form: offsite });
  assert.equal(safe.status, 303);
  assert.match(safe.headers.get('location'), /^\/cases/, 'only a local list page is a way back');
});

test('quick form and buttons: one POST with the version; a stale one merges; the notice names what changed', async () => {
  const { admin, member, b, csrf } = await pages('Quick');
  const team = (await admin.post('/api/teams/', { name: `Team ${uniq()}` })).json;
  const c = await mk(admin, { description: 'line one\nline two' });
  const page = await b.req('GET', `/cases/${c.id}?org=${admin.org}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="quick-form"/);
  assert.match(page.text, new RegExp(`action="/cases/${c.id}/quick\\?org=${admin.org}"`));
  assert.match(page.text, />Assign to me</);
  assert.match(page.text, />Close case</);
  assert.ok(!page.text.includes('>Reopen case<'));

  const quick = (fields) => {
    const f = new URLSearchParams({ csrf_token: csrf, version: '1', loaded_status: 'New', loaded_priority: 'Normal',
      loaded_assigned_to: '', loaded_teams: '', status: 'New', priority: 'Normal', assigned_to: '', teams: '', ...fields });
    return f;
  };
  const f = quick({ status: 'In Progress', priority: 'High' });
  f.append('teams', team.id);
  const r = await b.req('POST', `/cases/${c.id}/quick?org=${admin.org}`, { form: f });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const { text } = await notice(b, r.headers.get('location'));
  assert.match(text, /Saved case “Bulk [^”]+”: Status: In Progress; Priority: High; Teams: Team /);
  let got = (await admin.get(`/api/cases/${c.id}/`)).json;
  assert.deepEqual([got.case_obj.status, got.case_obj.priority, got.case_obj.teams], ['In Progress', 'High', [team.id]]);
  assert.equal(got.case_obj.description, 'line one\nline two', 'fields the quick form does not carry are kept');
  assert.equal(got.case_obj.name, c.name);

  // Stale (version 1, the case is at 2), a field nobody else changed: merged and saved.
  const stale = quick({ loaded_status: 'New', status: 'New', priority: 'Normal', loaded_priority: 'Normal' });
  stale.append('assigned_to', member.id);
  const merged = await b.req('POST', `/cases/${c.id}/quick?org=${admin.org}`, { form: stale });
  assert.equal(merged.status, 303);
  assert.match((await notice(b, merged.headers.get('location'))).text, /Assignees: .*your changes were merged with theirs/);
  got = (await admin.get(`/api/cases/${c.id}/`)).json.case_obj;
  assert.deepEqual([got.status, got.priority, got.assigned_to], ['In Progress', 'High', [member.id]], 'theirs kept, mine added');

  // Stale, and the other person changed the same field: the conflict form of the edit page (409).
  const conflict = quick({ status: 'On Hold' });
  const shown = await b.req('POST', `/cases/${c.id}/quick?org=${admin.org}`, { form: conflict });
  assert.equal(shown.status, 409);
  assert.match(shown.text, /Someone else changed this case/);
  assert.match(shown.text, /id="pick-status"/);
  assert.ok(!/id="pick-name"/.test(shown.text) && !/id="pick-description"/.test(shown.text), 'only the field both changed');
  assert.ok(shown.text.includes(`name="description" value="line one\nline two"`), 'the rest kept as stored');

  // The buttons post the same way.
  const now = await b.req('GET', `/cases/${c.id}?org=${admin.org}`);
  const closeForm = /<form method="post" action="([^"]+)">((?:(?!<\/form>).)*?)<button type="submit">Close case<\/button>/s.exec(now.text);
  assert.ok(closeForm, 'a Close form');
  const fields = new URLSearchParams();
  for (const m of closeForm[2].matchAll(/name="([^"]+)" value="([^"]*)"/g)) fields.append(m[1], m[2].replace(/&amp;/g, '&'));
  const closed = await b.req('POST', closeForm[1].replace(/&amp;/g, '&'), { form: fields });
  assert.equal(closed.status, 303);
  const after = await notice(b, closed.headers.get('location'));
  assert.match(after.text, /Status: Closed/);
  assert.match(after.page.text, />Reopen case</);
  got = (await admin.get(`/api/cases/${c.id}/`)).json.case_obj;
  assert.equal(got.status, 'Closed');
  assert.match(got.closed_on, /Z$/);
  const reopen = /<form method="post" action="([^"]+)">((?:(?!<\/form>).)*?)<button type="submit">Reopen case<\/button>/s.exec(after.page.text);
  const rf = new URLSearchParams();
  for (const m of reopen[2].matchAll(/name="([^"]+)" value="([^"]*)"/g)) rf.append(m[1], m[2]);
  assert.equal((await b.req('POST', reopen[1].replace(/&amp;/g, '&'), { form: rf })).status, 303);
  got = (await admin.get(`/api/cases/${c.id}/`)).json.case_obj;
  assert.deepEqual([got.status, got.closed_on], ['In Progress', null]);

  assert.ok(!(await b.req('GET', `/cases/${c.id}?org=${admin.org}`)).text.includes('>Assign to me<'), 'already assigned');
  const c2 = await mk(admin, { assigned_to: [admin.user.id] });
  const assign = /<form method="post" action="([^"]+)">((?:(?!<\/form>).)*?)<button type="submit">Assign to me<\/button>/s.exec(
    (await b.req('GET', `/cases/${c2.id}?org=${admin.org}`)).text);
  const af = new URLSearchParams();
  for (const m of assign[2].matchAll(/name="([^"]+)" value="([^"]*)"/g)) af.append(m[1], m[2]);
  const assigned = await b.req('POST', assign[1].replace(/&amp;/g, '&'), { form: af });
  assert.equal(assigned.status, 303);
  assert.match((await notice(b, assigned.headers.get('location'))).text, /Assignees: /);
  assert.deepEqual((await admin.get(`/api/cases/${c2.id}/`)).json.case_obj.assigned_to.sort(), [admin.user.id, member.id].sort());

  const other = await newOrgAdmin('Quick other');
  const foreign = await mk(other);
  assert.equal((await b.req('POST', `/cases/${foreign.id}/quick?org=${admin.org}`, { form: quick({ status: 'Closed' }) })).status, 404);
});

test('comment edit and delete pages: the author or an ADMIN; text round-trips; delete asks first', async () => {
  const admin = await newOrgAdmin('Comments');
  const pw = `password-${uniq()}`;
  const u = await inviteAndAccept(admin, { email: `c-${uniq()}@casedesk.test`, password: pw, role: 'USER' });
  const u2 = await inviteAndAccept(admin, { email: `d-${uniq()}@casedesk.test`, password: pw, role: 'USER' });
  const c = await mk(admin, { assigned_to: [u.user.id, u2.user.id] });
  const ub = new Browser();
  await ub.signIn(u.email, pw);
  const ucsrf = await ub.csrf();
  const typed = '  first line\r\n\r\n<b>second</b> & more\r\n';
  const post = await ub.req('POST', `/cases/${c.id}/comments?org=${admin.org}`, { form: { csrf_token: ucsrf, comment: 'orig' } });
  assert.equal(post.status, 303);
  const cid = /#comment-([0-9a-f-]{36})/.exec(post.headers.get('location'))[1];
  const page = (await ub.req('GET', `/cases/${c.id}?org=${admin.org}`)).text;
  assert.ok(page.includes(`href="/cases/comment/${cid}/edit?org=${admin.org}"`), 'the author sees Edit');
  assert.ok(page.includes(`href="/cases/comment/${cid}/delete?org=${admin.org}"`));

  const form = await ub.req('GET', `/cases/comment/${cid}/edit?org=${admin.org}`);
  assert.equal(form.status, 200);
  assert.match(form.text, /<textarea id="f-comment" name="comment"[^>]*>\norig<\/textarea>/);
  const empty = await ub.req('POST', `/cases/comment/${cid}/edit?org=${admin.org}`, { form: { csrf_token: ucsrf, comment: '   ' } });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /id="f-comment-error"/);
  const saved = await ub.req('POST', `/cases/comment/${cid}/edit?org=${admin.org}`, { form: { csrf_token: ucsrf, comment: typed } });
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), `/cases/${c.id}?org=${admin.org}#comment-${cid}`);
  const stored = (await admin.get(`/api/cases/${c.id}/comments/`)).json.results.find((x) => x.id === cid);
  assert.equal(stored.comment, '  first line\n\n<b>second</b> & more\n', 'as typed, line breaks as LF');
  const again = await ub.req('GET', `/cases/comment/${cid}/edit?org=${admin.org}`);
  assert.ok(again.text.includes('>\n  first line\n\n&lt;b&gt;second&lt;/b&gt; &amp; more\n</textarea>'), 'shown back byte for byte');

  // Another USER may see the case but not change the comment.
  const ob = new Browser();
  await ob.signIn(u2.email, pw);
  const ocsrf = await ob.csrf();
  assert.ok(!(await ob.req('GET', `/cases/${c.id}?org=${admin.org}`)).text.includes(`/cases/comment/${cid}/edit`));
  assert.equal((await ob.req('GET', `/cases/comment/${cid}/edit?org=${admin.org}`)).status, 403);
  assert.equal((await ob.req('POST', `/cases/comment/${cid}/edit?org=${admin.org}`, { form: { csrf_token: ocsrf, comment: 'x' } })).status, 403);
  assert.equal((await ob.req('GET', `/cases/comment/${cid}/delete?org=${admin.org}`)).status, 403);
  assert.equal((await ob.req('POST', `/cases/comment/${cid}/delete?org=${admin.org}`, { form: { csrf_token: ocsrf } })).status, 403);
  // Another organization: 404.
  const stranger = await newAdmin(`Comments other ${uniq()}`);
  const sb = new Browser();
  await sb.signIn(stranger.email, stranger.password);
  assert.equal((await sb.req('GET', `/cases/comment/${cid}/edit`)).status, 404);
  assert.equal((await sb.req('POST', `/cases/comment/${cid}/delete`, { form: { csrf_token: await sb.csrf() } })).status, 404);

  const confirm = await ub.req('GET', `/cases/comment/${cid}/delete?org=${admin.org}`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.text, /Delete the comment by /);
  assert.match(confirm.text, />Delete comment</);
  assert.equal((await admin.get(`/api/cases/${c.id}/comments/`)).json.count, 1, 'the confirm step deletes nothing');
  const del = await ub.req('POST', `/cases/comment/${cid}/delete?org=${admin.org}`, { form: { csrf_token: ucsrf } });
  assert.equal(del.status, 303);
  assert.match((await notice(ub, del.headers.get('location'))).text, /Deleted the comment/);
  assert.equal((await admin.get(`/api/cases/${c.id}/comments/`)).json.count, 0);
  const hist = (await admin.get(`/api/cases/${c.id}/history/`)).json.results.map((h) => h.field);
  assert.ok(hist.includes('comment edited') && hist.includes('comment deleted'));
});
