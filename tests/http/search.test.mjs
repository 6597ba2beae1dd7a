// search.test.mjs: full-text search (GET /api/cases/?q=, the /cases box): a fixed relevance corpus, every element
// of the syntax, accents and case, comments and attachments found and forgotten, the role rules (a USER finds
// only what they may open, and the count agrees), stable paging, highlights escaped on the page, errors naming
// their position, the capped count past 10,000, concurrent comment writers, and a pathological document.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Browser, cli, http, newAdmin, psql, readModelDrift } from './lib.mjs';
import { addMember, newOrgAdmin, orgClient } from './crm-lib.mjs';

const names = (r) => r.json.results.map((c) => c.name);

/** GET /api/cases/?q=<q> (and more query text) by client, asserting 200. */
async function search(client, q, more = '') {
  const r = await client.get(`/api/cases/?q=${encodeURIComponent(q)}${more}`);
  assert.equal(r.status, 200, `${q}: ${r.text}`);
  // A page never holds more than the count; a whole first page (no next link) holds exactly the count.
  assert.ok(r.json.results.length <= r.json.count, `${q}: ${r.json.results.length} results of ${r.json.count}`);
  if (!r.json.next && !r.json.previous) assert.equal(r.json.results.length, r.json.count, q);
  return r;
}

/** A fresh organization's ADMIN as an orgClient, and a Browser signed in as them. */
async function adminWithPages(tag) {
  const a = await newAdmin(`${tag} ${Date.now()}`);
  const browser = new Browser();
  assert.equal((await browser.signIn(a.email, a.password)).status, 303);
  return { admin: orgClient(a), browser };
}

/** An organization with a fixed corpus of cases, one comment and one text attachment among them. */
async function corpus() {
  const { admin, browser } = await adminWithPages('Search');
  const agent = await addMember(admin, 'USER');
  const tier2 = (await admin.post('/api/teams/', { name: 'Tier 2', users: [agent.user.id] })).json;
  const globex = (await admin.post('/api/accounts/', { name: 'Globex Corporation' })).json;
  const mk = async (name, description, extra = {}) => {
    const r = await admin.post('/api/cases/', { name, description, status: 'New', priority: 'Normal', ...extra });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const c = {};
  c.invoice = await mk('Invoice #4711 charged twice', 'The customer was charged twice for invoice 4711.',
    { priority: 'High', account: globex.id });
  c.refund = await mk('Refund request', 'Customer asks for a refund of invoice 4711 after a double charge.');
  c.printer = await mk('Printer P-200 jams', 'Paper jams after printing the first page.', { teams: [tier2.id] });
  c.vpn = await mk('VPN client fails to connect', 'Error E4711 at login from the hotel.',
    { status: 'Closed', assigned_to: [agent.user.id] });
  c.cafe = await mk('Café Müller billing address', 'Résumé of the ÉTÉ contract: the address changed.');
  c.mention = await mk('Login issue', 'Cannot sign in since Monday.');
  c.private = await mk('Private invoice dispute', 'Only the admin may see this invoice case.');
  const cm = await admin.post(`/api/cases/${c.mention.id}/`, { comment: 'The customer mentions a chargeback on the invoice.' });
  assert.equal(cm.status, 201, cm.text);
  const fd = new FormData();
  fd.append('attachment', new Blob(['Router log: kernel panic 0xDEADBEEF in module wifi\n']), 'router.log');
  const up = await http(`/api/cases/${c.printer.id}/`, { method: 'POST', body: fd,
    headers: { Authorization: `Bearer ${admin.token}`, 'organization-id': admin.org } });
  assert.equal(up.status, 201, await up.text());
  return { admin, browser, agent, tier2, globex, c, commentId: cm.json.comment.id };
}

test('relevance: the expected top 3 of a fixed corpus, name before description before comments', async () => {
  const { admin } = await corpus();
  const expect = {
    invoice: ['Private invoice dispute', 'Invoice #4711 charged twice', 'Refund request'], // newer first when alike
    '4711': ['Invoice #4711 charged twice', 'Refund request'],
    'charged twice': ['Invoice #4711 charged twice'],
    refund: ['Refund request'],
    printer: ['Printer P-200 jams'],
    chargeback: ['Login issue'],
  };
  for (const [q, top] of Object.entries(expect)) {
    const r = await search(admin, q);
    assert.deepEqual(names(r).slice(0, top.length), top, q);
  }
  // A name match outranks description and comment matches: "invoice" is in three names or descriptions and one comment.
  const all = names(await search(admin, 'invoice'));
  assert.equal(all.at(-1), 'Login issue', 'the comment match comes last');
});

test('syntax: words, phrases, OR, exclusion, prefix, and every field', async () => {
  const { admin, agent, c } = await corpus();
  const same = async (q, want) => assert.deepEqual(names(await search(admin, q)).sort(), want.sort(), q);
  await same('invoice 4711', ['Invoice #4711 charged twice', 'Refund request']);
  await same('"charged twice"', ['Invoice #4711 charged twice']);
  await same('"twice charged"', []);
  await same('printer OR vpn', ['Printer P-200 jams', 'VPN client fails to connect']);
  await same('invoice -refund -private', ['Invoice #4711 charged twice', 'Login issue']);
  await same('jam', ['Printer P-200 jams']); // the last word as a prefix, as the user types
  await same('jam ', []); // a finished word matches whole words only
  await same('status:open e4711', []);
  await same('status:closed e4711', ['VPN client fails to connect']);
  await same('priority:high invoice', ['Invoice #4711 charged twice']);
  await same('account:globex', ['Invoice #4711 charged twice']);
  await same('team:"tier 2"', ['Printer P-200 jams']);
  await same(`assignee:${agent.user.email}`, ['VPN client fails to connect']);
  await same('assignee:none printer', ['Printer P-200 jams']);
  await same('created:>2020-01-01 refund', ['Refund request']);
  await same('created:<2020-01-01 refund', []);
  await same('updated:<7d refund', ['Refund request']);
  await same('updated:>7d refund', []);
  // Combined with the list's own filters and its ordering.
  const r = await search(admin, 'invoice', `&priority=High`);
  assert.deepEqual(names(r), ['Invoice #4711 charged twice']);
  const byName = await search(admin, 'invoice', '&ordering=name');
  assert.deepEqual(names(byName), [...names(byName)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  assert.equal((await admin.get(`/api/cases/${c.invoice.id}/`)).status, 200);
});

test('accents and case never matter; highlights mark the words found', async () => {
  const { admin } = await corpus();
  for (const q of ['cafe muller', 'CAFÉ MÜLLER', 'resume ete', 'Résumé'])
    assert.deepEqual(names(await search(admin, q)), ['Café Müller billing address'], q);
  const [hit] = (await search(admin, 'muller')).json.results;
  assert.ok(hit.highlight.some((s) => s.match && s.text === 'Müller'), JSON.stringify(hit.highlight));
  assert.equal(hit.highlight.map((s) => s.text).join('').includes('Café Müller billing address'), true);
  // Without a search there is no highlight.
  assert.equal('highlight' in (await admin.get('/api/cases/')).json.results[0], false);
});

test('comments and attachments are found; edited and deleted ones are forgotten', async () => {
  const { admin, c, commentId } = await corpus();
  assert.deepEqual(names(await search(admin, '0xdeadbeef')), ['Printer P-200 jams'], 'text attachment');
  const [hit] = (await search(admin, 'kernel panic')).json.results;
  assert.ok(hit.highlight.some((s) => s.match && /kernel/i.test(s.text)), 'the snippet comes from the attachment');
  assert.deepEqual(names(await search(admin, 'chargeback')), ['Login issue']);
  assert.equal((await admin.put(`/api/cases/comment/${commentId}/`, { comment: 'Now about a rebate.' })).status, 200);
  assert.deepEqual(names(await search(admin, 'chargeback')), []);
  assert.deepEqual(names(await search(admin, 'rebate')), ['Login issue']);
  assert.equal((await admin.del(`/api/cases/comment/${commentId}/`)).status, 204);
  assert.deepEqual(names(await search(admin, 'rebate')), []);
  // An edited name and description are searched at once.
  assert.equal((await admin.patch(`/api/cases/${c.vpn.id}/`, { description: 'Tunnel drops every hour.' })).status, 200);
  assert.deepEqual(names(await search(admin, 'tunnel')), ['VPN client fails to connect']);
  assert.deepEqual(names(await search(admin, 'e4711')), []);
  const atts = (await admin.get(`/api/cases/${c.printer.id}/attachments/`)).json.results;
  assert.equal((await admin.del(`/api/cases/attachment/${atts[0].id}/`)).status, 204);
  assert.deepEqual(names(await search(admin, '0xdeadbeef')), []);
});

test('role rules: a USER finds only the cases they may open, and the count agrees', async () => {
  const { admin, agent } = await corpus();
  const mine = await search(agent, 'invoice OR printer OR vpn OR login');
  // The agent sees the Tier 2 printer case (team) and the VPN case (assignee) only.
  assert.deepEqual(names(mine).sort(), ['Printer P-200 jams', 'VPN client fails to connect']);
  assert.equal(mine.json.count, 2);
  for (const c of mine.json.results) assert.equal((await agent.get(`/api/cases/${c.id}/`)).status, 200);
  assert.equal((await search(agent, 'private')).json.count, 0);
  // Another organization finds nothing of these.
  const stranger = await newOrgAdmin('Stranger');
  assert.equal((await search(stranger, 'invoice 4711')).json.count, 0);
  // The admin finds the private case.
  assert.ok(names(await search(admin, 'private')).includes('Private invoice dispute'));
});

test('paging by relevance is stable: every case once, in the order of one big page', async () => {
  const admin = await newOrgAdmin('Paging');
  for (let i = 0; i < 9; i++)
    await admin.post('/api/cases/', { name: `Modem ${i % 3 ? 'reset' : 'modem'} ${i}`, description: i % 2 ? 'modem' : '',
      status: 'New', priority: 'Normal' });
  const whole = (await search(admin, 'modem', '&limit=50')).json.results.map((c) => c.id);
  assert.equal(whole.length, 9);
  const paged = [];
  let url = `/api/cases/?q=modem&limit=2`;
  while (url) {
    const r = await admin.get(url);
    assert.equal(r.status, 200);
    assert.equal(r.json.count, 9);
    paged.push(...r.json.results.map((c) => c.id));
    url = r.json.next;
    if (url) assert.match(url, /q=modem/);
  }
  assert.deepEqual(paged, whole);
});

test('errors name their position: API 400, and the page shows it by the box with the input kept', async () => {
  const { admin, browser } = await corpus();
  for (const [q, re] of [['printer colour:red', /^At 9: Unknown field "colour"/], ['status:', /^At 1: Missing value/],
    ['-status:open', /^At 1: A field term cannot be excluded/], ['priority:urgent', /^At 1: priority: no value matches/],
    ['account:nobody', /^At 1: account: no account matches/], ['created:yesterday', /^At 1: created: needs a date/],
    ['a\u0001b', /^At 2: Control characters/], ['x'.repeat(1001), /too long/]]) {
    const r = await admin.get(`/api/cases/?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 400, q);
    assert.match(r.json.errors.q[0], re, q);
  }
  const dup = await admin.get(`/api/cases/?q=${encodeURIComponent('priority:high')}&priority=Low`);
  assert.equal(dup.status, 400);
  assert.match(dup.json.errors.q[0], /chosen twice/);
  const page = await browser.req('GET', `/cases?q=${encodeURIComponent('<b>x</b> colour:red')}`);
  const html = page.text;
  assert.equal(page.status, 400);
  assert.match(html, /id="q-error" class="error"><p>At 10: Unknown field &quot;colour&quot;/);
  assert.match(html, /value="&lt;b&gt;x&lt;\/b&gt; colour:red"/);
  assert.match(html, /aria-invalid="true"/);
});

test('the page lists the matches with their highlight, escaped, and offers the best match order', async () => {
  const { admin, browser } = await adminWithPages('Escape');
  await admin.post('/api/cases/', { name: 'Widget <script>alert(1)</script> broken', description: 'a <b>bold</b> widget claim',
    status: 'New', priority: 'Normal' });
  const r = await browser.req('GET', '/cases?q=widget');
  const html = r.text;
  assert.equal(r.status, 200);
  assert.match(html, />Widget &lt;script&gt;alert\(1\)&lt;\/script&gt; broken<\/a>/);
  // The snippet marks the words found; markup in the text is left out of it (ts_headline reads it as tags).
  const snippet = /<p class="snippet">(.*?)<\/p>/.exec(html)[1];
  assert.match(snippet, /^<mark>Widget<\/mark> .*<mark>widget<\/mark> claim$/);
  assert.doesNotMatch(snippet.replaceAll('<mark>', '').replaceAll('</mark>', ''), /[<>]/);
  assert.doesNotMatch(html, /<script>alert/);
  assert.match(html, /<option value="relevance" selected>Best match \(when searching\)<\/option>/);
  assert.doesNotMatch((await browser.req('GET', '/cases')).text, /value="relevance" selected/);
});

test('past 10,000 matches the count is the estimate, flagged; below it exact', async () => {
  const admin = await newOrgAdmin('Broad');
  psql(`INSERT INTO cases (org_id, name, description, status, priority)
        SELECT '${admin.org}', 'Broad ticket ' || g, 'common words here', 'New', 'Normal' FROM generate_series(1, 10050) g`);
  psql('ANALYZE case_search');
  const r = await search(admin, 'broad', '&limit=5');
  assert.equal(r.json.count_is_estimate, true);
  assert.ok(r.json.count > 10000, `count ${r.json.count}`);
  assert.equal(r.json.results.length, 5);
  const name = await admin.get('/api/cases/?name=broad&limit=1');
  assert.equal(name.json.count_is_estimate, true);
  const exact = await search(admin, 'broad ticket 17', '&limit=5');
  assert.equal(exact.json.count_is_estimate, undefined);
  psql(`DELETE FROM cases WHERE org_id = '${admin.org}'`);
});

test('concurrent comments on one case: every one searchable, no drift', async () => {
  const admin = await newOrgAdmin('Race');
  const c = (await admin.post('/api/cases/', { name: 'Busy case', status: 'New', priority: 'Normal' })).json;
  const words = Array.from({ length: 16 }, (_, i) => `zebra${String.fromCharCode(97 + i)}word`);
  const rs = await Promise.all(words.map((w) => admin.post(`/api/cases/${c.id}/`, { comment: `note ${w}` })));
  for (const r of rs) assert.equal(r.status, 201, r.text);
  for (const w of words) assert.equal((await search(admin, `${w} `)).json.count, 1, w);
  assert.equal(readModelDrift(), '');
});

test('a case at every size limit still writes and is found', async () => {
  const admin = await newOrgAdmin('Huge');
  // 100,000 characters of distinct short tokens: the worst document a description can make.
  const tokens = [];
  for (let i = 0; tokens.join(' ').length < 99000; i++) tokens.push(i.toString(36));
  const c = await admin.post('/api/cases/', { name: 'Huge case', description: tokens.join(' ').slice(0, 100000),
    status: 'New', priority: 'Normal' });
  assert.equal(c.status, 201, c.text.slice(0, 200));
  const big = Array.from({ length: 1400 }, (_, i) => `w${i}q`).join(' ').slice(0, 10000);
  for (let i = 0; i < 8; i++)
    assert.equal((await admin.post(`/api/cases/${c.json.id}/`, { comment: big })).status, 201);
  assert.equal((await search(admin, 'huge')).json.count, 1);
  assert.equal((await search(admin, 'w1000q')).json.count, 1);
});

test('an organization searching in English matches word forms; the default matches words as written', async () => {
  const admin = await newOrgAdmin('English');
  await admin.post('/api/cases/', { name: 'Printers stopped printing', description: 'The café printed nothing.',
    status: 'New', priority: 'Normal' });
  assert.equal((await search(admin, 'prints ')).json.count, 0, 'simple: no stemming');
  assert.match(cli(['search-language', admin.org, 'english']), /searches in english/);
  for (const q of ['prints ', 'print ', 'printed ', 'cafe '])
    assert.equal((await search(admin, q)).json.count, 1, q);
  assert.throws(() => cli(['search-language', admin.org, 'klingon']));
  assert.equal(readModelDrift(), '');
});
