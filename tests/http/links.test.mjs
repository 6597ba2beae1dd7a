// links.test.mjs: a case's contacts, assignees and teams as the list and the detail show them (kept on the case by
// sql/006's triggers) follow every change of the link tables, including deletes that cascade; and an assignee's
// list in creation order (read from the assignee's links, sql/007) matches the cases filtered any other way.
import test from 'node:test';
import assert from 'node:assert/strict';
import { psql, uniq } from './lib.mjs';
import { newOrgAdmin, addMember } from './crm-lib.mjs';

const sorted = (ids) => [...ids].sort();

/** The case as the list shows it (found by its unique name) and as the detail shows it; asserts they agree. */
async function shown(A, c) {
  const list = await A.get(`/api/cases/?name=${encodeURIComponent(c.name)}`);
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.count, 1);
  const detail = await A.get(`/api/cases/${c.id}/`);
  assert.equal(detail.status, 200, detail.text);
  assert.deepEqual(list.json.results[0], detail.json.case_obj, 'list and detail show the same case');
  return detail.json;
}

test('link ids follow link changes and cascading deletes, in list and detail alike', async () => {
  const A = await newOrgAdmin('Links');
  const U = await addMember(A, 'USER');
  const teams = [], contacts = [];
  for (let i = 0; i < 2; i++) {
    teams.push((await A.post('/api/teams/', { name: `Team ${i} ${uniq()}` })).json);
    contacts.push((await A.post('/api/contacts/', { first_name: `Contact ${i}`, last_name: uniq() })).json);
  }
  const name = `Links ${uniq()}`;
  let r = await A.post('/api/cases/', { name, status: 'New', priority: 'High',
    assigned_to: [U.user.id, A.user.id], teams: teams.map((t) => t.id), contacts: contacts.map((x) => x.id) });
  assert.equal(r.status, 201, r.text);
  const c = r.json;
  assert.deepEqual(c.assigned_to, sorted([U.user.id, A.user.id]), 'ids sorted');
  assert.deepEqual(c.teams, sorted(teams.map((t) => t.id)));
  assert.deepEqual(c.contacts, sorted(contacts.map((x) => x.id)));
  let d = await shown(A, c);
  assert.deepEqual(d.case_obj.assigned_to, c.assigned_to);

  r = await A.patch(`/api/cases/${c.id}/`, { assigned_to: [U.user.id], contacts: [] });
  assert.equal(r.status, 200, r.text);
  d = await shown(A, c);
  assert.deepEqual(d.case_obj.assigned_to, [U.user.id]);
  assert.deepEqual(d.case_obj.contacts, []);
  assert.deepEqual(d.assigned_to.map((u) => u.id), [U.user.id]);

  r = await A.patch(`/api/cases/${c.id}/`, { contacts: [contacts[1].id] });
  assert.equal(r.status, 200, r.text);
  assert.equal((await A.del(`/api/teams/${teams[0].id}/`)).status, 204);
  assert.equal((await A.del(`/api/contacts/${contacts[1].id}/`)).status, 204);
  d = await shown(A, c);
  assert.deepEqual(d.case_obj.teams, [teams[1].id], 'a deleted team leaves the case');
  assert.deepEqual(d.teams.map((t) => t.id), [teams[1].id]);
  assert.deepEqual(d.case_obj.contacts, [], 'a deleted contact leaves the case');

  // The USER sees the case through the assignment, with the same values.
  r = await U.get(`/api/cases/?name=${encodeURIComponent(name)}`);
  assert.deepEqual(r.json.results, [d.case_obj]);

  // A link is inserted or deleted, never moved to another case: the database refuses it.
  assert.throws(() => psql(`UPDATE case_teams SET team_id = '${teams[0].id}' WHERE case_id = '${c.id}'`),
    /inserted or deleted, not moved/);
  assert.deepEqual((await A.get(`/api/cases/${c.id}/`)).json.case_obj.teams, [teams[1].id]);
});

test("an assignee's list in creation order matches the same cases filtered and ordered otherwise", async () => {
  const A = await newOrgAdmin('Assignee order');
  const U = await addMember(A, 'USER');
  const mine = [];
  for (let i = 0; i < 7; i++) {
    const r = await A.post('/api/cases/', { name: `Case ${i} ${uniq()}`, status: i % 2 ? 'Closed' : 'New',
      priority: 'Normal', assigned_to: i % 3 === 2 ? [] : [U.user.id] });
    assert.equal(r.status, 201, r.text);
    if (i % 3 !== 2) mine.push(r.json);
  }
  const newest = mine.map((x) => x.id).reverse();
  const ids = async (client, q) => (await client.get(`/api/cases/?${q}`)).json.results.map((x) => x.id);
  for (const client of [A, U]) {
    assert.deepEqual(await ids(client, `assigned_to=${U.user.id}`), newest);
    assert.deepEqual(await ids(client, `assigned_to=${U.user.id}&ordering=created_on`), [...newest].reverse());
    assert.deepEqual(await ids(client, `assigned_to=${U.user.id}&limit=2&offset=1`), newest.slice(1, 3));
    assert.deepEqual(await ids(client, `assigned_to=${U.user.id}&status=Closed`),
      mine.filter((x) => x.status === 'Closed').map((x) => x.id).reverse());
  }
  assert.deepEqual(await ids(U, 'mine=1'), newest);
  let r = await A.get(`/api/cases/?assigned_to=${U.user.id}&limit=1`);
  assert.equal(r.json.count, mine.length, 'count from the assignee counters');
  await A.patch(`/api/cases/${mine[0].id}/`, { assigned_to: [] });
  assert.equal((await A.del(`/api/cases/${mine[1].id}/`)).status, 204);
  r = await A.get(`/api/cases/?assigned_to=${U.user.id}&limit=1`);
  assert.equal(r.json.count, mine.length - 2, 'unassigning and deleting count down');
  assert.deepEqual(await ids(A, `assigned_to=${U.user.id}`), newest.slice(0, -2));
});

test("a USER's list follows team membership, assignment, team and case deletion (sql/009)", async () => {
  const A = await newOrgAdmin('Visibility');
  const U = await addMember(A, 'USER');
  const team = (await A.post('/api/teams/', { name: `Team ${uniq()}` })).json;
  const make = async (client, body) => {
    const r = await client.post('/api/cases/', { name: `Vis ${uniq()}`, status: 'New', priority: 'Normal', ...body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const viaTeam = await make(A, { teams: [team.id] });
  const assigned = await make(A, { assigned_to: [U.user.id] });
  const own = await make(U, {});
  await make(A, {}); // never visible to U
  /** U's list (ids newest first, its count) and, for each case of interest, whether U's detail finds it. */
  const seen = async () => {
    const r = await U.get('/api/cases/?limit=100');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.count, r.json.results.length, 'count matches the listed cases');
    const ids = r.json.results.map((c) => c.id);
    for (const c of [viaTeam, assigned, own]) {
      const d = await U.get(`/api/cases/${c.id}/`);
      assert.equal(d.status === 200, ids.includes(c.id), `list and detail agree on ${c.name}`);
    }
    const byStatus = await U.get('/api/cases/?status=New&limit=100');
    assert.deepEqual(byStatus.json.results.map((c) => c.id), ids, 'filtered list agrees');
    return ids;
  };
  assert.deepEqual(await seen(), [own.id, assigned.id]);
  assert.equal((await A.put(`/api/teams/${team.id}/`, { users: [U.user.id] })).status, 200);
  assert.deepEqual(await seen(), [own.id, assigned.id, viaTeam.id], 'joining a team shows its cases');
  assert.deepEqual((await U.get('/api/cases/?ordering=created_on')).json.results.map((c) => c.id),
    [viaTeam.id, assigned.id, own.id]);
  assert.equal((await A.put(`/api/teams/${team.id}/`, { users: [] })).status, 200);
  assert.deepEqual(await seen(), [own.id, assigned.id], 'leaving the team hides them');
  assert.equal((await A.put(`/api/teams/${team.id}/`, { users: [U.user.id] })).status, 200);
  assert.equal((await A.patch(`/api/cases/${assigned.id}/`, { assigned_to: [], teams: [team.id] })).status, 200);
  assert.deepEqual(await seen(), [own.id, assigned.id, viaTeam.id], 'still visible through the team');
  assert.equal((await A.del(`/api/teams/${team.id}/`)).status, 204);
  assert.deepEqual(await seen(), [own.id], 'a deleted team shows nothing any more');
  assert.equal((await A.patch(`/api/cases/${own.id}/`, { assigned_to: [U.user.id] })).status, 200);
  assert.equal((await A.patch(`/api/cases/${own.id}/`, { assigned_to: [] })).status, 200);
  assert.deepEqual(await seen(), [own.id], 'the creator keeps seeing their case when unassigned');
  assert.equal((await A.del(`/api/cases/${own.id}/`)).status, 204);
  assert.deepEqual(await seen(), [], 'a deleted case leaves the list and its count');
});
