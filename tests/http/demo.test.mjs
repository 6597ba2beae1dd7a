// demo.test.mjs: `casedesk seed-demo` creates its organization, team, accounts, contacts and cases through the
// same writes as the API (so they read back as the API made them) and leaves existing demo data alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, cli, login, newAdmin } from './lib.mjs';

test('seed-demo creates the demo organization once, readable through the API', async () => {
  const first = cli(['seed-demo']);
  assert.match(first, /demo organization "Acme Support"|demo data already present/);
  assert.match(cli(['seed-demo']), /demo data already present/);

  const l = await login('admin@casedesk.test', 'casedesk-demo');
  const org = l.organizations.find((o) => o.name === 'Acme Support').id;
  const as = (p) => api('GET', p, { token: l.access_token, org });

  const users = (await as('/api/users/?limit=100')).json.results;
  const idOf = Object.fromEntries(users.map((u) => [u.email, u.id]));
  assert.deepEqual(Object.keys(idOf).sort(), ['admin@casedesk.test', 'agent1@casedesk.test', 'agent2@casedesk.test']);

  const teams = (await as('/api/teams/')).json.results;
  assert.equal(teams.length, 1);
  assert.equal(teams[0].name, 'Tier 1');
  assert.equal(teams[0].description, 'First line: triage and quick fixes');
  assert.deepEqual([...teams[0].users].sort(), [idOf['agent1@casedesk.test'], idOf['agent2@casedesk.test']].sort());

  const accounts = (await as('/api/accounts/')).json.results;
  assert.deepEqual(accounts.map((a) => [a.name, a.email, a.phone, a.website]).sort(), [
    ['Globex Corporation', 'support@globex.test', '', ''],
    ['Initech', 'it@initech.test', '', ''],
    ['Umbrella Health', 'help@umbrella.test', '', ''],
  ]);
  const accountName = Object.fromEntries(accounts.map((a) => [a.id, a.name]));

  const contacts = (await as('/api/contacts/')).json.results;
  assert.deepEqual(contacts.map((c) => [c.first_name, c.last_name, c.email, accountName[c.account]]).sort(), [
    ['Alice', 'Abernathy', 'alice@umbrella.test', 'Umbrella Health'],
    ['Hank', 'Scorpio', 'hank@globex.test', 'Globex Corporation'],
    ['Peter', 'Gibbons', 'peter@initech.test', 'Initech'],
  ]);

  const cases = await as('/api/cases/?limit=100');
  assert.equal(cases.json.count, 8);
  assert.equal(new Set(cases.json.results.map((c) => c.status)).size, 4);
});

test('an organization named like the demo one is neither joined nor taken for it, by seed-demo or create-user', async () => {
  const stranger = await newAdmin('Acme Support'); // `create-user --org NAME`: a new organization of that name
  assert.match(cli(['seed-demo']), /demo data already present/);
  const l = await login('admin@casedesk.test', 'casedesk-demo');
  const demo = l.organizations.filter((o) => o.name === 'Acme Support');
  assert.equal(demo.length, 1);
  assert.notEqual(demo[0].id, stranger.org, 'the stranger did not join the demo organization');
  const theirs = await api('GET', '/api/users/?limit=100', { token: stranger.token, org: stranger.org });
  assert.deepEqual(theirs.json.results.map((m) => m.email), [stranger.email]);
});
