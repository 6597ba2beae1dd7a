// soak.test.mjs: SOAK_CLIENTS clients (8) for SOAK_SECONDS (60) writing at random, all at once, on a small shared
// world (2 organizations, 6 USERs, 4 teams, about 20 cases): every kind of write of cases, their links, team
// members, memberships, comments, attachments (of shared contents), accounts, contacts and teams. Then: no answer
// was a 5xx or a lost race (a 400 naming no field), the read model is drift free, every USER lists exactly what the rule
// gives them, and every acknowledged write is stored (the last one acknowledged of each field, or one no later
// acknowledged write can have overwritten), with its history row, unless a later acknowledged delete removed it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { api, http, psql, readModelDrift, uniq } from './lib.mjs';
import { newOrgAdmin, addMember, renewing } from './crm-lib.mjs';
import { assertVisibility } from './visibility-lib.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS || 60);
const CLIENTS = Number(process.env.SOAK_CLIENTS || 8);
const SEED = Number(process.env.SOAK_SEED || Date.now() % 1000000);

/** A small seeded generator (mulberry32), so that a failing run's choices can be replayed in spirit. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- every write the clients make, in one place: each returns { status, json, text } ----
// A member is added by invitation: the ADMIN invites (POST /api/users/, email and role) and the user accepts.
const writes = {
  createCase: (as, body) => as.post('/api/cases/', body),
  updateCase: (as, id, body) => as.patch(`/api/cases/${id}/`, body),
  deleteCase: (as, id) => as.del(`/api/cases/${id}/`),
  createTeam: (admin, name, users) => admin.post('/api/teams/', { name, users }),
  setTeamMembers: (admin, id, users) => admin.patch(`/api/teams/${id}/`, { users }),
  deleteTeam: (admin, id) => admin.del(`/api/teams/${id}/`),
  setRole: (admin, user, role) => admin.patch(`/api/users/${user}/`, { role }),
  removeMember: (admin, user) => admin.del(`/api/users/${user}/`),
  async addMember(admin, user, role) {
    const invited = await admin.post('/api/users/', { email: user.email, role });
    if (invited.status !== 201) return invited;
    return user.client.withToken((token) => api('POST', `/api/invitations/${invited.json.id}/accept/`, { token }));
  },
  addComment: (as, caseId, comment) => as.post(`/api/cases/${caseId}/`, { comment }),
  editComment: (as, id, comment) => as.put(`/api/cases/comment/${id}/`, { comment }),
  deleteComment: (as, id) => as.del(`/api/cases/comment/${id}/`),
  async upload(as, caseId, name, content) {
    const fd = new FormData();
    fd.append('attachment', new Blob([content], { type: 'application/octet-stream' }), name);
    return as.withToken(async (token) => {
      const res = await http(`/api/cases/${caseId}/`, { method: 'POST', body: fd,
        headers: { Authorization: `Bearer ${token}`, 'organization-id': as.org } });
      const text = await res.text();
      let json = null;
      try { json = JSON.parse(text); } catch { json = null; }
      return { status: res.status, json, text };
    });
  },
  deleteAttachment: (as, id) => as.del(`/api/cases/attachment/${id}/`),
  createAccount: (admin, name) => admin.post('/api/accounts/', { name }),
  deleteAccount: (admin, id) => admin.del(`/api/accounts/${id}/`),
  createContact: (admin, first_name, account) => admin.post('/api/contacts/', { first_name, account }),
  deleteContact: (admin, id) => admin.del(`/api/contacts/${id}/`),
};

/** Answers a write may get under concurrency without anything being wrong: a row gone meanwhile (404, or 400
 *  naming the field that refers to it), a USER no longer allowed (403), a concurrent edit (409, 412). */
const TOLERATED = new Set([400, 403, 404, 409, 412]);

/** The shared world of one organization, as the clients last heard of it (ids may be stale: writes then 404). */
async function makeOrg(tag) {
  // Clients renew their access tokens as a long-running integration must (token_ttl_minutes is an hour).
  const admin = renewing(await newOrgAdmin(tag));
  const users = [];
  for (let i = 0; i < 3; i++) {
    const u = renewing(await addMember(admin, 'USER'));
    users.push({ client: u, id: u.user.id, email: u.user.email });
  }
  const org = { admin, users, teams: [], accounts: [], contacts: [], cases: [], comments: [], attachments: [],
    contents: [0, 1, 2].map((i) => `${tag} shared content ${i}`) };
  for (let i = 0; i < 2; i++) {
    org.accounts.push((await writes.createAccount(admin, `Account ${i} ${uniq()}`)).json.id);
    org.contacts.push((await writes.createContact(admin, `Contact ${i} ${uniq()}`, null)).json.id);
    org.teams.push((await writes.createTeam(admin, `Team ${i} ${uniq()}`, [users[i].id])).json.id);
  }
  for (let i = 0; i < 10; i++) {
    const r = await writes.createCase(admin, { name: `Case ${uniq()}`, status: 'New', priority: 'Low' });
    org.cases.push(r.json.id);
  }
  return org;
}

const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const some = (rand, list) => list.filter(() => rand() < 0.4);

/** The client-side log: every acknowledged write with when it was sent and acknowledged (a monotonic clock). */
const acks = [];
const answers = { total: 0, byStatus: {}, failures: [] };

/** Runs one write, counts its answer and logs it when acknowledged (2xx); returns the answer. */
async function run(what, fn, log) {
  const sent = performance.now();
  let r;
  try {
    r = await fn();
  } catch (e) {
    r = { status: 0, text: String(e) };
  }
  const acked = performance.now();
  answers.total++;
  answers.byStatus[r.status] = (answers.byStatus[r.status] || 0) + 1;
  // A refusal names the fields it refuses; a 400 without them is a database error taken for bad input.
  const lostRace = r.status === 400 && !(r.json && r.json.errors);
  if (r.status >= 500 || r.status === 0 || lostRace || (r.status >= 300 && !TOLERATED.has(r.status)))
    answers.failures.push(`${what}: ${r.status} ${r.text}`);
  if (r.status >= 200 && r.status < 300 && log) for (const entry of [].concat(log(r))) acks.push({ ...entry, sent, acked });
  return r;
}

/** One random write on org, chosen by rand, as some member (the ADMIN for the administration writes). */
async function step(org, rand) {
  const { admin } = org;
  const member = rand() < 0.5 ? admin : pick(rand, org.users).client;
  const caseId = pick(rand, org.cases);
  const op = rand();
  if (op < 0.12 || org.cases.length < 16) {
    const body = { name: `Case ${uniq()}`, status: pick(rand, ['New', 'In Progress']), priority: 'Normal',
      description: `d-${uniq()}`, assigned_to: some(rand, org.users.map((u) => u.id)), teams: some(rand, org.teams),
      contacts: some(rand, org.contacts) };
    const r = await run('create case', () => writes.createCase(member, body), (res) => {
      org.cases.push(res.json.id);
      return ['name', 'description', 'status', 'assigned_to', 'teams', 'contacts'].map((f) =>
        ({ kind: 'field', case: res.json.id, field: f, value: body[f], created: true }));
    });
    return r;
  }
  if (op < 0.40) {
    const body = {};
    const fields = some(rand, ['name', 'description', 'status', 'priority', 'assigned_to', 'teams', 'contacts']);
    for (const f of fields.length ? fields : ['name']) {
      body[f] = { name: `Case ${uniq()}`, description: `d-${uniq()}`, status: pick(rand, ['New', 'In Progress', 'On Hold']),
        priority: pick(rand, ['Low', 'Normal', 'High']), assigned_to: some(rand, org.users.map((u) => u.id)),
        teams: some(rand, org.teams), contacts: some(rand, org.contacts) }[f];
    }
    return run('update case', () => writes.updateCase(member, caseId, body),
      () => Object.entries(body).map(([field, value]) => ({ kind: 'field', case: caseId, field, value })));
  }
  if (op < 0.46 || org.cases.length > 24) {
    return run('delete case', () => writes.deleteCase(admin, caseId), () => {
      org.cases = org.cases.filter((c) => c !== caseId);
      return { kind: 'caseDeleted', case: caseId };
    });
  }
  if (op < 0.56) {
    const team = pick(rand, org.teams);
    return run('team members', () => writes.setTeamMembers(admin, team, some(rand, org.users.map((u) => u.id))));
  }
  if (op < 0.62) {
    // The first USER keeps their role and membership, so the visibility check always has someone to check.
    const u = pick(rand, org.users.slice(1));
    const r = rand();
    if (r < 0.4) return run('role', () => writes.setRole(admin, u.id, pick(rand, ['USER', 'ADMIN'])));
    if (r < 0.7) return run('remove member', () => writes.removeMember(admin, u.id), () => ({ kind: 'memberRemoved', id: u.id }));
    return run('add member', () => writes.addMember(admin, u, 'USER'));
  }
  if (op < 0.72) {
    const text = `c-${uniq()}`;
    return run('add comment', () => writes.addComment(member, caseId, text), (res) => {
      org.comments.push(res.json.comment.id);
      return { kind: 'comment', id: res.json.comment.id, case: caseId, text };
    });
  }
  if (op < 0.77 && org.comments.length) {
    const id = pick(rand, org.comments), text = `c-${uniq()}`;
    return run('edit comment', () => writes.editComment(member, id, text), () => ({ kind: 'commentEdit', id, text }));
  }
  if (op < 0.80 && org.comments.length) {
    const id = pick(rand, org.comments);
    return run('delete comment', () => writes.deleteComment(member, id), () => ({ kind: 'commentDeleted', id }));
  }
  if (op < 0.88) {
    const i = Math.floor(rand() * org.contents.length), name = `f-${uniq()}.bin`;
    return run('upload', () => writes.upload(member, caseId, name, org.contents[i]), (res) => {
      const a = res.json.attachments[0];
      org.attachments.push(a.id);
      return { kind: 'attachment', id: a.id, case: caseId, name, content: org.contents[i], url: a.attachment, admin };
    });
  }
  if (op < 0.93 && org.attachments.length) {
    const id = pick(rand, org.attachments);
    return run('delete attachment', () => writes.deleteAttachment(member, id), () => ({ kind: 'attachmentDeleted', id }));
  }
  // An account, contact or team deleted and another made in its place.
  const kind = pick(rand, ['accounts', 'contacts', 'teams']);
  const id = pick(rand, org[kind]);
  const del = { accounts: writes.deleteAccount, contacts: writes.deleteContact, teams: writes.deleteTeam }[kind];
  await run(`delete ${kind}`, () => del(admin, id), () => {
    org[kind] = org[kind].filter((x) => x !== id);
    return { kind: 'gone', id };
  });
  const make = {
    accounts: () => writes.createAccount(admin, `Account ${uniq()}`),
    contacts: () => writes.createContact(admin, `Contact ${uniq()}`, pick(rand, org.accounts) ?? null),
    teams: () => writes.createTeam(admin, `Team ${uniq()}`, some(rand, org.users.map((u) => u.id))),
  }[kind];
  return run(`create ${kind}`, make, (res) => {
    org[kind].push(res.json.id);
    return [];
  });
}

/** The acknowledged writes that may hold the final state: none acknowledged was sent after they were acknowledged. */
function survivors(list) {
  return list.filter((w) => !list.some((o) => o.sent > w.acked));
}

const sameSet = (a, b) => JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());

test(`soak: ${CLIENTS} clients writing at random for ${SECONDS} s keep every derived row and write right`, {
  timeout: (SECONDS + 240) * 1000,
}, async () => {
  const orgs = [await makeOrg('Soak A'), await makeOrg('Soak B')];
  const deadline = performance.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => {
    const rand = rng(SEED * 31 + i);
    while (performance.now() < deadline) await step(orgs[i % 2], rand);
  }));
  console.log(`soak: seed ${SEED}, ${answers.total} writes in ${SECONDS} s, answers ${JSON.stringify(answers.byStatus)}`);
  assert.deepEqual(answers.failures.slice(0, 20), [], `no 5xx and no lost race (${answers.failures.length} in all)`);
  assert.equal(readModelDrift(), '', 'the read model agrees with its sources');

  // Every active USER lists what the rule gives them.
  const clients = [];
  for (const org of orgs) {
    const members = (await org.admin.get('/api/users/?limit=100')).json.results;
    for (const u of org.users) {
      const m = members.find((x) => x.id === u.id);
      if (m && m.is_active && m.role === 'USER') clients.push(u.client);
    }
  }
  assert.ok(clients.length > 0 || SECONDS < 5, 'some USER is left to check');
  await assertVisibility(clients);

  // Every acknowledged write is stored, or a later acknowledged write or delete replaced it.
  const orgIds = orgs.map((o) => `'${o.admin.org}'`).join(',');
  const rows = (sql) => { const out = psql(sql); return out ? out.split('\n').map((l) => l.split('|')) : []; };
  const cases = new Map(rows(`SELECT id, name, description, status, priority, array_to_string(assignee_ids, ','),
      array_to_string(team_ids, ','), array_to_string(contact_ids, ',') FROM cases WHERE org_id IN (${orgIds})`)
    .map(([id, name, description, status, priority, a, t, c]) => [id, { name, description, status, priority,
      assigned_to: a ? a.split(',') : [], teams: t ? t.split(',') : [], contacts: c ? c.split(',') : [] }]));
  const events = new Set(rows(`SELECT case_id, field, new_value FROM case_events WHERE org_id IN (${orgIds})`)
    .map((r) => r.join('|')));
  const alive = new Set(rows(`SELECT id FROM teams WHERE org_id IN (${orgIds}) UNION ALL
      SELECT id FROM contacts WHERE org_id IN (${orgIds})`).map((r) => r[0]));
  const deletedCases = new Set(acks.filter((a) => a.kind === 'caseDeleted').map((a) => a.case));
  // A member's removal unassigns them from every case (with history): a removed user may be missing.
  const removed = new Set(acks.filter((a) => a.kind === 'memberRemoved').map((a) => a.id));
  for (const id of deletedCases) assert.ok(!cases.has(id), `deleted case ${id} is gone`);
  const byField = new Map();
  for (const a of acks.filter((x) => x.kind === 'field')) {
    const k = `${a.case}|${a.field}`;
    if (!byField.has(k)) byField.set(k, []);
    byField.get(k).push(a);
  }
  let checked = 0;
  for (const [k, list] of byField) {
    const [id, field] = k.split('|');
    const c = cases.get(id);
    if (!c) {
      assert.ok(deletedCases.has(id), `case ${id} of an acknowledged write is gone only by an acknowledged delete`);
      continue;
    }
    const have = c[field];
    const ok = survivors(list).some((w) => (Array.isArray(w.value)
      ? sameSet(have, field === 'assigned_to' ? w.value.filter((x) => have.includes(x) || !removed.has(x))
        : w.value.filter((x) => alive.has(x)))
      : have === (w.value ?? '')));
    assert.ok(ok, `case ${id} ${field} is ${JSON.stringify(have)}, not the last acknowledged value`);
    for (const w of list) {
      if (field !== 'name' && field !== 'description') continue;
      const ev = w.created ? (field === 'name' ? `${id}|created|${w.value}` : null) : `${id}|${field}|${w.value}`;
      if (ev) assert.ok(events.has(ev), `history row of ${ev}`);
    }
    checked++;
  }
  const comments = new Map(rows(`SELECT id, comment FROM case_comments WHERE org_id IN (${orgIds})`));
  const commentWrites = new Map();
  for (const a of acks.filter((x) => x.kind === 'comment' || x.kind === 'commentEdit' || x.kind === 'commentDeleted')) {
    if (!commentWrites.has(a.id)) commentWrites.set(a.id, []);
    commentWrites.get(a.id).push(a);
  }
  for (const [id, list] of commentWrites) {
    const add = list.find((w) => w.kind === 'comment');
    if (!comments.has(id)) {
      const gone = list.some((w) => w.kind === 'commentDeleted') || (add && deletedCases.has(add.case));
      assert.ok(gone, `comment ${id} is gone only by an acknowledged delete of it or its case`);
      continue;
    }
    assert.ok(survivors(list.filter((w) => w.kind !== 'commentDeleted')).some((w) => w.text === comments.get(id)),
      `comment ${id} holds the last acknowledged text`);
    if (add) assert.ok(events.has(`${add.case}|comment|${id}`), `history row of comment ${id}`);
  }
  const attachments = new Map(rows(`SELECT id, case_id FROM case_attachments WHERE org_id IN (${orgIds})`));
  const deletedAttachments = new Set(acks.filter((a) => a.kind === 'attachmentDeleted').map((a) => a.id));
  const uploads = acks.filter((a) => a.kind === 'attachment');
  for (const a of uploads) {
    if (!attachments.has(a.id)) {
      assert.ok(deletedAttachments.has(a.id) || deletedCases.has(a.case),
        `attachment ${a.id} is gone only by an acknowledged delete of it or its case`);
      continue;
    }
    assert.ok(events.has(`${a.case}|attachment|${a.name}`), `history row of attachment ${a.name}`);
  }
  // The contents of the attachments kept are all there (a sample: downloads are slow under sanitizers).
  for (const a of uploads.filter((u) => attachments.has(u.id)).slice(0, 30)) {
    const dl = await http(a.url, { headers: { Authorization: `Bearer ${a.admin.token}`, 'organization-id': a.admin.org } });
    assert.equal(dl.status, 200, `attachment ${a.id} downloads`);
    assert.equal(await dl.text(), a.content);
  }
  console.log(`soak: ${checked} case fields, ${commentWrites.size} comments, ${uploads.length} uploads checked`);
});
