// mentions.test.mjs: who the case detail offers for @mentions (only members who may open the case), and how a
// comment or description shows its mentions and links on the case page (escaped, rel="noopener nofollow").
import test from 'node:test';
import assert from 'node:assert/strict';
import { Browser, inviteAndAccept, psql, uniq } from './lib.mjs';
import { addMember, newOrgAdmin, orgClient } from './crm-lib.mjs';

/** An organization: an admin, a second admin, a creator (USER), an assignee, a team member, and an outsider (a
 *  USER with no link to the case); the case made by the creator, assigned and given the team. */
async function world() {
  const admin = await newOrgAdmin('Mentions');
  const admin2 = await addMember(admin, 'ADMIN');
  const creator = await addMember(admin, 'USER');
  const assignee = await addMember(admin, 'USER');
  const teamMember = await addMember(admin, 'USER');
  const outsider = await addMember(admin, 'USER');
  const team = (await admin.post('/api/teams/', { name: `Team ${uniq()}`, users: [teamMember.user.id] })).json;
  const made = await creator.post('/api/cases/', { name: 'Mention me', status: 'New', priority: 'Normal' });
  assert.equal(made.status, 201, made.text);
  const c = made.json;
  const put = await admin.patch(`/api/cases/${c.id}/`, { assigned_to: [assignee.user.id], teams: [team.id] });
  assert.equal(put.status, 200, put.text);
  return { admin, admin2, creator, assignee, teamMember, outsider, team, c };
}

const ids = (list) => list.map((u) => u.id).sort();

test('only members who may open the case are offered for mentions', async () => {
  const w = await world();
  const d = await w.admin.get(`/api/cases/${w.c.id}/`);
  assert.equal(d.status, 200, d.text);
  const offered = ids(d.json.users_mention);
  assert.deepEqual(offered, ids([w.admin.user, w.admin2.user, w.creator.user, w.assignee.user, w.teamMember.user]));
  assert.ok(!offered.includes(w.outsider.user.id), 'a USER who cannot open the case is not suggested');
  assert.ok(!('may_open' in d.json), 'no internal key leaks');
  // the same for a USER looking at the case
  const asAssignee = await w.assignee.get(`/api/cases/${w.c.id}/`);
  assert.deepEqual(ids(asAssignee.json.users_mention), offered);
  // the outsider cannot open it at all
  assert.equal((await w.outsider.get(`/api/cases/${w.c.id}/`)).status, 404);

  // it follows the case: unassigned, the assignee is no longer offered; the outsider added to the team is
  assert.equal((await w.admin.patch(`/api/cases/${w.c.id}/`, { assigned_to: [] })).status, 200);
  assert.equal((await w.admin.put(`/api/teams/${w.team.id}/`, { name: w.team.name, users: [w.teamMember.user.id, w.outsider.user.id] })).status, 200);
  const after = ids((await w.admin.get(`/api/cases/${w.c.id}/`)).json.users_mention);
  assert.ok(!after.includes(w.assignee.user.id));
  assert.ok(after.includes(w.outsider.user.id));
  // a deactivated member is never offered
  psql(`UPDATE memberships SET is_active = false WHERE user_id = '${w.admin2.user.id}' AND org_id = '${w.admin.org}'`);
  psql(`NOTIFY casedesk_directory`);
  let gone = false;
  for (let i = 0; i < 50 && !gone; i++) {
    gone = !ids((await w.admin.get(`/api/cases/${w.c.id}/`)).json.users_mention).includes(w.admin2.user.id);
    if (!gone) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(gone, 'an inactive admin is not offered');
});

test('the case page lists the same members under "Members you can mention", and not the outsider', async () => {
  const w = await world();
  const pat = await inviteAndAccept(w.admin, { role: 'USER' });
  const patClient = orgClient({ token: pat.access_token, org: w.admin.org, user: pat.user });
  assert.equal((await w.admin.patch(`/api/cases/${w.c.id}/`, { assigned_to: [w.assignee.user.id, pat.user.id] })).status, 200);
  assert.equal((await patClient.get(`/api/cases/${w.c.id}/`)).status, 200);
  const b = new Browser();
  await b.signIn(pat.email, pat.password);
  const page = await b.req('GET', `/cases/${w.c.id}?org=${w.admin.org}`);
  assert.equal(page.status, 200, page.text.slice(0, 300));
  const list = /<ul id="mention-users">([\s\S]*?)<\/ul>/.exec(page.text)[1];
  const emails = [...list.matchAll(/data-email="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(emails.includes(w.assignee.user.email));
  assert.ok(emails.includes(w.creator.user.email));
  assert.ok(!emails.includes(w.outsider.user.email), 'the outsider is not suggested');
});

test('a comment shows its mentions as names and its http(s) URLs as links; nothing else becomes markup', async () => {
  const w = await world();
  psql(`UPDATE users SET name = 'Ann <b>Assignee</b>' WHERE id = '${w.assignee.user.id}'`);
  psql(`NOTIFY casedesk_directory`);
  const text = `Hi @${w.assignee.user.email}, see https://example.com/a?b=1&c=<x>. Not javascript:alert(1) ` +
    `nor @nobody@nowhere.test (https://en.wikipedia.org/wiki/C_(language)).\n<script>alert(1)</script>`;
  const r = await w.admin.post(`/api/cases/${w.c.id}/`, { comment: text });
  assert.equal(r.status, 201, r.text);
  assert.equal((await w.admin.patch(`/api/cases/${w.c.id}/`, { description: 'Docs: http://docs.example.org/x, thanks' })).status, 200);
  const b = new Browser();
  const pat = await inviteAndAccept(w.admin, { role: 'ADMIN' });
  await b.signIn(pat.email, pat.password);
  const page = await b.req('GET', `/cases/${w.c.id}?org=${w.admin.org}`);
  assert.equal(page.status, 200);
  const body = /<li class="comment"[\s\S]*?<div class="prose">([\s\S]*?)<\/div>/.exec(page.text)[1];
  assert.match(body, /<span class="mention" title="[^"]+">@Ann &lt;b&gt;Assignee&lt;\/b&gt;<\/span>/, body);
  assert.ok(body.includes('<a href="https://example.com/a?b=1&amp;c=" rel="noopener nofollow">https://example.com/a?b=1&amp;c=</a>&lt;x&gt;.'), body);
  assert.ok(body.includes('<a href="https://en.wikipedia.org/wiki/C_(language)" rel="noopener nofollow">'), body);
  assert.ok(body.includes('(language)</a>).'), 'the closing parenthesis of the sentence stays text');
  assert.ok(body.includes('javascript:alert(1)') && !/href="javascript/i.test(body), 'javascript: is never linked');
  assert.ok(body.includes(' nor @nobody@nowhere.test (<a'), 'a mention of no member stays text');
  assert.equal([...body.matchAll(/class="mention"/g)].length, 1);
  assert.ok(body.includes('&lt;script&gt;alert(1)&lt;/script&gt;') && !body.includes('<script>'));
  assert.ok(body.includes('\n'), 'line breaks are kept');
  const desc = /id="description-title">Description<\/h2>\s*<div class="prose">([\s\S]*?)<\/div>/.exec(page.text)[1];
  assert.equal(desc, 'Docs: <a href="http://docs.example.org/x" rel="noopener nofollow">http://docs.example.org/x</a>, thanks');
  // the form and the API keep the text as written
  const edit = await b.req('GET', `/cases/${w.c.id}/edit?org=${w.admin.org}`);
  assert.ok(edit.text.includes('Docs: http://docs.example.org/x, thanks'));
  assert.ok(!/<textarea[^>]*>[^<]*<a /.test(edit.text));
  const d = await w.admin.get(`/api/cases/${w.c.id}/`);
  assert.equal(d.json.comments.at(-1).comment, text);
});
