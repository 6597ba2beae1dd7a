// visibility-lib.mjs: what a USER may see by the rule of sql/009, computed in SQL from the source tables, against
// what their case list shows, for the concurrency tests (races, soak).
import assert from 'node:assert/strict';
import { psql } from './lib.mjs';

/** The ids of the cases of organization org that user may see as a USER, by the rule, from the source tables. */
export function ruleVisible(org, user) {
  const out = psql(`SELECT c.id FROM cases c WHERE c.org_id = '${org}' AND (c.created_by = '${user}'
    OR EXISTS (SELECT 1 FROM case_assignees a WHERE a.case_id = c.id AND a.user_id = '${user}')
    OR EXISTS (SELECT 1 FROM case_teams ct JOIN team_members tm ON tm.team_id = ct.team_id
               WHERE ct.case_id = c.id AND tm.user_id = '${user}')) ORDER BY 1`);
  return out ? out.split('\n') : [];
}

/** Every case id client's list shows (all pages), sorted, and the count the list announced. */
export async function listed(client) {
  const ids = [];
  let count = null;
  for (let offset = 0; ; offset += 100) {
    const r = await client.get(`/api/cases/?limit=100&offset=${offset}`);
    assert.equal(r.status, 200, r.text);
    count ??= r.json.count;
    ids.push(...r.json.results.map((c) => c.id));
    if (r.json.results.length < 100) break;
  }
  return { ids: ids.sort(), count };
}

/** Asserts that each USER client (orgClient) lists exactly the cases the rule gives them, with that count. */
export async function assertVisibility(users) {
  for (const u of users) {
    const want = ruleVisible(u.org, u.user.id);
    const got = await listed(u);
    assert.deepEqual(got.ids, want, `${u.user.email} lists the cases the rule gives them`);
    assert.equal(got.count, want.length, `${u.user.email}'s count`);
  }
}
