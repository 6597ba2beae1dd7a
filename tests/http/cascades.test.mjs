// cascades.test.mjs: deleting a team, contact or account, and removing or deactivating a member, is a change of
// every case linked to it, as an edit is: one history row each, a new version (an old ETag or form version is
// refused) and a representation that PUTs back as read; through the API and the admin pages alike, on hundreds of
// cases in one request, and in a transaction of its own (the routes are TX_WRITE).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { api, Browser, newAdmin, psql, ROOT, uniq, workerLog } from './lib.mjs';
import { addMember, orgClient } from './crm-lib.mjs';

const ROUTES = JSON.parse(execFileSync(path.join(ROOT, 'casedesk'), ['routes'], { encoding: 'utf8' }));

/** A fresh organization: its ADMIN as an API client and as a signed-in Browser with its CSRF token. */
async function setup() {
  const a = await newAdmin(`Cascades ${uniq()}`);
  const b = new Browser();
  assert.equal((await b.signIn(a.email, a.password)).status, 303);
  return { admin: orgClient(a), b, csrf: await b.csrf() };
}

const created = (r) => {
  assert.equal(r.status, 201, r.text);
  return r.json.id;
};
const sorted = (ids) => [...ids].sort();

/** A link kind: the case field (also the history field) holding a list of ids. */
const listKind = (field) => ({
  link: (gone, kept) => ({ [field]: [gone, kept] }),
  only: (kept) => ({ [field]: [kept] }),
  history: (gone, kept) => ({ old_value: sorted([gone, kept]).join(','), new_value: kept }),
  after: (gone, kept) => [kept],
});

/**
 * Everything that takes an object off the cases linked to it: how to make one, the API call and the admin form
 * that remove it, and the route patterns of those two (which must run in one transaction).
 */
const KINDS = [
  {
    name: 'team deletion', field: 'teams', ...listKind('teams'),
    make: async (admin) => created(await admin.post('/api/teams/', { name: `Team ${uniq()}` })),
    api: (admin, id) => admin.del(`/api/teams/${id}/`), apiStatus: 204,
    form: (b, csrf, id) => b.req('POST', `/admin/teams/${id}/delete`, { form: { csrf_token: csrf } }),
    routes: [['DELETE', '/api/teams/{uuid}/'], ['POST', '/admin/teams/{uuid}/delete']],
  },
  {
    name: 'contact deletion', field: 'contacts', ...listKind('contacts'),
    make: async (admin) => created(await admin.post('/api/contacts/', { first_name: `C ${uniq()}` })),
    api: (admin, id) => admin.del(`/api/contacts/${id}/`), apiStatus: 204,
    form: (b, csrf, id) => b.req('POST', `/admin/contacts/${id}/delete`, { form: { csrf_token: csrf } }),
    routes: [['DELETE', '/api/contacts/{uuid}/'], ['POST', '/admin/contacts/{uuid}/delete']],
  },
  {
    name: 'account deletion', field: 'account',
    make: async (admin) => created(await admin.post('/api/accounts/', { name: `Account ${uniq()}` })),
    link: (gone) => ({ account: gone }),
    only: (kept) => ({ account: kept }),
    history: (gone) => ({ old_value: gone, new_value: null }),
    after: () => null,
    api: (admin, id) => admin.del(`/api/accounts/${id}/`), apiStatus: 204,
    form: (b, csrf, id) => b.req('POST', `/admin/accounts/${id}/delete`, { form: { csrf_token: csrf } }),
    routes: [['DELETE', '/api/accounts/{uuid}/'], ['POST', '/admin/accounts/{uuid}/delete']],
  },
  {
    name: 'member removal', field: 'assigned_to', ...listKind('assigned_to'),
    make: async (admin) => (await addMember(admin, 'USER')).user.id,
    api: (admin, id) => admin.del(`/api/users/${id}/`), apiStatus: 204,
    form: (b, csrf, id) => b.req('POST', `/admin/members/${id}/remove`, { form: { csrf_token: csrf } }),
    routes: [['DELETE', '/api/users/{uuid}/'], ['POST', '/admin/members/{uuid}/remove']],
  },
  {
    name: 'member deactivation', field: 'assigned_to', ...listKind('assigned_to'),
    make: async (admin) => (await addMember(admin, 'USER')).user.id,
    api: (admin, id) => admin.patch(`/api/users/${id}/`, { is_active: false }), apiStatus: 200,
    form: (b, csrf, id) => b.req('POST', `/admin/members/${id}`, { form: { csrf_token: csrf, is_active: 'false' } }),
    routes: [['PATCH', '/api/users/{uuid}/'], ['POST', '/admin/members/{uuid}']],
  },
];

async function newCase(admin, extra) {
  return created(await admin.post('/api/cases/', { name: `Case ${uniq()}`, status: 'New', priority: 'Normal', ...extra }));
}

/** The detail of case id with its ETag and version as a form sends it. */
async function read(admin, id) {
  const r = await admin.get(`/api/cases/${id}/`);
  assert.equal(r.status, 200, r.text);
  return { ...r.json, etag: r.headers.get('etag'), version: Number(/"(\d+)"/.exec(r.headers.get('etag'))[1]) };
}

const putCase = (admin, c, etag) =>
  api('PUT', `/api/cases/${c.id}/`, { token: admin.token, org: admin.org, body: c, headers: { 'If-Match': etag } });

test('every route that removes something linked to cases runs in one transaction', () => {
  for (const kind of KINDS)
    for (const [method, pattern] of kind.routes) {
      const route = ROUTES.find((r) => r.pattern === pattern && r.methods.includes(method));
      assert.ok(route, `${method} ${pattern} is a route`);
      assert.equal(route.tx, 'write', `${kind.name}: ${method} ${pattern}`);
    }
});

for (const kind of KINDS)
  for (const via of ['api', 'form'])
    test(`${kind.name} (${via}): each linked case gets a history row and a new version, and PUTs back`, async () => {
      const { admin, b, csrf } = await setup();
      const gone = await kind.make(admin), kept = await kind.make(admin);
      const linked = await newCase(admin, kind.link(gone, kept));
      const bystander = await newCase(admin, kind.only(kept));
      // A minute back, so that a new updated_on shows at the API's resolution (seconds).
      psql(`UPDATE cases SET updated_on = updated_on - interval '1 minute' WHERE id IN ('${linked}', '${bystander}')`);
      const before = await read(admin, linked), other = await read(admin, bystander);

      const r = via === 'api' ? await kind.api(admin, gone) : await kind.form(b, csrf, gone);
      assert.equal(r.status, via === 'api' ? kind.apiStatus : 303, r.text);

      const after = await read(admin, linked);
      assert.deepEqual(after.case_obj[kind.field], kind.after(gone, kept));
      const fresh = after.history.slice(0, after.history.length - before.history.length);
      assert.equal(fresh.length, 1, JSON.stringify(fresh));
      assert.deepEqual({ field: fresh[0].field, old_value: fresh[0].old_value, new_value: fresh[0].new_value },
        { field: kind.field, ...kind.history(gone, kept) });
      assert.equal(fresh[0].actor.id, admin.user.id);
      assert.equal(after.version, before.version + 1);
      assert.ok(after.case_obj.updated_on > before.case_obj.updated_on, 'updated_on moves');

      const stale = await putCase(admin, after.case_obj, before.etag);
      assert.equal(stale.status, 412, `the ETag read before the change is stale: ${stale.text}`);
      const staleForm = await b.req('POST', `/cases/${linked}/edit`, {
        form: { csrf_token: csrf, name: 'Stale', description: '', status: 'New', priority: 'Normal', case_type: '',
          account: '', closed_on: '', contacts: '', assigned_to: '', teams: '', version: String(before.version) },
      });
      assert.equal(staleForm.status, 409, 'so is the version a form read before it');
      const again = await putCase(admin, after.case_obj, after.etag);
      assert.equal(again.status, 200, `the representation read back PUTs back: ${again.text}`);
      assert.deepEqual(again.json[kind.field], kind.after(gone, kept));

      const page = await b.req('GET', `/cases/${linked}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /changed the (teams|contacts|account|assignees)/);

      const still = await read(admin, bystander);
      assert.equal(still.etag, other.etag, 'a case not linked to it does not change');
      assert.equal(still.history.length, other.history.length);
    });

test('a team on 500 cases is deleted in one request: each case gets its history row and version', async () => {
  const { admin } = await setup();
  const team = await KINDS[0].make(admin), kept = await KINDS[0].make(admin);
  psql(`WITH c AS (INSERT INTO cases (org_id, name, status, priority, created_by)
          SELECT '${admin.org}', 'Bulk ' || i, 'New', 'Normal', '${admin.user.id}' FROM generate_series(1, 500) i
          RETURNING org_id, id)
        INSERT INTO case_teams (org_id, case_id, team_id) SELECT org_id, id, t::uuid FROM c,
          unnest(ARRAY['${team}', '${kept}']) t`);
  const r = await admin.del(`/api/teams/${team}/`);
  assert.equal(r.status, 204, r.text);
  const row = psql(`SELECT count(*) FILTER (WHERE c.version = 2 AND c.team_ids = ARRAY['${kept}'::uuid]),
      (SELECT count(*) FROM case_events e JOIN cases k ON k.id = e.case_id
       WHERE k.org_id = '${admin.org}' AND e.field = 'teams' AND e.new_value = '${kept}')
    FROM cases c WHERE c.org_id = '${admin.org}'`);
  assert.equal(row.trim(), '500|500');
});

test('edits of the linked cases while the team is deleted: no deadlock, no 5xx, a history row on every case it left', async () => {
  const { admin } = await setup();
  const team = await KINDS[0].make(admin), agent = await KINDS[3].make(admin);
  const linked = [], loose = [];
  for (let i = 0; i < 12; i++) linked.push(await newCase(admin, { teams: [team] }));
  for (let i = 0; i < 6; i++) loose.push(await newCase(admin, {}));
  const logFrom = workerLog().length;
  const edits = [
    ...linked.map((id, i) => admin.patch(`/api/cases/${id}/`, i % 2 ? { priority: 'High' } : { assigned_to: [agent] })),
    ...loose.map((id) => admin.patch(`/api/cases/${id}/`, { teams: [team] })),
  ];
  const [del, ...rest] = await Promise.all([admin.del(`/api/teams/${team}/`), ...edits]);
  assert.equal(del.status, 204, del.text);
  for (const r of rest) assert.ok(r.status === 200 || r.status === 400, `${r.status} ${r.text}`);
  assert.doesNotMatch(workerLog().slice(logFrom), /deadlock detected/);
  // Each case that had the team (made with it, or given it by an edit that won the race) records losing it.
  const had = new Set([...linked, ...psql(`SELECT DISTINCT e.case_id FROM case_events e JOIN cases c ON c.id = e.case_id
      WHERE c.org_id = '${admin.org}' AND e.field = 'teams' AND e.new_value = '${team}'`).split('\n').filter(Boolean)]);
  const lost = new Set(psql(`SELECT e.case_id FROM case_events e JOIN cases c ON c.id = e.case_id
      WHERE c.org_id = '${admin.org}' AND e.field = 'teams' AND e.old_value = '${team}' AND e.new_value = ''`)
    .split('\n').filter(Boolean));
  assert.deepEqual(sorted(lost), sorted(had));
  assert.equal(psql(`SELECT count(*) FROM case_teams WHERE team_id = '${team}'`), '0');
});
