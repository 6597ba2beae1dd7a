// extract.test.mjs: the text of PDF attachments, extracted by the master's background child (pdftotext): a PDF's
// text is stored within seconds of its upload, a corrupt PDF fails after three tries, and the child is respawned
// when killed, reconnects when its connection is cut, waits while another master's child holds the cluster's
// extraction lock and takes over when it is free, restarts on SIGHUP, and stops with its master on SIGTERM, killing
// the pdftotext in hand.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT, VAR, alive, childrenOf, extractorOf, http, masterPid, psql, uniq, waitFor } from './lib.mjs';
import { newOrgAdmin } from './crm-lib.mjs';

/** A minimal PDF 1.4 of one page showing text (ASCII letters and spaces) in Helvetica. */
function pdf(text) {
  const content = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A word no other test's PDF holds (letters only, so that the search's stemming leaves it whole). */
const word = () => `zq${uniq().replace(/[^a-f]/g, '').padEnd(4, 'b')}x`;

let admin;
async function caseWith(bytes, fileName = 'scan.pdf') {
  admin ||= await newOrgAdmin('Extract');
  const c = await admin.post('/api/cases/', { name: `PDF ${uniq()}`, status: 'New', priority: 'Normal' });
  assert.equal(c.status, 201, c.text);
  const fd = new FormData();
  fd.append('attachment', new Blob([bytes], { type: 'application/pdf' }), fileName);
  const r = await http(`/api/cases/${c.json.id}/`, {
    method: 'POST', body: fd, headers: { Authorization: `Bearer ${admin.token}`, 'organization-id': admin.org },
  });
  assert.equal(r.status, 201, await r.text());
  const sha = psql(`SELECT encode(sha256, 'hex') FROM case_attachments WHERE case_id = '${c.json.id}'`);
  return { id: c.json.id, sha };
}

/** state|tries|error|body of the blob's text row. */
const textRow = (sha) => psql(`SELECT state || '|' || tries || '|' || coalesce(error, '') || '|' || body
  FROM attachment_texts WHERE sha256 = decode('${sha}', 'hex')`);

async function extracted(sha, timeoutMs = 10000) {
  return waitFor(() => { const r = textRow(sha); return r.startsWith('done|') && r; },
    { timeoutMs, stepMs: 100, what: `the text of blob ${sha.slice(0, 12)}` });
}

describe('a PDF attachment', () => {
  it('is pending at upload and its text is stored within seconds', async () => {
    const w = word();
    const { id, sha } = await caseWith(pdf(`Invoice ${w} for March`));
    const row = await extracted(sha);
    // The case's search document holds it at once: a search finds the case, its snippet from the PDF.
    const found = await admin.get(`/api/cases/?q=${w}`);
    assert.deepEqual(found.json.results.map((c) => c.id), [id]);
    assert.ok(found.json.results[0].highlight.some((s) => s.match && s.text === w), JSON.stringify(found.json));
    const [state, tries, error, body] = row.split('|');
    assert.deepEqual([state, tries, error], ['done', '0', '']);
    assert.match(body, new RegExp(`Invoice ${w} for March`));
    assert.doesNotMatch(body, /\f/, 'control characters other than newline and tab are blanked');
  });

  it('that is corrupt fails for good after three tries, and nothing crashes', async () => {
    const master = masterPid();
    const workers = childrenOf(master);
    const child = extractorOf(master);
    const { sha } = await caseWith(Buffer.from(`%PDF-1.4\n${uniq()} not a PDF at all\n`), 'broken.pdf');
    for (const tries of [1, 2]) {
      const row = await waitFor(() => { const r = textRow(sha); return r.startsWith(`pending|${tries}|`) && r; },
        { timeoutMs: 10000, stepMs: 100, what: `try ${tries}` });
      assert.match(row, /^pending\|\d\|pdftotext exited with status \d+\|$/);
      const wait = Number(psql(`SELECT round(extract(epoch FROM next_try - now()))
        FROM attachment_texts WHERE sha256 = decode('${sha}', 'hex')`));
      const backoff = tries === 1 ? 60 : 300;
      assert.ok(wait > backoff - 10 && wait <= backoff, `try ${tries} backs off ${backoff} s, not ${wait} s`);
      // Due now; the notification wakes the child at once rather than at its next 30 s look.
      psql(`UPDATE attachment_texts SET next_try = now() WHERE sha256 = decode('${sha}', 'hex');
        NOTIFY attachment_texts`);
    }
    await waitFor(() => textRow(sha).startsWith('failed|3|pdftotext exited with status'),
      { timeoutMs: 10000, stepMs: 100, what: 'the third failure' });
    assert.equal(extractorOf(master), child, 'the extraction child lives on');
    assert.deepEqual(childrenOf(master), workers, 'no worker was replaced');
  });
});

describe('the extraction child', () => {
  it('killed with SIGKILL is respawned and the work continues', async () => {
    const master = masterPid();
    const workers = childrenOf(master);
    const victim = extractorOf(master);
    assert.ok(victim > 0, 'the master has a text-extraction child');
    process.kill(victim, 'SIGKILL');
    const fresh = await waitFor(() => { const p = extractorOf(master); return p && p !== victim && p; },
      { timeoutMs: 5000, what: 'a new extraction child' });
    assert.ok(!alive(victim));
    assert.deepEqual(childrenOf(master), workers, 'the workers are untouched');
    const w = word();
    const { sha } = await caseWith(pdf(`After restart ${w}`));
    assert.match(await extracted(sha), new RegExp(`After restart ${w}`));
    assert.equal(extractorOf(master), fresh);
  });

  it('whose database connection is cut reconnects, takes the lock again and goes on', async () => {
    const master = masterPid();
    const child = extractorOf(master);
    const holder = `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1
      AND classid::bigint * 4294967296 + objid::bigint = 7161977286587330609 AND granted`;
    const before = psql(holder);
    assert.match(before, /^\d+$/, 'one session holds the extraction lock');
    psql(`SELECT pg_terminate_backend(${before})`);
    await waitFor(() => { const now = psql(holder); return /^\d+$/.test(now) && now !== before; },
      { timeoutMs: 10000, stepMs: 100, what: 'the lock taken again on a new connection' });
    const w = word();
    const { sha } = await caseWith(pdf(`Reconnected ${w}`));
    assert.match(await extracted(sha), new RegExp(`Reconnected ${w}`));
    assert.equal(extractorOf(master), child, 'the same child, not a crash and respawn');
  });
});

describe('a second master on the same cluster', () => {
  const dirs = [];
  const masters = [];
  // A master a failed test left running is stopped with SIGTERM, so that its children go with it.
  after(async () => {
    for (const m of masters) {
      if (m.proc.exitCode !== null || m.proc.signalCode !== null) continue;
      m.proc.kill('SIGTERM');
      await m.exited;
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** Starts `casedesk serve` with the stack's configuration on a socket of its own: { proc, log() }. */
  function startMaster(env = {}) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'casedesk-extract-'));
    dirs.push(dir);
    const bin = process.env.CASEDESK_BIN || path.join(ROOT, 'casedesk');
    const proc = spawn(bin, ['-c', path.join(VAR, 'casedesk.conf'), 'serve'], {
      env: { ...process.env, CASEDESK_SOCKET: path.join(dir, 'casedesk.sock'), CASEDESK_WORKERS: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let text = '';
    proc.stderr.on('data', (d) => { text += d; });
    const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
    const m = { proc, exited, log: () => text };
    masters.push(m);
    return m;
  }

  it('waits for the lock while the stack extracts, restarts its child on SIGHUP and stops on SIGTERM', async () => {
    const m = startMaster();
    const first = await waitFor(() => extractorOf(m.proc.pid), { timeoutMs: 5000, what: 'its extraction child' });
    await waitFor(() => /another process holds the text extraction lock/.test(m.log()),
      { timeoutMs: 5000, what: 'its child waiting for the lock' });
    // The stack's child still does the work.
    const w = word();
    const { sha } = await caseWith(pdf(`Only one extracts ${w}`));
    await extracted(sha);
    assert.doesNotMatch(m.log(), /bytes of text/, 'the waiting child extracted nothing');

    m.proc.kill('SIGHUP');
    const second = await waitFor(() => { const p = extractorOf(m.proc.pid); return p && p !== first && p; },
      { timeoutMs: 5000, what: 'a new child after SIGHUP' });
    await waitFor(() => !alive(first), { timeoutMs: 5000, what: 'the old child gone' });

    const t0 = Date.now();
    m.proc.kill('SIGTERM');
    const end = await m.exited;
    assert.deepEqual(end, { code: 0, signal: null }, m.log());
    assert.ok(Date.now() - t0 < 5000, `stopped in ${Date.now() - t0} ms`);
    assert.ok(!alive(second), 'the child stopped with its master');
    assert.match(m.log(), /text extractor stopped/);
    assert.doesNotMatch(m.log(), /did not stop in time/);
  });

  it('takes over when the lock is free; SIGTERM kills the pdftotext in hand and leaves its file pending', async () => {
    const stack = masterPid();
    const stackChild = extractorOf(stack);
    // This master's pdftotext never ends.
    const bin = mkdtempSync(path.join(os.tmpdir(), 'casedesk-slow-'));
    dirs.push(bin);
    writeFileSync(path.join(bin, 'pdftotext'), '#!/bin/sh\nexec sleep 60\n', { mode: 0o755 });
    const m = startMaster({ PATH: `${bin}:${process.env.PATH}` });
    const child = await waitFor(() => extractorOf(m.proc.pid), { timeoutMs: 5000, what: 'its extraction child' });
    await waitFor(() => /another process holds the text extraction lock/.test(m.log()),
      { timeoutMs: 5000, what: 'its child waiting for the lock' });
    let sha;
    process.kill(stackChild, 'SIGSTOP');
    try {
      psql(`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1
        AND classid::bigint * 4294967296 + objid::bigint = 7161977286587330609 AND granted`);
      await waitFor(() => /extracting the text of PDF attachments/.test(m.log()),
        { timeoutMs: 10000, stepMs: 100, what: 'the lock taken by the other master' });
      ({ sha } = await caseWith(pdf(`Handed over ${word()}`)));
      const slow = await waitFor(() => childrenOf(child, 'sleep')[0],
        { timeoutMs: 5000, stepMs: 50, what: 'its pdftotext running' });
      const t0 = Date.now();
      m.proc.kill('SIGTERM');
      assert.deepEqual(await m.exited, { code: 0, signal: null }, m.log());
      assert.ok(Date.now() - t0 < 3000, `stopped in ${Date.now() - t0} ms, not after pdftotext`);
      assert.ok(!alive(slow), 'its pdftotext was killed');
      assert.equal(textRow(sha), 'pending|0||', 'a stopped extraction is no failed try');
    } finally {
      process.kill(stackChild, 'SIGCONT');
    }
    // The stack's child, back on a new connection, does it.
    await extracted(sha);
    assert.equal(extractorOf(stack), stackChild);
  });

  it('runs no extraction child with extract_text = off', async () => {
    const m = startMaster({ CASEDESK_EXTRACT_TEXT: 'off' });
    await waitFor(() => childrenOf(m.proc.pid).length === 1, { timeoutMs: 5000, what: 'its worker' });
    await waitFor(() => /ready/.test(m.log()), { timeoutMs: 5000, what: 'the worker ready' });
    assert.equal(extractorOf(m.proc.pid), 0);
    m.proc.kill('SIGTERM');
    assert.deepEqual(await m.exited, { code: 0, signal: null }, m.log());
    assert.doesNotMatch(m.log(), /text extractor/);
  });
});
