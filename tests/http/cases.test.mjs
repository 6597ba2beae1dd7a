// cases.test.mjs: the cases API contract (shared/spec/cases-api.md) end to end, with DESIGN §5's rules.
import test from 'node:test';
import assert from 'node:assert/strict';
import { api, http, psql, uniq } from './lib.mjs';
import { newOrgAdmin, addMember } from './crm-lib.mjs';

const FIELDS = ['id', 'name', 'status', 'priority', 'case_type', 'account', 'contacts', 'created_on', 'closed_on',
  'assigned_to', 'teams'];

/** An organization with an admin, an agent, an account, a contact and a team (with the agent). */
async function world() {
  const admin = await newOrgAdmin('Cases');
  const agent = await addMember(admin, 'USER');
  const account = (await admin.post('/api/accounts/', { name: `ACME ${uniq()}` })).json;
  const contact = (await admin.post('/api/contacts/', { first_name: 'Carol', account: account.id })).json;
  const team = (await admin.post('/api/teams/', { name: `Support ${uniq()}`, users: [agent.user.id] })).json;
  return { admin, agent, account, contact, team };
}

async function newCase(client, extra = {}) {
  const r = await client.post('/api/cases/', { name: `Case ${uniq()}`, status: 'New', priority: 'Normal', ...extra });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

test('the contract examples, as written', async () => {
  const w = await world();
  const { admin } = w;
  // POST /api/cases/
  const created = await admin.post('/api/cases/', {
    name: 'Email Configuration Problem', status: 'New', priority: 'Normal', case_type: 'Technical',
    account: w.account.id, contacts: [w.contact.id], assigned_to: [w.agent.user.id], teams: [w.team.id],
  });
  assert.equal(created.status, 201);
  const c = created.json;
  assert.equal(created.headers.get('location'), `/api/cases/${c.id}/`);
  for (const f of FIELDS) assert.ok(f in c, `missing ${f}`);
  assert.equal(c.name, 'Email Configuration Problem');
  assert.equal(c.status, 'New');
  assert.equal(c.priority, 'Normal');
  assert.equal(c.case_type, 'Technical');
  assert.equal(c.account, w.account.id);
  assert.deepEqual(c.contacts, [w.contact.id]);
  assert.deepEqual(c.assigned_to, [w.agent.user.id]);
  assert.deepEqual(c.teams, [w.team.id]);
  assert.match(c.created_on, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(c.closed_on, null);

  // GET /api/cases/?status=In%20Progress&priority=High&limit=5
  for (let i = 0; i < 6; i++) await newCase(admin, { status: 'In Progress', priority: 'High' });
  const list = await admin.get('/api/cases/?status=In%20Progress&priority=High&limit=5');
  assert.equal(list.status, 200);
  assert.equal(list.json.count, 6);
  assert.equal(list.json.results.length, 5);
  assert.equal(list.json.previous, null);
  assert.equal(list.json.next, '/api/cases/?status=In%20Progress&priority=High&limit=5&offset=5');
  for (const r of list.json.results) {
    for (const f of FIELDS) assert.ok(f in r, `missing ${f}`);
    assert.equal(r.status, 'In Progress');
    assert.equal(r.priority, 'High');
  }

  // GET /api/cases/case-uuid/
  const d = await admin.get(`/api/cases/${c.id}/`);
  assert.equal(d.status, 200);
  assert.ok(d.headers.get('etag'));
  for (const k of ['case_obj', 'assigned_to', 'teams', 'comments', 'attachments', 'users_mention']) assert.ok(k in d.json, k);
  assert.equal(d.json.case_obj.id, c.id);
  assert.equal(d.json.case_obj.created_by, admin.user.id);
  assert.deepEqual(d.json.assigned_to.map((u) => u.id), [w.agent.user.id]);
  assert.equal(d.json.assigned_to[0].email, w.agent.user.email);
  assert.equal(d.json.teams[0].name, w.team.name);
  assert.ok(d.json.users_mention.some((u) => u.id === w.agent.user.id));
  assert.ok(d.json.history.length >= 1);

  // POST /api/cases/case-uuid/ {"comment": ...}
  const cm = await admin.post(`/api/cases/${c.id}/`, { comment: 'Issue reproduced, working on solution' });
  assert.equal(cm.status, 201);
  const commentId = cm.json.comment.id;
  assert.equal(cm.json.comment.comment, 'Issue reproduced, working on solution');

  // PUT /api/cases/comment/comment-uuid/ with only the Authorization header
  const ed = await api('PUT', `/api/cases/comment/${commentId}/`, { token: admin.token,
    body: { comment: 'Root cause identified - server configuration issue' } });
  assert.equal(ed.status, 200, ed.text);
  assert.equal(ed.json.comment, 'Root cause identified - server configuration issue');

  // PUT /api/cases/case-uuid/ {name, status: Closed, closed_on}
  const up = await admin.put(`/api/cases/${c.id}/`, { name: 'Login Issues - RESOLVED', status: 'Closed', closed_on: '2023-02-05T16:30:00Z' });
  assert.equal(up.status, 200, up.text);
  assert.equal(up.json.name, 'Login Issues - RESOLVED');
  assert.equal(up.json.status, 'Closed');
  assert.equal(up.json.closed_on, '2023-02-05T16:30:00Z');
  assert.equal(up.json.priority, 'Normal', 'fields not sent are kept');
  assert.deepEqual(up.json.contacts, [w.contact.id]);

  // DELETE /api/cases/comment/comment-uuid/ and /api/cases/case-uuid/
  assert.equal((await api('DELETE', `/api/cases/comment/${commentId}/`, { token: admin.token })).status, 204);
  assert.equal((await admin.del(`/api/cases/${c.id}/`)).status, 204);
  assert.equal((await admin.get(`/api/cases/${c.id}/`)).status, 404);
});

test('create validates every field and names each bad one', async () => {
  const w = await world();
  const other = await newOrgAdmin('Other');
  const foreignAccount = (await other.post('/api/accounts/', { name: 'Foreign' })).json;
  const missing = await w.admin.post('/api/cases/', {});
  assert.equal(missing.status, 400);
  assert.deepEqual(Object.keys(missing.json.errors).sort(), ['name', 'priority', 'status']);
  const bad = await w.admin.post('/api/cases/', { name: 'x'.repeat(256), status: 'Open', priority: 'Urgent',
    case_type: 'Other', account: 'nope', contacts: ['nope'], assigned_to: 'x', teams: [1], closed_on: 'yesterday' });
  assert.equal(bad.status, 400);
  assert.deepEqual(Object.keys(bad.json.errors).sort(),
    ['account', 'assigned_to', 'case_type', 'closed_on', 'contacts', 'name', 'priority', 'status', 'teams']);
  const unknown = await w.admin.post('/api/cases/', { name: 'n', status: 'New', priority: 'Low',
    account: foreignAccount.id, contacts: [crypto.randomUUID()], assigned_to: [other.user.id], teams: [crypto.randomUUID()] });
  assert.equal(unknown.status, 400);
  assert.deepEqual(Object.keys(unknown.json.errors).sort(), ['account', 'assigned_to', 'contacts', 'teams']);
  const closedOnNew = await w.admin.post('/api/cases/', { name: 'n', status: 'New', priority: 'Low', closed_on: '2023-01-01T00:00:00Z' });
  assert.equal(closedOnNew.status, 400);
  assert.ok(closedOnNew.json.errors.closed_on);
  assert.equal((await w.admin.post('/api/cases/', '{"name": "x",')).status, 400);
  assert.equal((await w.admin.post('/api/cases/', '"just a string"')).status, 400);
  const blank = await w.admin.post('/api/cases/', { name: '   ', status: 'New', priority: 'Low' });
  assert.equal(blank.status, 400);
  assert.equal(psql(`SELECT count(*) FROM cases WHERE org_id = '${w.admin.org}'`), '0', 'nothing half-written');
});

test('Closed sets closed_on unless given; leaving Closed clears it', async () => {
  const { admin } = await world();
  const closed = await newCase(admin, { status: 'Closed' });
  assert.match(closed.closed_on, /Z$/);
  const given = await newCase(admin, { status: 'Closed', closed_on: '2024-03-01T12:00:00+02:00' });
  assert.equal(given.closed_on, '2024-03-01T10:00:00Z');
  const reopened = await admin.patch(`/api/cases/${closed.id}/`, { status: 'In Progress' });
  assert.equal(reopened.json.closed_on, null);
  const again = await admin.patch(`/api/cases/${closed.id}/`, { status: 'Closed' });
  assert.match(again.json.closed_on, /Z$/);
  const contradiction = await admin.patch(`/api/cases/${closed.id}/`, { status: 'New', closed_on: '2024-01-01T00:00:00Z' });
  assert.equal(contradiction.status, 400);
});

test('updated before/after, ordering by the last update, and the work queue: open cases, highest priority first, then the longest waiting', async () => {
  const w = await world();
  const { admin } = w;
  const tag = uniq();
  const make = (name, priority, status = 'New') => newCase(admin, { name: `${name} ${tag}`, priority, status });
  const highOld = await make('high old', 'High');
  const low = await make('low', 'Low');
  const critical = await make('critical', 'Critical');
  const highNew = await make('high new', 'High');
  const closed = await make('closed', 'Critical', 'Closed');
  // Last updates a day apart, in this order (the API shows them to the second): low, critical, closed, highOld, highNew.
  const days = [low, critical, closed, highOld, highNew];
  for (const [i, c] of days.entries()) await psql(`UPDATE cases SET updated_on = '2020-01-0${i + 1}T12:00:00Z' WHERE id = '${c.id}'`);
  const order = async (s) => {
    const r = await admin.get(`/api/cases/?name=${tag}&${s}`);
    assert.equal(r.status, 200, `${s}: ${r.text}`);
    return r.json.results.map((x) => x.id);
  };
  assert.deepEqual(await order('ordering=updated_on'), [low.id, critical.id, closed.id, highOld.id, highNew.id]);
  assert.deepEqual(await order('ordering=-updated_on'), [highNew.id, highOld.id, closed.id, critical.id, low.id]);
  assert.deepEqual(await order('resolution=open&ordering=-priority,updated_on'), [critical.id, highOld.id, highNew.id, low.id]);
  const page = await admin.get(`/api/cases/?name=${tag}&resolution=open&ordering=-priority,updated_on&limit=2`);
  assert.equal(page.json.next, `/api/cases/?name=${tag}&resolution=open&ordering=-priority%2Cupdated_on&limit=2&offset=2`);
  // Updated after (at or after) and before a moment: an ISO date-time with a zone, or a date (its start, UTC).
  const touched = (await admin.get(`/api/cases/${highOld.id}/`)).json.case_obj.updated_on;
  assert.equal(touched, '2020-01-04T12:00:00Z');
  assert.deepEqual((await order(`updated_after=${encodeURIComponent(touched)}&ordering=updated_on`)), [highOld.id, highNew.id]);
  assert.deepEqual((await order(`updated_before=${encodeURIComponent(touched)}&ordering=updated_on`)), [low.id, critical.id, closed.id]);
  assert.equal((await order('updated_after=2020-01-02')).length, 4);
  assert.deepEqual(await order('updated_before=2020-01-01'), []);
  assert.deepEqual(await order('updated_before=2020-01-02&ordering=updated_on'), [low.id]);
  assert.deepEqual(await order(`updated_after=2020-01-01T16:00:00%2B05:00&updated_before=${encodeURIComponent(touched)}&resolution=open&ordering=-priority,updated_on`),
    [critical.id, low.id]);
  for (const bad of ['updated_after=yesterday', 'updated_before=2023-02-30', 'updated_after=2023-02-05T16:30:00', 'updated_before=10000-01-01']) {
    const r = await admin.get(`/api/cases/?${bad}`);
    assert.equal(r.status, 400, bad);
    assert.ok(r.json.errors[bad.split('=')[0]], `${bad}: ${r.text}`);
  }
  for (const bad of ['updated_on,-priority', 'priority,updated_on', '-priority,', ',updated_on', 'updated']) {
    const r = await admin.get(`/api/cases/?ordering=${encodeURIComponent(bad)}`);
    assert.equal(r.status, 400, bad);
    assert.match(JSON.stringify(r.json.errors.ordering), /updated_on/, bad);
  }
});

test('filters: partial and case-insensitive text, % and _ literal, UUIDs, resolution, ordering, paging', async () => {
  const w = await world();
  const { admin } = w;
  const tag = uniq();
  const a = await newCase(admin, { name: `Printer ${tag} jam`, priority: 'Low', case_type: 'Billing', account: w.account.id });
  const b = await newCase(admin, { name: `printer ${tag} 100% broken`, priority: 'Critical', status: 'Closed', assigned_to: [w.agent.user.id] });
  const c = await newCase(admin, { name: `Scanner ${tag} a_b`, priority: 'High', status: 'On Hold', case_type: 'Bug Report' });
  const ids = (r) => r.json.results.map((x) => x.id).sort();
  const q = async (s) => { const r = await admin.get(`/api/cases/?${s}`); assert.equal(r.status, 200, `${s}: ${r.text}`); return r; };
  assert.deepEqual(ids(await q(`name=PRINTER%20${tag}`)), [a.id, b.id].sort());
  assert.deepEqual(ids(await q(`name=${tag}%20100%25`)), [b.id]);
  assert.deepEqual(ids(await q(`name=${tag}%25`)), []);
  assert.deepEqual(ids(await q(`name=a_b`)), [c.id]);
  assert.deepEqual(ids(await q(`name=a%5Fb`)), [c.id]);
  assert.deepEqual(ids(await q(`name=${tag}&status=hold`)), [c.id]);
  assert.deepEqual(ids(await q(`name=${tag}&priority=crit`)), [b.id]);
  assert.deepEqual(ids(await q(`name=${tag}&case_type=bug`)), [c.id]);
  assert.deepEqual(ids(await q(`assigned_to=${w.agent.user.id}`)), [b.id]);
  assert.deepEqual(ids(await q(`account=${w.account.id.toUpperCase()}`)), [a.id]);
  assert.deepEqual(ids(await q(`name=${tag}&resolution=closed`)), [b.id]);
  assert.deepEqual(ids(await q(`name=${tag}&resolution=open`)), [a.id, c.id].sort());
  const byPriority = await q(`name=${tag}&ordering=-priority`);
  assert.deepEqual(byPriority.json.results.map((x) => x.priority), ['Critical', 'High', 'Low']);
  const byName = await q(`name=${tag}&ordering=name`);
  assert.deepEqual(byName.json.results.map((x) => x.id), [b.id, a.id, c.id]); // "printer … 100%" < "printer … jam"
  const newest = await q(`name=${tag}`);
  assert.deepEqual(newest.json.results.map((x) => x.id), [c.id, b.id, a.id]);
  for (const bad of ['assigned_to=nope', 'account=123', 'resolution=maybe', 'ordering=id', 'limit=0', 'limit=101', 'offset=-3']) {
    const r = await admin.get(`/api/cases/?${bad}`);
    assert.equal(r.status, 400, bad);
    assert.ok(r.json.errors, bad);
  }
  // Pages never overlap and next/previous keep every filter.
  const p1 = await q(`name=${tag}&ordering=name&limit=2`);
  assert.equal(p1.json.count, 3);
  assert.equal(p1.json.next, `/api/cases/?name=${tag}&ordering=name&limit=2&offset=2`);
  const p2 = await q(p1.json.next.split('?')[1]);
  assert.equal(p2.json.results.length, 1);
  assert.equal(p2.json.previous, `/api/cases/?name=${tag}&ordering=name&limit=2`);
  assert.equal(new Set([...p1.json.results, ...p2.json.results].map((x) => x.id)).size, 3);
});

test('roles: a USER sees and edits what they created, are assigned or whose team is assigned; deletes only their own', async () => {
  const w = await world();
  const { admin, agent } = w;
  const other = await addMember(admin, 'USER');
  const mine = await newCase(agent);
  const assigned = await newCase(admin, { assigned_to: [agent.user.id] });
  const viaTeam = await newCase(admin, { teams: [w.team.id] });
  const hidden = await newCase(admin);
  const seen = (await agent.get('/api/cases/?limit=100')).json;
  assert.equal(seen.count, 3);
  assert.deepEqual(seen.results.map((x) => x.id).sort(), [mine.id, assigned.id, viaTeam.id].sort());
  assert.equal((await admin.get('/api/cases/?limit=100')).json.count, 4);
  assert.equal((await agent.get(`/api/cases/${hidden.id}/`)).status, 404);
  assert.equal((await agent.patch(`/api/cases/${hidden.id}/`, { priority: 'High' })).status, 404);
  assert.equal((await agent.patch(`/api/cases/${assigned.id}/`, { priority: 'High' })).status, 200);
  assert.equal((await agent.del(`/api/cases/${assigned.id}/`)).status, 403);
  assert.equal((await agent.del(`/api/cases/${mine.id}/`)).status, 204);
  assert.equal((await other.get('/api/cases/')).json.count, 0);
  // Comments: the author or an ADMIN edits them.
  const cm = (await agent.post(`/api/cases/${viaTeam.id}/`, { comment: 'from the agent' })).json.comment;
  const byAdmin = await api('PATCH', `/api/cases/comment/${cm.id}/`, { token: admin.token, body: { comment: 'fixed by admin' } });
  assert.equal(byAdmin.status, 200);
  const c2 = (await admin.post(`/api/cases/${viaTeam.id}/`, { comment: 'from the admin' })).json.comment;
  assert.equal((await api('PATCH', `/api/cases/comment/${c2.id}/`, { token: agent.token, body: { comment: 'mine now' } })).status, 403);
  assert.equal((await api('DELETE', `/api/cases/comment/${c2.id}/`, { token: agent.token })).status, 403);
  assert.equal((await api('DELETE', `/api/cases/comment/${c2.id}/`, { token: other.token })).status, 404);
});

test('another organization gets 404 for every case, comment and attachment of the first', async () => {
  const w = await world();
  const stranger = await newOrgAdmin('Stranger');
  const c = await newCase(w.admin);
  const cm = (await w.admin.post(`/api/cases/${c.id}/`, { comment: 'private' })).json.comment;
  const fd = new FormData();
  fd.append('attachment', new Blob(['secret']), 'secret.txt');
  const at = await http(`/api/cases/${c.id}/`, { method: 'POST', body: fd,
    headers: { Authorization: `Bearer ${w.admin.token}`, 'organization-id': w.admin.org } });
  const att = (await at.json()).attachments[0];
  assert.equal((await stranger.get(`/api/cases/${c.id}/`)).status, 404);
  assert.equal((await stranger.put(`/api/cases/${c.id}/`, { name: 'stolen' })).status, 404);
  assert.equal((await stranger.del(`/api/cases/${c.id}/`)).status, 404);
  assert.equal((await stranger.post(`/api/cases/${c.id}/`, { comment: 'hi' })).status, 404);
  assert.equal((await api('PUT', `/api/cases/comment/${cm.id}/`, { token: stranger.token, body: { comment: 'x' } })).status, 404);
  assert.equal((await api('DELETE', `/api/cases/comment/${cm.id}/`, { token: stranger.token })).status, 404);
  assert.equal((await api('GET', `/api/cases/attachment/${att.id}/`, { token: stranger.token })).status, 404);
  assert.equal((await api('DELETE', `/api/cases/attachment/${att.id}/`, { token: stranger.token })).status, 404);
  // With the stranger's own organization named, still nothing.
  assert.equal((await api('DELETE', `/api/cases/comment/${cm.id}/`, { token: stranger.token, org: stranger.org })).status, 404);
  assert.equal((await stranger.get('/api/cases/')).json.count, 0);
  const still = await w.admin.get(`/api/cases/${c.id}/`);
  assert.equal(still.json.case_obj.name, c.name);
  assert.equal(still.json.comments.length, 1);
  assert.equal(still.json.attachments.length, 1);
});

test('update: only fields sent change, lists replace, If-Match guards, history records who changed what', async () => {
  const w = await world();
  const { admin } = w;
  const c = await newCase(admin, { description: 'first', assigned_to: [w.agent.user.id], contacts: [w.contact.id] });
  const d0 = await admin.get(`/api/cases/${c.id}/`);
  const etag = d0.headers.get('etag');
  const p = await api('PATCH', `/api/cases/${c.id}/`, { token: admin.token, org: admin.org, body: { priority: 'High', assigned_to: [] },
    headers: { 'If-Match': etag } });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.priority, 'High');
  assert.equal(p.json.description, 'first');
  assert.deepEqual(p.json.assigned_to, []);
  assert.deepEqual(p.json.contacts, [w.contact.id]);
  assert.notEqual(p.headers.get('etag'), etag);
  const stale = await api('PUT', `/api/cases/${c.id}/`, { token: admin.token, org: admin.org, body: { name: 'stale write' },
    headers: { 'If-Match': etag } });
  assert.equal(stale.status, 412);
  const d1 = await admin.get(`/api/cases/${c.id}/`);
  assert.equal(d1.json.case_obj.name, c.name, 'a 412 changes nothing');
  const h = d1.json.history;
  assert.equal(h[h.length - 1].field, 'created');
  const prio = h.find((e) => e.field === 'priority');
  assert.equal(prio.old_value, 'Normal');
  assert.equal(prio.new_value, 'High');
  assert.equal(prio.actor.id, admin.user.id);
  const asg = h.find((e) => e.field === 'assigned_to' && e.new_value === '');
  assert.equal(asg.old_value, w.agent.user.id);
  const bad = await admin.patch(`/api/cases/${c.id}/`, { status: 'Done', teams: ['x'] });
  assert.equal(bad.status, 400);
  assert.deepEqual(Object.keys(bad.json.errors).sort(), ['status', 'teams']);
  assert.equal((await admin.patch(`/api/cases/${crypto.randomUUID()}/`, { name: 'x' })).status, 404);
});

test('text of several lines is stored exactly as sent; a write of what is stored makes no version and no history', async () => {
  const w = await world();
  const { admin } = w;
  const text = '\n\tfirst\r\nsecond \r\n\n\nZoë – 東京 🙂 <script>x</script> &amp;  ';
  const c = await newCase(admin, { description: text, contacts: [w.contact.id] });
  assert.equal(c.description, text, 'CRs, a leading line break and trailing blanks are kept');
  const comment = await admin.post(`/api/cases/${c.id}/`, { comment: text });
  assert.equal(comment.status, 201);
  assert.equal(comment.json.comment.comment, text);
  assert.equal((await admin.patch(`/api/cases/${c.id}/`, { description: ' \r\n\t ' })).json.description, '',
    'only blanks are empty');
  const put = await admin.put(`/api/cases/${c.id}/`, { name: c.name, status: 'New', priority: 'Normal', description: text });
  assert.equal(put.status, 200);
  const d0 = await admin.get(`/api/cases/${c.id}/`);
  const etag = d0.headers.get('etag');
  const { case_obj: stored, history_count: rows } = d0.json;
  assert.equal(stored.description, text);
  const same = {};
  for (const k of ['name', 'description', 'status', 'priority', 'case_type', 'account', 'contacts', 'assigned_to', 'teams'])
    same[k] = stored[k];
  for (const body of [same, { contacts: [w.contact.id, w.contact.id] }, { status: 'New' }, {}]) {
    const r = await api('PATCH', `/api/cases/${c.id}/`, { token: admin.token, org: admin.org, body, headers: { 'If-Match': etag } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('etag'), etag, `no new version for ${JSON.stringify(body)}`);
  }
  const d1 = await admin.get(`/api/cases/${c.id}/`);
  assert.equal(d1.headers.get('etag'), etag);
  assert.equal(d1.json.history_count, rows, 'no history row');
  assert.equal(d1.json.case_obj.updated_on, stored.updated_on);
  // A change of a link set alone is a change: a new version with its history row.
  const t = await api('PATCH', `/api/cases/${c.id}/`, { token: admin.token, org: admin.org, body: { teams: [w.team.id] },
    headers: { 'If-Match': etag } });
  assert.equal(t.status, 200, t.text);
  assert.notEqual(t.headers.get('etag'), etag);
  const d2 = await admin.get(`/api/cases/${c.id}/`);
  assert.equal(d2.headers.get('etag'), t.headers.get('etag'));
  assert.equal(d2.json.history_count, rows + 1);
  assert.equal(d2.json.history[0].field, 'teams');
  // Closing through the API sets closed_on, and so does a repeated close keep it.
  const closed = await admin.patch(`/api/cases/${c.id}/`, { status: 'Closed' });
  assert.match(closed.json.closed_on, /Z$/);
  const again = await api('PATCH', `/api/cases/${c.id}/`, { token: admin.token, org: admin.org, body: { status: 'Closed' },
    headers: { 'If-Match': closed.headers.get('etag') } });
  assert.equal(again.json.closed_on, closed.json.closed_on);
  assert.equal(again.headers.get('etag'), closed.headers.get('etag'), 'closing a Closed case changes nothing');
});

test('comments: validation, @mentions, history; concurrent posts all land', async () => {
  const w = await world();
  const c = await newCase(w.admin);
  assert.equal((await w.admin.post(`/api/cases/${c.id}/`, { comment: '' })).status, 400);
  assert.equal((await w.admin.post(`/api/cases/${c.id}/`, {})).status, 400);
  assert.equal((await w.admin.post(`/api/cases/${c.id}/`, { comment: 'x'.repeat(10001) })).status, 400);
  const form = await http(`/api/cases/${c.id}/`, { method: 'POST', body: new URLSearchParams({ comment: 'form-encoded' }),
    headers: { Authorization: `Bearer ${w.admin.token}`, 'organization-id': w.admin.org } });
  assert.equal(form.status, 201);
  const m = await w.admin.post(`/api/cases/${c.id}/`, { comment: `Please look @${w.agent.user.email}, and @nobody@nowhere.test.` });
  assert.equal(m.status, 201);
  assert.deepEqual(m.json.comment.mentions.map((u) => u.id), [w.agent.user.id]);
  const n = 20;
  const posts = await Promise.all(Array.from({ length: n }, (_, i) => w.admin.post(`/api/cases/${c.id}/`, { comment: `parallel ${i}` })));
  assert.ok(posts.every((r) => r.status === 201));
  const d = await w.admin.get(`/api/cases/${c.id}/`);
  assert.equal(d.json.comments.length, n + 2);
  assert.equal(d.json.history.filter((e) => e.field === 'comment').length, n + 2);
  const ts = d.json.comments.map((x) => x.commented_on);
  assert.deepEqual([...ts].sort(), ts, 'oldest first');
});

test('attachments: multipart create with several files, safe download, dedup, delete, limit', async () => {
  const w = await world();
  const auth = { Authorization: `Bearer ${w.admin.token}`, 'organization-id': w.admin.org };
  const fd = new FormData();
  fd.append('name', `With files ${uniq()}`);
  fd.append('status', 'New');
  fd.append('priority', 'Low');
  fd.append('assigned_to', w.agent.user.id);
  fd.append('attachment', new Blob(['<script>alert(1)</script>'], { type: 'text/html' }), '../../etc/evil.html');
  fd.append('attachment', new Blob([new Uint8Array([0, 1, 2, 255])], { type: 'image/png' }), 'pixel.png');
  const r = await http('/api/cases/', { method: 'POST', body: fd, headers: auth });
  assert.equal(r.status, 201, await r.clone().text());
  const c = await r.json();
  assert.deepEqual(c.assigned_to, [w.agent.user.id]);
  const d = (await w.admin.get(`/api/cases/${c.id}/`)).json;
  assert.equal(d.attachments.length, 2);
  const html = d.attachments.find((a) => a.file_name === 'evil.html');
  assert.ok(html, JSON.stringify(d.attachments));
  assert.equal(html.size, 25);
  const dl = await http(html.attachment, { headers: { Authorization: auth.Authorization } });
  assert.equal(dl.status, 200);
  assert.equal(dl.headers.get('content-type'), 'application/octet-stream');
  assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
  assert.match(dl.headers.get('content-disposition'), /^attachment; filename="evil\.html"/);
  assert.equal(await dl.text(), '<script>alert(1)</script>');
  const png = d.attachments.find((a) => a.file_name === 'pixel.png');
  const dp = await http(png.attachment, { headers: auth });
  assert.equal(dp.headers.get('content-type'), 'image/png');
  assert.deepEqual([...new Uint8Array(await dp.arrayBuffer())], [0, 1, 2, 255]);
  // The same content again is stored once.
  const again = new FormData();
  again.append('attachment', new Blob([new Uint8Array([0, 1, 2, 255])]), 'copy.png');
  const a2 = await http(`/api/cases/${c.id}/`, { method: 'POST', body: again, headers: auth });
  assert.equal(a2.status, 201);
  assert.equal(psql(`SELECT count(*) FROM attachment_blobs WHERE org_id = '${w.admin.org}'`), '2');
  // Uploader or ADMIN deletes; a USER who did not upload may not.
  assert.equal((await api('DELETE', png.attachment, { token: w.agent.token })).status, 403);
  assert.equal((await api('DELETE', png.attachment, { token: w.admin.token })).status, 204);
  assert.equal(psql(`SELECT count(*) FROM attachment_blobs WHERE org_id = '${w.admin.org}'`), '2', 'copy.png still uses it');
  // Deleting the case removes comments, attachments and content nobody else uses.
  assert.equal((await w.admin.del(`/api/cases/${c.id}/`)).status, 204);
  assert.equal(psql(`SELECT count(*) FROM attachment_blobs WHERE org_id = '${w.admin.org}'`), '0');
  assert.equal(psql(`SELECT count(*) FROM case_attachments WHERE org_id = '${w.admin.org}'`), '0');
  // Over the limit: 413 and nothing stored.
  const c2 = await newCase(w.admin);
  const big = new FormData();
  big.append('attachment', new Blob([new Uint8Array(10 * 1024 * 1024 + 1)]), 'big.bin');
  const tooBig = await http(`/api/cases/${c2.id}/`, { method: 'POST', body: big, headers: auth });
  assert.equal(tooBig.status, 413);
  assert.equal(psql(`SELECT count(*) FROM case_attachments WHERE org_id = '${w.admin.org}'`), '0');
});
