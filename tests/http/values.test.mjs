// values.test.mjs: every value a write accepts reads back as stored and leaves every page that shows it answering,
// and every value it refuses is a 400 naming its field. The fields and their rules come from `casedesk field-specs`
// (so a new field of an entity is covered without a change here); the values are generated from each rule: lengths
// at and past the bounds, blanks, astral, combining and right-to-left text, every C0 control, DEL, C1, the bidi
// controls, time extremes, leap days, offsets and impossible dates. Each is written through the API (create and
// update) and, where the entity has one, through its HTML form (new and edit).
import test from 'node:test';
import assert from 'node:assert/strict';
import { Browser, cli, http, inviteAndAccept, newAdmin, psql, uniq } from './lib.mjs';
import { orgClient } from './crm-lib.mjs';

const SPECS = JSON.parse(cli(['field-specs']));

// ---- the rules of http/input.c, as the oracle of what must be refused --------------------------------------------

const BLANKS = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g; // C isspace(): what validation trims
const trimC = (s) => s.replace(BLANKS, '');
const codepoints = (s) => [...s].length;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/u;
const controlsOf = (multiline) => (multiline ? /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/ : /[\0-\x1F\x7F-\x9F]/);

/** What validation must do with text v for spec f, sent by a form or not: 'refuse', 'accept' (with the stored
 *  text) or 'either' (rules this oracle does not model: blanks of fields with a minimum, email shapes). Text of one
 *  line is trimmed; text of several lines is kept as sent unless blank, a form's CRLF and CR stored as LF. */
function textVerdict(f, v, form) {
  const blank = trimC(v) === '';
  const t = f.multiline && !blank ? (form ? v.replace(/\r\n?/g, '\n') : v) : trimC(v);
  if (!f.secret && (controlsOf(f.multiline).test(t) || BIDI.test(t))) return { verdict: 'refuse' };
  if (f.type === 'email') return { verdict: 'either', stored: t.replace(/[A-Z]/g, (c) => c.toLowerCase()) };
  if (t === '') return { verdict: f.min > 0 ? 'either' : 'accept', stored: '' };
  const n = codepoints(t);
  if (n < f.min || (f.max && n > f.max)) return { verdict: 'refuse' };
  return { verdict: 'accept', stored: t };
}

// ---- generated values ----------------------------------------------------------------------------------------------

const C0 = [...Array(32).keys(), 0x7f];

/** Edge values of a text field: [label, value]. */
function textValues(f) {
  const out = [];
  const max = f.max || 254;
  out.push(['empty', ''], ['blanks', ' \t \n '], ['padded', '  padded text  ']);
  if (f.min > 1) out.push(['one under min', 'x'.repeat(f.min - 1)]);
  out.push(['min', 'y'.repeat(Math.max(f.min, 1))], ['max', 'm'.repeat(max)], ['max + 1', 'n'.repeat(max + 1)]);
  if (max <= 1000) out.push(['max astral', '😀'.repeat(max)], ['max + 1 astral', '😁'.repeat(max + 1)]);
  out.push(['combining', 'e\u0301te\u0301 n\u0303'], ['right-to-left', 'שלום עולם مرحبا'], ['astral', 'a 😀 𝄞 b'],
    ['lookalikes', 'a\u00a0b\u2028c\u200fd'], ['markup', `<b>x</b> "q" 'a' &amp;`]);
  for (const c of C0) if (c) out.push([`C0 ${c.toString(16)}`, `a${String.fromCharCode(c)}b`]);
  out.push(['C1 85', 'a\u0085b'], ['C1 9b', 'a\u009bb']);
  for (let c = 0x202a; c <= 0x202e; c++) out.push([`bidi ${c.toString(16)}`, `invoice${String.fromCharCode(c)}fdp.exe`]);
  for (let c = 0x2066; c <= 0x2069; c++) out.push([`bidi ${c.toString(16)}`, `a${String.fromCharCode(c)}b`]);
  out.push(['bidi at the end', 'name\u202e']);
  if (f.type === 'email') return out.map(([l, v]) => [l, `e${uniq()}${v.slice(0, 200)}@casedesk.test`]);
  return out;
}

/** Edge values of a time field: [input, stored as the API shows it, or null: refused]. */
const TIMES = [
  ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z'],
  ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59Z'],
  ['0001-01-01T00:01:00+00:01', '0001-01-01T00:00:00Z'],
  ['9999-12-31T23:58:59-00:01', '9999-12-31T23:59:59Z'],
  ['0001-01-01T00:00:00+00:01', null], // one minute before the first
  ['9999-12-31T23:59:59-00:01', null], // one minute after the last
  ['0001-01-01T00:00:00+01:00', null],
  ['0000-12-31T23:59:59Z', null],
  ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00Z'],
  ['2023-02-29T12:00:00Z', null],
  ['2023-02-30T12:00:00Z', null],
  ['2023-04-31T00:00:00Z', null],
  ['2023-01-01T25:00:00Z', null],
  ['2023-01-01T24:00:00Z', null],
  ['2023-01-01T12:60:00Z', null],
  ['2023-01-01T12:00:60Z', null],
  ['2024-03-01T09:00:00+14:00', '2024-02-29T19:00:00Z'],
  ['2023-12-31T20:00:00-12:00', '2024-01-01T08:00:00Z'],
  ['2023-06-01T12:00:00+15:59', '2023-05-31T20:01:00Z'],
  ['2023-06-01T12:00:00+99:99', null],
  ['2023-06-01T12:00:00+16:00', null],
  ['2023-06-01T12:00:00.999999Z', '2023-06-01T12:00:00Z'],
  ['2023-06-01 12:00Z', '2023-06-01T12:00:00Z'],
  ['2023-06-01T12:00:00', null],
  ['2023-06-01', null],
  ['10000-01-01T00:00:00Z', null],
  ['-2023-06-01T12:00:00Z', null],
  ['2023-06-01T12:00:00\u202eZ', null],
  ['2023-06-01T12:00:00Z\u0001', null],
  ['infinity', null],
  ['', 'blank'],
];

/** Values every other scalar field must refuse or take as one of its own (choices, ids, booleans). */
const FOREIGN = ['\u202eNew', 'a\u0001b', ' \t ', '9999-12-31T23:59:59-00:01'];

// ---- the entities: how each is written, read back and shown --------------------------------------------------------

const CASE_BASE = { name: 'Case', status: 'New', priority: 'Normal' };
const caseForm = (fields) => ({ name: 'Case', description: '', status: 'New', priority: 'Normal', case_type: '',
  account: '', contacts: '', assigned_to: '', teams: '', ...fields });

/** Per entity of field-specs: the API paths, a valid body, how a created row is read, and its form, if any. */
const ENTITIES = {
  cases: {
    base: (f) => (f.type === 'time' ? { ...CASE_BASE, status: 'Closed' } : CASE_BASE),
    create: '/api/cases/', update: (id) => `/api/cases/${id}/`,
    read: async (c, id) => (await c.get(`/api/cases/${id}/`)).json.case_obj,
    form: { create: '/cases/new', edit: (id) => `/cases/${id}/edit`, body: (base, fields) => caseForm({ ...base, ...fields }),
      version: true, kept: ['closed_on'] }, // kept: what the server sets, which the form shows and never sends
    pages: (id) => [`/cases/${id}`, `/cases/${id}/edit`],
    lists: [['/api/cases/', '/cases']],
  },
  teams: {
    unique: true, // names: one team of a name per organization
    base: () => ({ name: `Team ${uniq()}` }),
    create: '/api/teams/', update: (id) => `/api/teams/${id}/`,
    read: async (c, id) => (await c.get(`/api/teams/${id}/`)).json,
    form: { create: '/admin/teams/new', edit: (id) => `/admin/teams/${id}/edit`,
      body: (base, fields) => ({ description: '', users: '', ...base, ...fields }) },
    pages: (id) => [`/admin/teams/${id}/edit`],
    lists: [['/api/teams/', '/admin/teams']],
  },
  accounts: {
    base: () => ({ name: `Account ${uniq()}` }),
    create: '/api/accounts/', update: (id) => `/api/accounts/${id}/`,
    read: async (c, id) => (await c.get(`/api/accounts/${id}/`)).json,
    form: { create: '/admin/accounts/new', edit: (id) => `/admin/accounts/${id}/edit`,
      body: (base, fields) => ({ email: '', phone: '', website: '', description: '', ...base, ...fields }) },
    pages: (id) => [`/admin/accounts/${id}/edit`],
    lists: [['/api/accounts/', '/admin/accounts']],
  },
  contacts: {
    base: () => ({ first_name: `First ${uniq()}` }),
    create: '/api/contacts/', update: (id) => `/api/contacts/${id}/`,
    read: async (c, id) => (await c.get(`/api/contacts/${id}/`)).json,
    form: { create: '/admin/contacts/new', edit: (id) => `/admin/contacts/${id}/edit`,
      body: (base, fields) => ({ last_name: '', email: '', phone: '', title: '', account: '', ...base, ...fields }) },
    pages: (id) => [`/admin/contacts/${id}/edit`],
    lists: [['/api/contacts/', '/admin/contacts']],
  },
  members_add: {
    base: () => ({ email: `m-${uniq()}@casedesk.test`, password: `password-${uniq()}`, role: 'USER' }),
    create: '/api/users/', // an invitation: what it records, and the account it made for a new email
    read: async (c, id) => JSON.parse(psql(`SELECT json_build_object('email', i.email, 'role', i.role, 'name', u.name)
      FROM invitations i LEFT JOIN users u ON u.email = i.email WHERE i.id = '${id}'`) || 'null'),
    lists: [['/api/org/invitations/', '/admin/members']],
  },
  members_update: {
    // one member changed by every value in turn (adding a member per value would hash a password each time)
    shared: async (c) => (c.member ??= (await inviteAndAccept(c, ENTITIES.members_add.base())).user.id),
    serial: true,
    update: (id) => `/api/users/${id}/`,
    read: async (c, id) => (await c.get(`/api/users/${id}/`)).json,
    lists: [['/api/users/', '/admin/members']],
  },
  comments: {
    prepare: async (c) => (await c.post('/api/cases/', CASE_BASE)).json.id,
    create: (caseId) => `/api/cases/${caseId}/`,
    update: (id) => `/api/cases/comment/${id}/`,
    read: async (c, id, caseId) => (await c.get(`/api/cases/${caseId}/`)).json.comments.find((m) => m.id === id),
    pages: (id, caseId) => [`/cases/${caseId}`],
    lists: [['/api/cases/', '/cases']],
  },
  orgs: {
    create: '/api/org/',
    read: async (c, id) => (await c.get('/api/auth/me/')).json.organizations.find((o) => o.id === id),
    lists: [['/api/auth/me/', '/cases']],
  },
};

// ---- the checks ----------------------------------------------------------------------------------------------------

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  .replace(/'/g, '&#39;');

/** Runs fns (async thunks) with at most n at a time. */
async function pool(fns, n = 6) {
  let next = 0;
  const run = async () => { while (next < fns.length) await fns[next++](); };
  await Promise.all(Array.from({ length: n }, run));
}

/** The id an API write answered with (the case of a comment post answers its comment). */
function idOf(r, entity) {
  if (entity === 'comments') return r.json.comment?.id ?? r.json.comments?.at(-1)?.id ?? r.json.id;
  return r.json.id;
}

/** The outcome a write must have: a 400 naming the field, or a stored value equal to the expected one. */
function expectOf(f, v, form = false) {
  if (f.type === 'time') {
    const row = TIMES.find(([input]) => input === v);
    if (row[1] === null) return { verdict: 'refuse' };
    return row[1] === 'blank' ? { verdict: 'either' } : { verdict: 'accept', stored: row[1] };
  }
  if (f.type === 'string' || f.type === 'email') return textVerdict(f, v, form);
  return { verdict: 'either' };
}

const same = (got, want) => (want === null || want === '' ? got === null || got === '' || got === undefined : got === want);

/** Checks the API's answer r to writing v to field f; returns the id to read back, or null when refused. */
function checkApiAnswer(r, f, v, what) {
  const want = expectOf(f, v);
  assert.notEqual(r.status, 500, `${what}: 500 ${r.text}`);
  if (r.status === 400) {
    assert.notEqual(want.verdict, 'accept', `${what}: refused ${JSON.stringify(r.json)}`);
    assert.ok(r.json?.errors?.[f.name], `${what}: the 400 names ${f.name}: ${r.text}`);
    return null;
  }
  assert.ok(r.status === 200 || r.status === 201, `${what}: ${r.status} ${r.text}`);
  assert.notEqual(want.verdict, 'refuse', `${what}: accepted`);
  return want;
}

/** Checks a form's answer: a 303 (then stored) or a 400 page with the message next to the field, input kept. */
function checkFormAnswer(r, f, v, what) {
  const want = expectOf(f, v, true);
  assert.notEqual(r.status, 500, `${what}: 500`);
  if (r.status === 400) {
    assert.notEqual(want.verdict, 'accept', `${what}: refused`);
    assert.match(r.text, new RegExp(`id="f-${f.name}-error"><p>`), `${what}: the message is next to ${f.name}`);
    if (['string', 'email', 'time'].includes(f.type) && !/[\0-\x1F]/.test(v))
      assert.ok(r.text.includes(esc(v)), `${what}: the input is kept`);
    return null;
  }
  assert.equal(r.status, 303, `${what}: ${r.status}`);
  assert.notEqual(want.verdict, 'refuse', `${what}: accepted`);
  return want;
}

/** The values to write into field f: [value, whether only the API create writes it (the other ways take a
 *  representative few of the C0 controls and bidi characters, which all refuse alike)]. */
function valuesOf(f) {
  const few = /^(C0 (1|9|a|d|1b|7f)|C1 85|bidi (202e|2066))$/;
  if (f.type === 'time') return TIMES.map(([v]) => [v, false]);
  if (f.type === 'string' || f.type === 'email')
    return textValues(f).map(([label, v]) => [v, /^(C0|C1|bidi) /.test(label) && !few.test(label)]);
  if (f.type === 'uuid_list') return [];
  return FOREIGN.map((v) => [v, false]);
}

async function setup(tag) {
  const a = await newAdmin(`Values ${tag} ${uniq()}`);
  const b = new Browser();
  assert.equal((await b.signIn(a.email, a.password)).status, 303);
  return { c: orgClient(a), b, csrf: await b.csrf(), admin: a };
}

/** The organizations each way of writing (API create, API update, form create, form edit) writes in: one for all,
 *  or for an entity with names unique in an organization (teams), one each, so that every value is written once
 *  in each (each with its own ADMIN and browser, which shows only its organization). */
async function setups(tag, unique) {
  const ways = ['apiCreate', 'apiUpdate', 'formCreate', 'formEdit'];
  if (!unique) {
    const one = await setup(tag);
    return Object.fromEntries(ways.map((w) => [w, one]));
  }
  return Object.fromEntries(await Promise.all(ways.map(async (w) => [w, await setup(`${tag} ${w}`)])));
}

/** The API list and HTML page of every list, at every offset its count needs. */
async function listPages({ c }, lists) {
  const out = [];
  for (const [apiPath, page] of lists) {
    const r = await c.get(apiPath);
    assert.equal(r.status, 200, `GET ${apiPath}`);
    const n = r.json.count ?? 0;
    for (let offset = 0; offset === 0 || offset < n; offset += 100)
      out.push(`${apiPath}?limit=100&offset=${offset}`, `${page}?offset=${offset}`);
  }
  return out;
}

/** Every row of an API list. */
async function allRows({ c }, apiPath) {
  const rows = [];
  for (let offset = 0; ; offset += 100) {
    const r = await c.get(`${apiPath}?limit=100&offset=${offset}`);
    rows.push(...r.json.results);
    if (rows.length >= r.json.count || r.json.results.length === 0) return rows;
  }
}

/** Every page in paths answers 200 to the client's browser (HTML) or token (API). */
async function pagesAnswer({ c, b }, paths) {
  await pool([...new Set(paths)].map((p) => async () => {
    const r = p.startsWith('/api/') ? await c.get(p) : await b.req('GET', p);
    assert.equal(r.status, 200, `GET ${p}: ${r.status}`);
  }));
}

/** Reads row id back and checks field f holds what was expected (nothing to compare for foreign values and blank
 *  times, which mean "now"); returns the pages that show it. A page shows the stored row whichever way wrote it, so
 *  the pages of the rows the creates stored stand for those of the updates, which store the same values. */
async function readBack(e, c, id, parent, f, want, what) {
  const row = await e.read(c, id, parent);
  assert.ok(row, `${what}: reads back`);
  if (want.stored !== undefined)
    assert.ok(same(row[f.name], want.stored), `${what}: reads back ${JSON.stringify(row[f.name])}`);
  return e.pages ? e.pages(id, parent) : [];
}

/** The writes of value v to field f of entity e: API create and update, form create and edit. */
function writes(entity, e, f, [v, createOnly], ctxs, shown, found) {
  const jobs = [];
  const label = `${entity} ${f.name}=${JSON.stringify(v).slice(0, 60)}`;
  const base = () => (e.base ? e.base(f) : {});
  /** A row to update (and its parent): made afresh for each value so that writes never race. */
  const fresh = async (c) => {
    if (entity === 'comments') {
      const parent = await e.prepare(c);
      return { parent, id: idOf(await c.post(e.create(parent), { comment: 'first' }), entity) };
    }
    if (e.shared) return { parent: null, id: await e.shared(c) };
    if (e.prepare) return { parent: null, id: await e.prepare(c) };
    return { parent: null, id: (await c.post(e.create, base())).json.id };
  };
  if (e.create) {
    jobs.push(async () => {
      const { c } = ctxs.apiCreate;
      const parent = e.prepare ? await e.prepare(c) : null;
      const r = await c.post(typeof e.create === 'function' ? e.create(parent) : e.create, { ...base(), [f.name]: v });
      const want = checkApiAnswer(r, f, v, `API create ${label}`);
      if (want) shown.get(ctxs.apiCreate).push(...(await readBack(e, c, idOf(r, entity), parent, f, want, `API create ${label}`)));
    });
  }
  if (createOnly) return jobs;
  if (e.update) {
    jobs.push(async () => {
      const { c } = ctxs.apiUpdate;
      const { id, parent } = await fresh(c);
      const r = await (entity === 'comments' ? c.put : c.patch)(e.update(id), { [f.name]: v });
      const want = checkApiAnswer(r, f, v, `API update ${label}`);
      if (want) await readBack(e, c, id, parent, f, want, `API update ${label}`); // pages: as for the same value created
    });
  }
  if (e.form && !e.form.kept?.includes(f.name)) {
    jobs.push(async () => {
      const { c, b, csrf } = ctxs.formCreate;
      const form = { csrf_token: csrf, ...e.form.body(base(), { [f.name]: v }) };
      const r = await b.req('POST', e.form.create, { form });
      const want = checkFormAnswer(r, f, v, `form create ${label}`);
      if (!want) return;
      const id = /([0-9a-f-]{36})/.exec(r.headers.get('location') || '')?.[1];
      if (id) shown.get(ctxs.formCreate).push(...(await readBack(e, c, id, null, f, want, `form create ${label}`)));
      else if (want.stored !== undefined) found.push([f, want.stored, `form create ${label}`]); // the list holds it
    });
    jobs.push(async () => {
      const { c, b, csrf } = ctxs.formEdit;
      const { id } = await fresh(c);
      const form = { csrf_token: csrf, ...e.form.body(base(), { [f.name]: v }), ...(e.form.version ? { version: '1' } : {}) };
      const r = await b.req('POST', e.form.edit(id), { form });
      const want = checkFormAnswer(r, f, v, `form edit ${label}`);
      if (want) await readBack(e, c, id, null, f, want, `form edit ${label}`);
    });
  }
  return jobs;
}

for (const [entity, fields] of Object.entries(SPECS)) {
  test(`${entity}: every value of every field is refused naming it or reads back, and its pages answer`, async (t) => {
    const e = ENTITIES[entity];
    assert.ok(e, `values.test.mjs knows how to write ${entity}`);
    const ctxs = await setups(entity, e.unique);
    const shown = new Map(Object.values(ctxs).map((ctx) => [ctx, []]));
    const found = [];
    const jobs = [];
    for (const f of fields.filter((x) => !x.secret))
      for (const v of valuesOf(f)) jobs.push(...writes(entity, e, f, v, ctxs, shown, found));
    await pool(jobs, e.serial ? 1 : 8);
    const rows = found.length ? await allRows(ctxs.formCreate, e.lists[0][0]) : [];
    for (const [f, stored, what] of found)
      assert.ok(rows.some((row) => same(row[f.name], stored)), `${what}: a row of the list holds ${JSON.stringify(stored).slice(0, 80)}`);
    await t.test('every page and list that shows the values answers 200', async () => {
      for (const [ctx, paths] of shown) await pagesAnswer(ctx, [...paths, ...(await listPages(ctx, e.lists))]);
    });
  });
}

test('form bodies that are not UTF-8 text (invalid bytes, NUL) are a 400 that stores nothing', async () => {
  const { c, b, csrf } = await setup('bytes');
  for (const bad of ['%FF', '%C3', '%ED%A0%80', 'a%00b']) {
    for (const path of ['/cases/new', '/admin/teams/new', '/admin/accounts/new', '/admin/contacts/new']) {
      const body = `csrf_token=${encodeURIComponent(csrf)}&name=${bad}&first_name=${bad}&status=New&priority=Normal`;
      const r = await http(path, { method: 'POST', body,
        headers: { Cookie: b.cookieHeader(), 'Content-Type': 'application/x-www-form-urlencoded' } });
      await r.arrayBuffer();
      assert.equal(r.status, 400, `${path} with ${bad}`);
    }
  }
  for (const raw of ['{"name":"a\\u0000b","status":"New","priority":"Normal"}',
    Buffer.from('{"name":"a\xffb","status":"New","priority":"Normal"}', 'latin1')]) {
    const r = await http('/api/cases/', { method: 'POST', body: raw,
      headers: { Authorization: `Bearer ${c.token}`, 'organization-id': c.org, 'Content-Type': 'application/json' } });
    await r.arrayBuffer();
    assert.equal(r.status, 400);
  }
  assert.equal((await c.get('/api/cases/')).json.count, 0, 'nothing was stored');
  assert.equal((await c.get('/api/teams/')).json.count, 0);
});

test('a stored time the API cannot show (written by hand) leaves the lists and pages answering, shown as null', async () => {
  const { c, b } = await setup('reader');
  const fine = (await c.post('/api/cases/', { ...CASE_BASE, name: 'Fine' })).json.id;
  const odd = (await c.post('/api/cases/', { ...CASE_BASE, name: 'Odd', status: 'Closed' })).json.id;
  for (const stored of ['10000-01-01 00:00:00+00', '0001-12-31 23:00:00+00 BC', 'infinity']) {
    psql(`UPDATE cases SET closed_on = '${stored}' WHERE id = '${odd}'`);
    const list = await c.get('/api/cases/');
    assert.equal(list.status, 200, `the list with closed_on ${stored}`);
    assert.equal(list.json.results.find((x) => x.id === odd).closed_on, null);
    assert.equal(list.json.results.find((x) => x.id === fine).name, 'Fine');
    assert.equal((await c.get(`/api/cases/${odd}/`)).json.case_obj.closed_on, null);
    await pagesAnswer({ c, b }, ['/cases', `/cases/${odd}`, `/cases/${odd}/edit`, '/api/cases/?status=Closed']);
  }
  psql(`UPDATE cases SET closed_on = '2023-01-01 00:00:00+00' WHERE id = '${odd}'`);
  assert.equal((await c.get(`/api/cases/${odd}/`)).json.case_obj.closed_on, '2023-01-01T00:00:00Z');
});
