// drift.test.mjs: casedesk_read_model_drift() (sql/011) names each derived row that no longer matches its sources:
// a counter, a visibility row, a link array on the case and a copied creation time, each spoiled inside a
// transaction that is rolled back, so that the check lib.mjs runs after every test file is known to fail on drift;
// and `casedesk check --data` prints what it finds and says by its exit code whether it found anything.
import test from 'node:test';
import assert from 'node:assert/strict';
import { cli, psql, psqlSession, readModelDrift, uniq } from './lib.mjs';
import { newOrgAdmin, addMember } from './crm-lib.mjs';

/** The drift while statement has spoiled the read model, in a transaction rolled back afterwards. */
function driftWhile(statement) {
  return psqlSession(['BEGIN', statement, 'SELECT * FROM casedesk_read_model_drift() ORDER BY 1, 2', 'ROLLBACK']);
}

test('each kind of derived row that drifts is reported with its key, what it should hold and what it holds', async () => {
  const A = await newOrgAdmin('Drift');
  const U = await addMember(A, 'USER');
  const team = (await A.post('/api/teams/', { name: `Team ${uniq()}`, users: [U.user.id] })).json;
  let r = await A.post('/api/cases/', { name: `Drift ${uniq()}`, status: 'New', priority: 'High',
    assigned_to: [A.user.id], teams: [team.id] });
  assert.equal(r.status, 201, r.text);
  const c = r.json;
  assert.equal(readModelDrift(), '', 'consistent before');
  const slot = psql(`SELECT case_count_slot('${c.id}')`);
  const created = psql(`SELECT created_on FROM cases WHERE id = '${c.id}'`);
  const org = `org_id=${A.org}`;

  assert.equal(driftWhile(`UPDATE case_counts SET n = n + 1 WHERE org_id = '${A.org}'`),
    `case_counts|${org}, status=New, priority=High, case_type=, slot=${slot}|1|2`);
  assert.equal(driftWhile(`DELETE FROM case_totals WHERE org_id = '${A.org}'`),
    `case_totals|${org}, status=New, slot=${slot}|1|`);
  assert.equal(driftWhile(`DELETE FROM case_visibility WHERE case_id = '${c.id}' AND user_id = '${U.user.id}'`),
    `case_visibility|case_id=${c.id}, user_id=${U.user.id}|${org}, created_on=${created}|`,
    'the team member no longer sees the case');
  assert.equal(driftWhile(`UPDATE cases SET team_ids = '{}' WHERE id = '${c.id}'`),
    `cases.team_ids|id=${c.id}|{${team.id}}|{}`);
  const later = psql(`SELECT '${created}'::timestamptz + interval '1 second'`);
  assert.equal(driftWhile(`UPDATE case_assignees SET created_on = '${later}' WHERE case_id = '${c.id}'`),
    `case_assignees.created_on|case_id=${c.id}, user_id=${A.user.id}|${created}|${later}`);

  assert.equal(readModelDrift(), '', 'each change was rolled back');
});

test('casedesk check --data is silent and exits 0 when consistent, prints each difference and exits 1 when not', async () => {
  const A = await newOrgAdmin('Drift check');
  const r = await A.post('/api/cases/', { name: `Drift ${uniq()}`, status: 'On Hold', priority: 'Low' });
  assert.equal(r.status, 201, r.text);
  assert.equal(cli(['check', '--data']), '');
  const slot = psql(`SELECT case_count_slot('${r.json.id}')`);
  psql(`UPDATE case_totals SET n = n + 2 WHERE org_id = '${A.org}'`);
  try {
    const failed = (() => {
      try {
        cli(['check', '--data']);
        return null;
      } catch (err) {
        return err;
      }
    })();
    assert.ok(failed, 'exits non-zero');
    assert.equal(failed.status, 1);
    assert.equal(failed.stdout, `case_totals org_id=${A.org}, status=On Hold, slot=${slot}: expected 1, found 3\n`);
  } finally {
    psql(`UPDATE case_totals SET n = n - 2 WHERE org_id = '${A.org}'`);
  }
  assert.equal(cli(['check', '--data']), '');
});
