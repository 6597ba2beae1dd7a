// lookups.test.mjs: the case list in an organization with more members, accounts and teams than its filters
// offer as choices: every row still names its assignees and account, the chosen filter stays chosen, and any of
// them can be found by text and filtered by, never one of another organization.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Browser, http, newAdmin, psql, uniq } from './lib.mjs';
import { orgClient } from './crm-lib.mjs';

const EXTRA = 105; // more than the 100 choices a filter lists

/** An organization with EXTRA more members (emails sorting after its ADMIN's) and EXTRA accounts, the oldest
 *  account and the last member by email being past the first 100 of each. */
async function bigOrg() {
  const a = await newAdmin(`Lookups ${uniq()}`);
  const tag = uniq().replace(/[^a-z0-9]/gi, '');
  psql(`WITH u AS (INSERT INTO users (email, name, password_hash)
          SELECT 'zz-${tag}-' || lpad(i::text, 3, '0') || '@casedesk.test', 'Member ${tag} ' || lpad(i::text, 3, '0'), 'x'
          FROM generate_series(1, ${EXTRA}) i RETURNING id)
        INSERT INTO memberships (org_id, user_id, role) SELECT '${a.org}', id, 'USER' FROM u`);
  psql(`INSERT INTO accounts (org_id, name, created_on)
        SELECT '${a.org}', 'Account ${tag} ' || lpad(i::text, 3, '0'), now() - i * interval '1 minute'
        FROM generate_series(1, ${EXTRA}) i`);
  const id = (sql) => psql(sql).trim();
  const last = id(`SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id AND m.org_id = '${a.org}'
                   ORDER BY lower(u.email) DESC LIMIT 1`);
  const oldest = id(`SELECT id FROM accounts WHERE org_id = '${a.org}' ORDER BY created_on LIMIT 1`);
  const b = new Browser();
  await b.signIn(a.email, a.password);
  return { ...a, tag, client: orgClient(a), browser: b, last, oldest };
}

const options = (html, name) => {
  const m = new RegExp(`<select id="[^"]+" name="${name}">([\\s\\S]*?)</select>`).exec(html);
  return m ? [...m[1].matchAll(/<option value="([^"]*)"( selected)?>([^<]*)</g)].map((o) => ({ id: o[1], selected: !!o[2], label: o[3] })) : null;
};

test('rows past the first 100 members and accounts are named, and a chosen one stays chosen', async () => {
  const o = await bigOrg();
  const c = await o.client.post('/api/cases/', { name: `Far ${uniq()}`, status: 'New', priority: 'High',
    assigned_to: [o.last], account: o.oldest });
  assert.equal(c.status, 201, c.text);
  const list = await o.browser.req('GET', '/cases');
  assert.equal(list.status, 200);
  const assignees = options(list.text, 'assigned_to');
  assert.equal(assignees.filter((x) => x.id).length, 100, 'the select offers the first 100 members');
  assert.ok(!assignees.some((x) => x.id === o.last), 'the last member is not among them');
  assert.ok(!/former member/.test(list.text), 'no assignee is shown as a former member');
  assert.match(list.text, new RegExp(`Member ${o.tag} ${String(EXTRA).padStart(3, '0')}`));
  assert.match(list.text, new RegExp(`Account ${o.tag} ${String(EXTRA).padStart(3, '0')}`));
  assert.match(list.text, /name="assigned_to_q"/, 'a member can be found by text');
  assert.match(list.text, /name="account_q"/, 'an account can be found by text');
  assert.doesNotMatch(list.text, /name="team_q"/, 'teams fit in their list');

  const chosen = await o.browser.req('GET', `/cases?assigned_to=${o.last}&account=${o.oldest}`);
  assert.equal(chosen.status, 200);
  assert.deepEqual(options(chosen.text, 'assigned_to').filter((x) => x.selected).map((x) => x.id), [o.last]);
  assert.deepEqual(options(chosen.text, 'account').filter((x) => x.selected).map((x) => x.id), [o.oldest]);
  assert.match(chosen.text, /1 case</);
});

test('finding by text: one match filters by it, several are offered, none says so, input kept', async () => {
  const o = await bigOrg();
  await o.client.post('/api/cases/', { name: `Far ${uniq()}`, status: 'New', priority: 'High', assigned_to: [o.last] });
  const one = await o.browser.req('GET', `/cases?resolution=open&assigned_to_q=${o.tag}-${EXTRA}%40&offset=10`);
  assert.equal(one.status, 303, one.text.slice(0, 200));
  const to = new URL(one.headers.get('location'), 'http://x');
  assert.equal(to.searchParams.get('assigned_to'), o.last);
  assert.equal(to.searchParams.get('resolution'), 'open', 'the other filters are kept');
  assert.equal(to.searchParams.get('assigned_to_q'), null);
  assert.equal(to.searchParams.get('offset'), null, 'a new filter starts at the first page');
  const page = await o.browser.req('GET', to.pathname + to.search);
  assert.equal(page.status, 200);
  assert.match(page.text, /1 case</);

  const byName = await o.browser.req('GET', `/cases?assigned_to_q=${encodeURIComponent(`member ${o.tag} 104`)}`);
  assert.equal(byName.status, 303, 'a name matches too, ignoring case');

  const several = await o.browser.req('GET', `/cases?assigned_to_q=${o.tag}-10`);
  assert.equal(several.status, 400);
  assert.match(several.text, /6 members match &#34;[^&]*-10&#34;: choose one in the list|6 members match &quot;[^&]*-10&quot;: choose one in the list/);
  const offered = options(several.text, 'assigned_to').filter((x) => x.id);
  assert.equal(offered.length, 6, 'the matches are the choices');
  assert.match(several.text, new RegExp(`name="assigned_to_q" value="${o.tag}-10"`), 'the text is kept');

  const many = await o.browser.req('GET', `/cases?assigned_to_q=${o.tag}`);
  assert.equal(many.status, 400);
  assert.match(many.text, /At least 20 members match/);

  const none = await o.browser.req('GET', '/cases?account_q=no-such-account-%25_');
  assert.equal(none.status, 400);
  assert.match(none.text, /No account matches/);
  assert.match(none.text, /name="account_q" value="no-such-account-%_"/);
});

test('finding never reaches another organization', async () => {
  const o = await bigOrg();
  const other = await bigOrg();
  const r = await o.browser.req('GET', `/cases?assigned_to_q=${other.tag}-001`);
  assert.equal(r.status, 400);
  assert.match(r.text, /No member matches/);
  const named = await o.browser.req('GET', `/cases?assigned_to=${other.last}`);
  assert.ok(!options(named.text, 'assigned_to').some((x) => x.id === other.last), 'another org\'s member is not named');
  const h = await http('/cases?assigned_to_q=x');
  assert.equal(h.status, 303, 'signed out: sent to sign in');
});
