// crm.test.mjs: the organization-scoped teams, accounts and contacts APIs: CRUD, validation, paging,
// filters, tenancy (another organization sees and changes nothing) and roles (USER reads only).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { addMember, newOrgAdmin } from './crm-lib.mjs';
import { uniq } from './lib.mjs';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

let A, B, userA, idleA; // org A's admin, org B's admin, an org A USER, an inactive org A member
// Rows of org A, made by the tests below, that org B and the USER try to reach.
const rows = {};

before(async () => {
  A = await newOrgAdmin('crm-a');
  B = await newOrgAdmin('crm-b');
  userA = await addMember(A, 'USER');
  idleA = await addMember(A, 'USER');
  const r = await A.put(`/api/users/${idleA.user.id}/`, { is_active: false });
  assert.equal(r.status, 200);
});

function assertErrors(r, fields) {
  assert.equal(r.status, 400, JSON.stringify(r.json));
  assert.deepEqual(Object.keys(r.json.errors).sort(), [...fields].sort(), JSON.stringify(r.json));
}

test('users list still pages through the shared list helper', async () => {
  const r = await A.get('/api/users/?limit=1');
  assert.equal(r.status, 200);
  assert.equal(r.json.count, 3);
  assert.equal(r.json.results.length, 1);
  assert.equal(r.json.previous, null);
  assert.equal(r.json.next, '/api/users/?limit=1&offset=1');
});

test('teams: create, get, list, update, delete', async () => {
  const name = `Tier ${uniq()}`;
  let r = await A.post('/api/teams/', { name, description: 'First line', users: [userA.user.id, A.user.id] });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const t = r.json;
  assert.equal(r.headers.get('location'), `/api/teams/${t.id}/`);
  assert.equal(t.name, name);
  assert.equal(t.description, 'First line');
  assert.deepEqual([...t.users].sort(), [userA.user.id, A.user.id].sort());
  assert.match(t.created_on, ISO);
  assert.deepEqual(Object.keys(t).sort(), ['created_on', 'description', 'id', 'name', 'users']);

  r = await A.get(`/api/teams/${t.id}/`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, t);

  r = await A.get('/api/teams/');
  assert.equal(r.status, 200);
  assert.ok(r.json.results.some((x) => x.id === t.id));

  r = await A.patch(`/api/teams/${t.id}/`, { description: 'Triage' });
  assert.equal(r.status, 200);
  assert.equal(r.json.name, name);
  assert.equal(r.json.description, 'Triage');
  assert.equal(r.json.users.length, 2, 'users kept when not sent');

  r = await A.put(`/api/teams/${t.id}/`, { users: [userA.user.id] });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.users, [userA.user.id], 'users replaced when sent');
  assert.equal(r.json.description, 'Triage');

  r = await A.put(`/api/teams/${t.id}/`, { name: name.toUpperCase(), users: [] });
  assert.equal(r.status, 200, 'renaming to the same name in another case is not a duplicate');
  assert.deepEqual(r.json.users, []);

  r = await A.del(`/api/teams/${t.id}/`);
  assert.equal(r.status, 204);
  assert.equal((await A.get(`/api/teams/${t.id}/`)).status, 404);
  assert.equal((await A.del(`/api/teams/${t.id}/`)).status, 404);
});

test('teams: validation names every bad field', async () => {
  const name = `Dup ${uniq()}`;
  const first = await A.post('/api/teams/', { name });
  assert.equal(first.status, 201);
  rows.team = first.json;

  assertErrors(await A.post('/api/teams/', {}), ['name']);
  assertErrors(await A.post('/api/teams/', { name: '  ', description: 'x'.repeat(10001) }), ['name', 'description']);
  assertErrors(await A.post('/api/teams/', { name: 'x'.repeat(256) }), ['name']);
  // duplicate (case-insensitive) and a non-member, an inactive member, another org's user, a malformed id
  let r = await A.post('/api/teams/', { name: name.toLowerCase(), users: [B.user.id, idleA.user.id] });
  assertErrors(r, ['name', 'users']);
  assert.equal(r.json.errors.users.length, 2);
  assert.match(r.json.errors.name[0], /already exists/);
  assertErrors(await A.post('/api/teams/', { name: `U ${uniq()}`, users: ['nope'] }), ['users']);
  assertErrors(await A.post('/api/teams/', { name: `U ${uniq()}`, users: 'x' }), ['users']);
  // an update to another team's name, or to a non-member, changes nothing
  const other = await A.post('/api/teams/', { name: `Other ${uniq()}`, users: [userA.user.id] });
  r = await A.put(`/api/teams/${other.json.id}/`, { name, users: [UNKNOWN] });
  assertErrors(r, ['name', 'users']);
  r = await A.get(`/api/teams/${other.json.id}/`);
  assert.deepEqual(r.json, other.json);
  assert.equal((await A.get('/api/teams/?limit=0')).status, 400);
});

test('accounts: create, get, update, delete', async () => {
  let r = await A.post('/api/accounts/', {
    name: 'Globex', email: 'Support@Globex.test', phone: '+1 555', website: 'https://globex.test', description: 'd',
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const a = r.json;
  assert.equal(r.headers.get('location'), `/api/accounts/${a.id}/`);
  assert.deepEqual(Object.keys(a).sort(),
    ['created_by', 'created_on', 'description', 'email', 'id', 'name', 'phone', 'website']);
  assert.equal(a.email, 'support@globex.test');
  assert.equal(a.created_by, A.user.id);
  assert.match(a.created_on, ISO);
  rows.account = a;

  r = await A.get(`/api/accounts/${a.id}/`);
  assert.deepEqual(r.json, a);

  r = await A.patch(`/api/accounts/${a.id}/`, { phone: '+1 556' });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { ...a, phone: '+1 556' });
  r = await A.put(`/api/accounts/${a.id}/`, { email: '', website: null });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { ...a, phone: '+1 556', email: '', website: '' });

  r = await A.post('/api/accounts/', { name: 'Short-lived' });
  assert.equal(r.status, 201);
  assert.equal(r.json.email, '');
  assert.equal((await A.del(`/api/accounts/${r.json.id}/`)).status, 204);
  assert.equal((await A.get(`/api/accounts/${r.json.id}/`)).status, 404);
});

test('accounts: validation names every bad field', async () => {
  assertErrors(await A.post('/api/accounts/', {
    name: '', email: 'not-an-email', phone: '1'.repeat(65), website: 'w'.repeat(1001), description: 'd'.repeat(10001),
  }), ['name', 'email', 'phone', 'website', 'description']);
  assertErrors(await A.post('/api/accounts/', { email: 'a@b.test' }), ['name']);
  assertErrors(await A.post('/api/accounts/', { name: 42 }), ['name']);
  assertErrors(await A.patch(`/api/accounts/${rows.account.id}/`, { name: null, email: 'x' }), ['name', 'email']);
  assertErrors(await A.post('/api/accounts/', [1, 2]), ['non_field_errors']);
});

test('accounts: paging keeps filters; name filter is partial, case-insensitive and literal', async () => {
  const tag = uniq();
  const made = [];
  for (let i = 0; i < 5; i++) {
    const r = await A.post('/api/accounts/', { name: `Paged ${tag} ${i}` });
    assert.equal(r.status, 201);
    made.push(r.json.id);
  }
  const newest = [...made].reverse();
  let r = await A.get(`/api/accounts/?name=PAGED+${tag}&limit=2`);
  assert.equal(r.status, 200);
  assert.equal(r.json.count, 5);
  assert.deepEqual(r.json.results.map((x) => x.id), newest.slice(0, 2));
  assert.equal(r.json.previous, null);
  const next = new URL(r.json.next, 'http://x');
  assert.equal(next.pathname, '/api/accounts/');
  assert.equal(next.searchParams.get('name'), `PAGED ${tag}`);
  assert.equal(next.searchParams.get('limit'), '2');
  assert.equal(next.searchParams.get('offset'), '2');

  r = await A.get(r.json.next);
  assert.deepEqual(r.json.results.map((x) => x.id), newest.slice(2, 4));
  const prev = new URL(r.json.previous, 'http://x');
  assert.equal(prev.searchParams.get('name'), `PAGED ${tag}`);
  r = await A.get(r.json.next);
  assert.deepEqual(r.json.results.map((x) => x.id), newest.slice(4));
  assert.equal(r.json.next, null);
  assert.equal((await A.get(r.json.previous)).json.results[0].id, newest[2]);

  r = await A.get(`/api/accounts/?name=${encodeURIComponent(`aged ${tag} 3`)}`);
  assert.deepEqual(r.json.results.map((x) => x.id), [made[3]]);

  // % and _ match themselves only
  const pct = await A.post('/api/accounts/', { name: `100%_off ${tag}` });
  await A.post('/api/accounts/', { name: `100xxoff ${tag}` });
  await A.post('/api/accounts/', { name: `back\\slash ${tag}` });
  r = await A.get(`/api/accounts/?name=${encodeURIComponent(`100%_off ${tag}`)}`);
  assert.deepEqual(r.json.results.map((x) => x.id), [pct.json.id]);
  r = await A.get(`/api/accounts/?name=${encodeURIComponent(`%${tag}`)}`);
  assert.equal(r.json.count, 0);
  r = await A.get(`/api/accounts/?name=${encodeURIComponent('k\\s')}`);
  assert.equal(r.json.count, 1);

  assertErrors(await A.get('/api/accounts/?limit=101&offset=-1'), ['limit', 'offset']);
  r = await A.get(`/api/accounts/?name=${tag}&offset=100`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.results, []);
});

test('contacts: create, filters, account link, update, delete', async () => {
  const tag = uniq();
  const acc = (await A.post('/api/accounts/', { name: `Initech ${tag}` })).json;
  let r = await A.post('/api/contacts/', {
    first_name: 'Peter', last_name: `Gibbons${tag}`, email: 'peter@initech.test', phone: '1', title: 'Engineer',
    account: acc.id.toUpperCase(),
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const c = r.json;
  assert.equal(r.headers.get('location'), `/api/contacts/${c.id}/`);
  assert.deepEqual(Object.keys(c).sort(), ['account', 'created_by', 'created_on', 'email', 'first_name', 'id',
    'last_name', 'phone', 'title']);
  assert.equal(c.account, acc.id);
  assert.equal(c.created_by, A.user.id);
  rows.contact = c;

  r = await A.post('/api/contacts/', { first_name: `Milton${tag}` });
  assert.equal(r.status, 201);
  assert.equal(r.json.account, null);
  assert.equal(r.json.last_name, '');
  const milton = r.json;

  assert.deepEqual((await A.get(`/api/contacts/${c.id}/`)).json, c);
  r = await A.get(`/api/contacts/?name=gibbons${tag}`);
  assert.deepEqual(r.json.results.map((x) => x.id), [c.id], 'name matches the last name');
  r = await A.get(`/api/contacts/?name=MILTON${tag}`);
  assert.deepEqual(r.json.results.map((x) => x.id), [milton.id], 'name matches the first name');
  r = await A.get(`/api/contacts/?account=${acc.id}&limit=1`);
  assert.equal(r.json.count, 1);
  assert.deepEqual(r.json.results.map((x) => x.id), [c.id]);
  assertErrors(await A.get('/api/contacts/?account=not-a-uuid&limit=0'), ['account', 'limit']);

  r = await A.patch(`/api/contacts/${c.id}/`, { title: 'Manager' });
  assert.deepEqual(r.json, { ...c, title: 'Manager' }, 'account kept when not sent');
  r = await A.put(`/api/contacts/${c.id}/`, { account: null });
  assert.equal(r.json.account, null);
  assert.equal(r.json.title, 'Manager');
  r = await A.put(`/api/contacts/${milton.id}/`, { account: acc.id });
  assert.equal(r.json.account, acc.id);

  // deleting the account unlinks its contacts
  assert.equal((await A.del(`/api/accounts/${acc.id}/`)).status, 204);
  assert.equal((await A.get(`/api/contacts/${milton.id}/`)).json.account, null);

  assert.equal((await A.del(`/api/contacts/${milton.id}/`)).status, 204);
  assert.equal((await A.get(`/api/contacts/${milton.id}/`)).status, 404);
});

test('contacts: validation names every bad field; the account must be in the organization', async () => {
  assertErrors(await A.post('/api/contacts/', { last_name: 'x'.repeat(256), email: 'bad', phone: 'p'.repeat(65),
    title: 't'.repeat(256), account: 'zzz' }), ['first_name', 'last_name', 'email', 'phone', 'title', 'account']);
  const bAccount = (await B.post('/api/accounts/', { name: 'B only' })).json;
  let r = await A.post('/api/contacts/', { first_name: 'X', account: bAccount.id });
  assertErrors(r, ['account']);
  assertErrors(await A.post('/api/contacts/', { first_name: 'X', account: UNKNOWN }), ['account']);
  r = await A.put(`/api/contacts/${rows.contact.id}/`, { first_name: 'Changed', account: bAccount.id });
  assertErrors(r, ['account']);
  r = await A.get(`/api/contacts/${rows.contact.id}/`);
  assert.equal(r.json.first_name, 'Peter', 'nothing written on a 400');
  r = await A.get(`/api/contacts/?account=${bAccount.id}`);
  assert.equal(r.json.count, 0);
});

test('unknown ids are 404', async () => {
  for (const res of ['teams', 'accounts', 'contacts']) {
    assert.equal((await A.get(`/api/${res}/${UNKNOWN}/`)).status, 404, res);
    assert.equal((await A.patch(`/api/${res}/${UNKNOWN}/`, {})).status, 404, res);
    assert.equal((await A.put(`/api/${res}/${UNKNOWN}/`, { name: 'n', first_name: 'n' })).status, 404, res);
    assert.equal((await A.del(`/api/${res}/${UNKNOWN}/`)).status, 404, res);
  }
});

test('another organization sees none of these rows and cannot change them', async () => {
  const C = await newOrgAdmin('crm-c');
  for (const res of ['teams', 'accounts', 'contacts']) {
    const r = await C.get(`/api/${res}/`);
    assert.equal(r.status, 200);
    assert.equal(r.json.count, 0, res);
    assert.deepEqual(r.json.results, []);
  }
  for (const [res, row] of [['teams', rows.team], ['accounts', rows.account], ['contacts', rows.contact]]) {
    assert.ok(row, `${res} row made by an earlier test`);
    const path = `/api/${res}/${row.id}/`;
    assert.equal((await B.get(path)).status, 404, res);
    assert.equal((await B.put(path, { name: 'Mine', first_name: 'Mine' })).status, 404, res);
    assert.equal((await B.patch(path, { description: 'Mine', title: 'Mine' })).status, 404, res);
    assert.equal((await B.del(path)).status, 404, res);
    const r = await A.get(path);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, (await A.get(path)).json);
    assert.notEqual(r.json.name, 'Mine');
    assert.notEqual(r.json.first_name, 'Mine');
  }
  // org B's team of org A's users is refused
  assertErrors(await B.post('/api/teams/', { name: `B ${uniq()}`, users: [A.user.id] }), ['users']);
  // org B may reuse org A's team name
  assert.equal((await B.post('/api/teams/', { name: rows.team.name })).status, 201);
});

test('a USER reads (200) but may not write (403)', async () => {
  for (const [res, row, body] of [['teams', rows.team, { name: `U ${uniq()}` }],
    ['accounts', rows.account, { name: 'U' }], ['contacts', rows.contact, { first_name: 'U' }]]) {
    assert.equal((await userA.get(`/api/${res}/`)).status, 200, res);
    assert.equal((await userA.get(`/api/${res}/${row.id}/`)).status, 200, res);
    assert.equal((await userA.post(`/api/${res}/`, body)).status, 403, res);
    assert.equal((await userA.put(`/api/${res}/${row.id}/`, body)).status, 403, res);
    assert.equal((await userA.patch(`/api/${res}/${row.id}/`, body)).status, 403, res);
    assert.equal((await userA.del(`/api/${res}/${row.id}/`)).status, 403, res);
  }
  assert.equal((await idleA.get('/api/teams/')).status, 403, 'an inactive member reads nothing');
  assert.equal((await B.get('/api/accounts/', undefined)).status, 200);
});
