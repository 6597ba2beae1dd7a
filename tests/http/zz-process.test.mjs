// zz-process.test.mjs: process robustness: a SIGKILLed worker is replaced, PostgreSQL going away is a 503 and coming
// back is a 200 without any restart, and SIGHUP rolls the workers while service continues. SIGTERM (graceful stop) is
// exercised by stack_down. Afterwards the stack is as tests/run started it (restore-lib.mjs), so any file may run
// after this one.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { alive, childrenOf, http, healthzTimes, masterPid, sleep, stackFn, waitFor } from './lib.mjs';
import { restoreStack } from './restore-lib.mjs';

after(restoreStack);

const allOk = (statuses) => assert.deepEqual(statuses, statuses.map(() => 200), `statuses: ${statuses}`);

describe('a worker killed with SIGKILL', () => {
  it('is replaced by a new one within 2 s and the stack keeps answering', async () => {
    const master = masterPid();
    const before = childrenOf(master);
    assert.ok(before.length >= 1, 'the master has workers');
    const victim = before[0];
    process.kill(victim, 'SIGKILL');
    const after = await waitFor(
      () => {
        const now = childrenOf(master);
        return now.length === before.length && !now.includes(victim) && now;
      },
      { timeoutMs: 2000, what: 'a replacement worker' },
    );
    const fresh = after.filter((p) => !before.includes(p));
    assert.equal(fresh.length, 1, `one new worker: before ${before}, after ${after}`);
    assert.ok(alive(master), 'the master lives on');
    allOk(await healthzTimes(50));
  });
});

describe('PostgreSQL stopped and started again', () => {
  it('stopped: /healthz is a JSON 503 (never 500/502) from the same workers; started: 200 within 2 s, no restart', async () => {
    const master = masterPid();
    const workers = childrenOf(master);
    allOk(await healthzTimes(4)); // every worker holds a live connection
    try {
      await stackFn('pg_stop');
      for (let i = 0; i < 10; i++) {
        const r = await http('/healthz');
        assert.equal(r.status, 503, `request ${i} while PostgreSQL is down`);
        assert.match(r.headers.get('content-type') || '', /^application\/json\b/);
        const j = await r.json();
        assert.equal(j.status, 'unavailable');
      }
      // Other representations while the database is down: still answered, never a 5xx from nginx.
      const page = await http('/');
      await page.arrayBuffer();
      assert.ok(page.status !== 500 && page.status !== 502, `GET / is ${page.status}`);
      const missing = await http('/api/no-such-thing/');
      await missing.arrayBuffer();
      assert.equal(missing.status, 404);
      assert.deepEqual(childrenOf(master), workers, 'no worker crashed or was replaced');
    } finally {
      await stackFn('pg_start');
    }
    const t0 = Date.now();
    await waitFor(
      async () => {
        const r = await http('/healthz');
        await r.arrayBuffer();
        assert.ok(r.status === 200 || r.status === 503, `status ${r.status} while PostgreSQL comes back`);
        return r.status === 200;
      },
      { timeoutMs: 2000, stepMs: 50, what: '/healthz 200 after pg_start' },
    );
    const took = Date.now() - t0;
    allOk(await healthzTimes(10));
    assert.equal(masterPid(), master, 'same master');
    assert.ok(alive(master));
    assert.deepEqual(childrenOf(master), workers, 'same workers: casedesk was not restarted');
    console.log(`# back to 200 ${took} ms after pg_start returned`);
  });

  it('restarted while the workers were idle: the first requests are 200 (stale connection retried once)', async () => {
    const master = masterPid();
    const workers = childrenOf(master);
    allOk(await healthzTimes(4));
    try {
      await stackFn('pg_stop');
    } finally {
      await stackFn('pg_start');
    }
    // Each worker's connection died under it; the statement is retried on a new connection, not failed.
    allOk(await healthzTimes(2 * workers.length + 2));
    assert.deepEqual(childrenOf(master), workers);
  });
});

describe('SIGHUP to the master', () => {
  it('rolls every worker (new pids) while requests keep being answered', async () => {
    const master = masterPid();
    const before = childrenOf(master);
    process.kill(master, 'SIGHUP');
    const statuses = [];
    const after = await waitFor(
      async () => {
        statuses.push(...(await healthzTimes(1)));
        const now = childrenOf(master);
        return now.length === before.length && now.every((p) => !before.includes(p)) && now;
      },
      { timeoutMs: 5000, stepMs: 10, what: 'a full set of new workers' },
    );
    allOk(statuses);
    for (const p of before) {
      await waitFor(() => !alive(p), { timeoutMs: 3000, what: `old worker ${p} gone` });
    }
    assert.ok(alive(master), 'same master');
    assert.equal(masterPid(), master);
    await sleep(100);
    assert.deepEqual(childrenOf(master), after, 'the new workers stay');
    allOk(await healthzTimes(20));
  });
});
