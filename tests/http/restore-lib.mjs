// restore-lib.mjs: puts the test stack back as tests/run started it, for the fault files that stop PostgreSQL,
// kill, stop or roll workers and lock tables, so that any file may run after them in any order.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VAR, childrenOf, healthzTimes, masterPid, psql, stackFn, waitFor } from './lib.mjs';

/** The worker count casedesk.conf asks for (`workers = N`; 0 means one per core). */
export function configuredWorkers() {
  const conf = readFileSync(path.join(VAR, 'casedesk.conf'), 'utf8');
  const n = Number(/^workers\s*=\s*(\d+)/m.exec(conf)?.[1] || 0);
  return n > 0 ? n : Number(readFileSync('/proc/cpuinfo', 'utf8').match(/^processor\s*:/gm).length);
}

/**
 * Resumes stopped workers, starts PostgreSQL if it is down, ends any session still holding a lock on a table,
 * then waits until the master has its configured number of workers and each of them answers /healthz with 200.
 */
export async function restoreStack() {
  const master = masterPid();
  for (const p of childrenOf(master)) {
    try { process.kill(p, 'SIGCONT'); } catch { /* exited meanwhile */ }
  }
  await stackFn('pg_start'); // does nothing when it runs
  psql(`SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
    WHERE l.mode = 'AccessExclusiveLock' AND c.relnamespace = 'public'::regnamespace AND l.pid <> pg_backend_pid()`);
  const want = configuredWorkers();
  await waitFor(() => childrenOf(master).length === want, { timeoutMs: 10000, stepMs: 50, what: `${want} workers` });
  await waitFor(async () => (await healthzTimes(2 * want)).every((s) => s === 200),
    { timeoutMs: 10000, stepMs: 100, what: 'every worker answering /healthz with 200' });
}
