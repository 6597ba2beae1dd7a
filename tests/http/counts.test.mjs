// counts.test.mjs: the case list's `count` is exact for every filter and role, whichever route counts it (the
// trigger-kept counters, the assignee index, the visible set of a USER), through creates, updates and deletes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { psql } from './lib.mjs';
import { newOrgAdmin, addMember } from './crm-lib.mjs';

const FILTERS = ['', 'status=New', 'status=Closed', 'status=o', 'priority=High', 'priority=i',
  'case_type=Billing', 'case_type=tech', 'resolution=open', 'resolution=closed', 'status=New&priority=High',
  'status=Closed&resolution=open', 'case_type=Billing&resolution=closed'];

/** Every case of the list with query q, walking all pages; asserts that each page reports the same count. */
async function all(client, q) {
  const seen = [];
  let count = null;
  for (let offset = 0; ; offset += 100) {
    const r = await client.get(`/api/cases/?${q}${q ? '&' : ''}limit=100&offset=${offset}`);
    assert.equal(r.status, 200, r.text);
    if (count === null) count = r.json.count;
    assert.equal(r.json.count, count, `count changed between pages of ${q}`);
    seen.push(...r.json.results);
    if (r.json.results.length < 100) break;
  }
  return { count, ids: seen.map((c) => c.id) };
}

async function assertCounts(client, extra = []) {
  for (const q of [...FILTERS, ...extra]) {
    const { count, ids } = await all(client, q);
    assert.equal(count, ids.length, `count of "${q}" is ${count}, but ${ids.length} cases are listed`);
  }
}

test('list counts stay exact through creates, updates and deletes, for an ADMIN and a USER', async () => {
  const admin = await newOrgAdmin('Counts');
  const agent = await addMember(admin, 'USER');
  const other = await addMember(admin, 'USER');
  const team = (await admin.post('/api/teams/', { name: 'Counted', users: [agent.user.id] })).json;
  const statuses = ['New', 'In Progress', 'On Hold', 'Closed'], priorities = ['Low', 'Normal', 'High', 'Critical'];
  const types = ['Technical', 'Billing', null];
  const made = [];
  for (let i = 0; i < 24; i++) {
    const body = { name: `Counted ${i}`, status: statuses[i % 4], priority: priorities[(i >> 2) % 4] };
    if (types[i % 3]) body.case_type = types[i % 3];
    if (i % 5 === 0) body.assigned_to = [agent.user.id];
    if (i % 7 === 0) body.teams = [team.id];
    const by = i % 6 === 0 ? agent : admin;
    const r = await by.post('/api/cases/', body);
    assert.equal(r.status, 201, r.text);
    made.push(r.json);
  }
  const byAgent = [`assigned_to=${agent.user.id}`, `assigned_to=${other.user.id}`, `assigned_to=${agent.user.id}&status=New`,
    'name=counted 1'];
  await assertCounts(admin, byAgent);
  await assertCounts(agent, byAgent);
  await assertCounts(other, byAgent);
  assert.equal((await all(admin, '')).count, 24);

  // Status, priority and type changes move cases between counters; other updates leave them.
  for (const [i, c] of made.entries()) {
    if (i % 2) continue;
    const change = i % 4 ? { status: 'Closed', priority: 'Critical' } : { case_type: 'Billing', name: `Renamed ${i}` };
    const r = await admin.put(`/api/cases/${c.id}/`, change);
    assert.equal(r.status, 200, r.text);
  }
  await admin.put(`/api/cases/${made[1].id}/`, { case_type: null });
  await admin.post(`/api/cases/${made[3].id}/`, { comment: 'does not change any count' });
  for (const c of made.slice(0, 5)) assert.equal((await admin.del(`/api/cases/${c.id}/`)).status, 204);
  await assertCounts(admin, byAgent);
  await assertCounts(agent, byAgent);
  assert.equal((await all(admin, '')).count, 19);

  // The counters agree with the cases themselves, and deleting the organization takes them along.
  const drift = psql(`SELECT count(*) FROM (SELECT org_id, status, priority, COALESCE(case_type, '') t, count(*) n
    FROM cases WHERE org_id = '${admin.org}' GROUP BY 1, 2, 3, 4) c FULL JOIN (SELECT org_id, status, priority,
    case_type t, sum(n) n FROM case_counts WHERE org_id = '${admin.org}' GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0) k
    USING (org_id, status, priority, t) WHERE c.n IS DISTINCT FROM k.n`);
  assert.equal(drift, '0');
  psql(`DELETE FROM orgs WHERE id = '${admin.org}'`);
  assert.equal(psql(`SELECT count(*) FROM case_counts WHERE org_id = '${admin.org}'`), '0');
});
