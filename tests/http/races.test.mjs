// races.test.mjs: concurrent writers of what a case's visibility depends on (its assignees, its teams, their
// members) and of shared attachment contents, many pairs at once: whatever the interleaving, every USER's visible
// cases are the rule of sql/009 computed from the source tables, no pair answers a 5xx (a deadlock) or a 400 (a
// lost race), and the read model is drift free.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, STACK, http, psql, readModelDrift, sleep, uniq } from './lib.mjs';
import { newOrgAdmin, addMember } from './crm-lib.mjs';
import { assertVisibility, listed } from './visibility-lib.mjs';

/** Runs statements in one psql session in the background (a transaction left open across a request); resolves
 *  when the session ends. */
function psqlAsync(statements) {
  return promisify(execFile)('bash', [path.join(ROOT, 'deploy', 'stack.sh'), 'psql', STACK, '-qtA',
    '-v', 'ON_ERROR_STOP=1', ...statements.flatMap((x) => ['-c', x])]);
}

/** While a transaction that wrote `sql` stays open for a second, runs request (sent once the write is done):
 *  the one interleaving each race below needs, made certain. Returns the request's answer. */
async function whileOpen(sql, request) {
  const mark = `held ${uniq()}`;
  const held = psqlAsync(['BEGIN', sql, `SELECT pg_sleep(1), '${mark}'`, 'COMMIT']);
  for (let i = 0; psql(`SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%${mark}%' AND pid <> pg_backend_pid()
    AND state = 'active'`) !== '1'; i++) {
    assert.ok(i < 200, 'the held transaction started');
    await sleep(5);
  }
  const r = await request();
  await held;
  return r;
}

/** Asserts that no answer of the pairs is a 5xx and each is one of the statuses allowed. */
function assertAnswers(results, allowed) {
  const bad = results.flat().filter((r) => !allowed.includes(r.status));
  assert.deepEqual(bad.map((r) => `${r.status} ${r.text}`), [], 'every concurrent write succeeds');
}

/** One organization with n USERs, an ADMIN client A and `pairs` teams. */
async function setup(tag, n, pairs) {
  const A = await newOrgAdmin(tag);
  const users = [];
  for (let i = 0; i < n; i++) users.push(await addMember(A, 'USER'));
  const teams = [];
  for (let i = 0; i < pairs; i++) {
    const r = await A.post('/api/teams/', { name: `${tag} ${i} ${uniq()}`, users: [] });
    assert.equal(r.status, 201, r.text);
    teams.push(r.json);
  }
  return { A, users, teams };
}

const PAIRS = 24;

test('unassigning a USER while removing them from the case\'s team revokes the case', async () => {
  const { A, users, teams } = await setup('Revoke', 4, PAIRS);
  const cases = [];
  for (let i = 0; i < PAIRS; i++) {
    const u = users[i % users.length];
    assert.equal((await A.patch(`/api/teams/${teams[i].id}/`, { users: [u.user.id] })).status, 200);
    const r = await A.post('/api/cases/', { name: `Revoke ${i}`, status: 'New', priority: 'Low',
      assigned_to: [u.user.id], teams: [teams[i].id] });
    assert.equal(r.status, 201, r.text);
    cases.push(r.json);
  }
  await assertVisibility(users);
  const results = await Promise.all(cases.map((c, i) => Promise.all([
    A.patch(`/api/cases/${c.id}/`, { assigned_to: [] }),
    A.patch(`/api/teams/${teams[i].id}/`, { users: [] }),
  ])));
  assertAnswers(results, [200]);
  await assertVisibility(users);
  for (const u of users) assert.equal((await listed(u)).count, 0, 'no case is left visible');
  for (const [i, c] of cases.entries()) {
    const u = users[i % users.length];
    assert.equal((await u.get(`/api/cases/${c.id}/`)).status, 404, 'the detail is revoked too');
  }
  assert.equal(readModelDrift(), '');
});

test('adding a case to a team while adding a member to the team grants the case', async () => {
  const { A, users, teams } = await setup('Grant', 4, PAIRS);
  const cases = [];
  for (let i = 0; i < PAIRS; i++) {
    const r = await A.post('/api/cases/', { name: `Grant ${i}`, status: 'New', priority: 'Low' });
    assert.equal(r.status, 201, r.text);
    cases.push(r.json);
  }
  const results = await Promise.all(cases.map((c, i) => Promise.all([
    A.patch(`/api/cases/${c.id}/`, { teams: [teams[i].id] }),
    A.patch(`/api/teams/${teams[i].id}/`, { users: [users[i % users.length].user.id] }),
  ])));
  assertAnswers(results, [200]);
  await assertVisibility(users);
  for (const u of users) assert.equal((await listed(u)).count, PAIRS / users.length, 'every granted case is listed');
  assert.equal(readModelDrift(), '');
});

test('a link written while a membership change of the same pair is uncommitted: the later one sees it', async () => {
  const { A, users, teams } = await setup('Held', 1, 2);
  const [U] = users;
  // Granted: a case linked to a team while U joins it.
  const grant = (await A.post('/api/cases/', { name: `Held grant ${uniq()}`, status: 'New', priority: 'Low' })).json;
  let r = await whileOpen(`INSERT INTO team_members (org_id, team_id, user_id) VALUES ('${A.org}', '${teams[0].id}',
    '${U.user.id}')`, () => A.patch(`/api/cases/${grant.id}/`, { teams: [teams[0].id] }));
  assert.equal(r.status, 200, r.text);
  // Revoked: U unassigned while they leave the case's team.
  assert.equal((await A.patch(`/api/teams/${teams[1].id}/`, { users: [U.user.id] })).status, 200);
  const revoke = (await A.post('/api/cases/', { name: `Held revoke ${uniq()}`, status: 'New', priority: 'Low',
    assigned_to: [U.user.id], teams: [teams[1].id] })).json;
  r = await whileOpen(`DELETE FROM team_members WHERE team_id = '${teams[1].id}'`,
    () => A.patch(`/api/cases/${revoke.id}/`, { assigned_to: [] }));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual((await listed(U)).ids, [grant.id], 'the granted case is listed, the revoked one is not');
  await assertVisibility(users);
  assert.equal(readModelDrift(), '');
});

test('editing a case\'s links while editing the members of its teams never deadlocks into a 5xx', async () => {
  const { A, users, teams } = await setup('Deadlock', 6, 8);
  const ids = (list) => list.map((x) => x.user.id);
  const cases = [];
  for (let i = 0; i < 32; i++) {
    const r = await A.post('/api/cases/', { name: `Deadlock ${i}`, status: 'New', priority: 'Low',
      teams: [teams[i % 8].id, teams[(i + 1) % 8].id], assigned_to: ids(users.slice(0, 2)) });
    assert.equal(r.status, 201, r.text);
    cases.push(r.json);
  }
  for (let round = 0; round < 2; round++) {
    const results = await Promise.all(cases.map((c, i) => Promise.all([
      A.patch(`/api/cases/${c.id}/`, { assigned_to: ids(users.slice((i + round) % 3, (i + round) % 3 + 3)),
        teams: [teams[(i + round + 1) % 8].id, teams[(i + 3) % 8].id] }),
      A.patch(`/api/teams/${teams[(i + round) % 8].id}/`, { users: ids(users.slice(i % 4, i % 4 + 2 + round)) }),
    ])));
    assertAnswers(results, [200]);
  }
  await assertVisibility(users);
  assert.equal(readModelDrift(), '');
});

/** Uploads content as file name to case caseId through the API, as client. */
function upload(client, caseId, name, content) {
  const fd = new FormData();
  fd.append('attachment', new Blob([content], { type: 'application/octet-stream' }), name);
  return http(`/api/cases/${caseId}/`, { method: 'POST', body: fd,
    headers: { Authorization: `Bearer ${client.token}`, 'organization-id': client.org } });
}

/** { status, text } of a fetch Response. */
async function answer(res) {
  return { status: res.status, text: await res.text() };
}

test('deleting an attachment or a case while an upload of the same bytes is uncommitted keeps the content', async () => {
  const A = await newOrgAdmin('Held blobs');
  const mk = async (name) => (await A.post('/api/cases/', { name, status: 'New', priority: 'Low' })).json;
  const target = await mk('Held uploads');
  for (const what of ['attachment', 'case']) {
    const holder = await mk(`Held ${what}`);
    const content = `held content ${what} ${uniq()}`;
    const up = await answer(await upload(A, holder.id, 'held.bin', content));
    assert.equal(up.status, 201, up.text);
    const att = JSON.parse(up.text).attachments[0];
    // The upload's transaction, stopped after its attachment row: the content is referred to, uncommitted.
    const r = await whileOpen(`INSERT INTO case_attachments (org_id, case_id, file_name, content_type, size, sha256)
      SELECT org_id, '${target.id}', 'uploading-${what}.bin', content_type, size, sha256 FROM case_attachments
      WHERE id = '${att.id}'`,
    () => A.del(what === 'case' ? `/api/cases/${holder.id}/` : `/api/cases/attachment/${att.id}/`));
    assert.equal(r.status, 204, `the ${what} delete succeeds: ${r.text}`);
    const kept = (await A.get(`/api/cases/${target.id}/`)).json.attachments.find((a) => a.file_name === `uploading-${what}.bin`);
    const dl = await http(kept.attachment, { headers: { Authorization: `Bearer ${A.token}`, 'organization-id': A.org } });
    assert.equal(dl.status, 200);
    assert.equal(await dl.text(), content, 'the content the upload refers to is kept');
  }
  assert.equal(readModelDrift(), '');
});

test('deleting an attachment or a case while the same bytes are uploaded elsewhere: both succeed', async () => {
  const A = await newOrgAdmin('Blobs');
  const mk = async (name) => (await A.post('/api/cases/', { name, status: 'New', priority: 'Low' })).json;
  const target = await mk('Uploads go here');
  const n = 16;
  const contents = Array.from({ length: n }, (_, i) => `shared content ${i} ${uniq()}`);
  const holders = [];
  for (let i = 0; i < n; i++) {
    const c = await mk(`Holder ${i}`);
    const r = await answer(await upload(A, c.id, `held-${i}.bin`, contents[i]));
    assert.equal(r.status, 201, r.text);
    holders.push({ case: c, attachment: JSON.parse(r.text).attachments[0] });
  }
  // Half delete the attachment, half the whole case; in each half the delete goes first or second.
  const results = await Promise.all(holders.map(async (h, i) => {
    const del = () => (i % 2 ? A.del(`/api/cases/${h.case.id}/`) : A.del(`/api/cases/attachment/${h.attachment.id}/`));
    const put = () => upload(A, target.id, `again-${i}.bin`, contents[i]).then(answer);
    return i % 4 < 2 ? Promise.all([del(), put()]) : Promise.all([put(), del()]).then(([p, d]) => [d, p]);
  }));
  const bad = results.filter(([d, p]) => d.status !== 204 || p.status !== 201);
  assert.deepEqual(bad.map(([d, p]) => `delete ${d.status} ${d.text} / upload ${p.status} ${p.text}`), []);
  // Every uploaded copy serves its bytes: the content it refers to was kept or stored again.
  const detail = await A.get(`/api/cases/${target.id}/`);
  assert.equal(detail.json.attachments.length, n);
  for (const a of detail.json.attachments) {
    const i = Number(a.file_name.match(/again-(\d+)/)[1]);
    const dl = await http(a.attachment, { headers: { Authorization: `Bearer ${A.token}`, 'organization-id': A.org } });
    assert.equal(dl.status, 200);
    assert.equal(await dl.text(), contents[i]);
  }
  assert.equal(psql(`SELECT count(*) FROM attachment_blobs b WHERE b.org_id = '${A.org}' AND NOT EXISTS
    (SELECT 1 FROM case_attachments a WHERE a.org_id = b.org_id AND a.sha256 = b.sha256)`), '0', 'no orphan content');
  assert.equal(readModelDrift(), '');
});

test('assigning a member while their removal is uncommitted: refused naming the field, never left assigned', async () => {
  const { A, users } = await setup('Leaving', 2, 0);
  const [stays, leaves] = users;
  for (const [label, path] of [['create', '/api/cases/'], ['update', null]]) {
    let target = path;
    if (!path) {
      const c = await A.post('/api/cases/', { name: `Leaving ${uniq()}`, status: 'New', priority: 'Normal' });
      assert.equal(c.status, 201, c.text);
      target = `/api/cases/${c.json.id}/`;
    }
    // What a removal does, held open for a second: the locks an assignment of the member waits for, then the
    // membership gone. The write validates while the member still looks active, then waits for those locks.
    const removal = `SELECT visibility_lock_member('${A.org}', '${leaves.user.id}');
      DELETE FROM memberships WHERE org_id = '${A.org}' AND user_id = '${leaves.user.id}'`;
    const body = { name: `Leaving ${uniq()}`, status: 'New', priority: 'Normal', assigned_to: [stays.user.id, leaves.user.id] };
    const r = await whileOpen(removal, () => (path ? A.post(path, body) : A.patch(target, body)));
    assert.equal(r.status, 400, `${label}: ${r.status} ${r.text}`);
    assert.ok(r.json.errors?.assigned_to, `${label}: the refusal names assigned_to: ${r.text}`);
    assert.equal(psql(`SELECT count(*) FROM case_assignees WHERE org_id = '${A.org}' AND user_id = '${leaves.user.id}'`),
      '0', `${label}: the removed member is assigned nowhere`);
    // Back in the organization for the next round.
    psql(`INSERT INTO memberships (org_id, user_id, role) VALUES ('${A.org}', '${leaves.user.id}', 'USER')`);
  }
  assert.equal(readModelDrift(), '');
});
