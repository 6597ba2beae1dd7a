// log.test.mjs: every request that reaches casedesk writes exactly one access line to the worker log:
// "<time> info [pid] METHOD /raw/path STATUS 1.2ms".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { http, uniq, waitFor, workerLog } from './lib.mjs';

const LINE = /^\S+Z info \[(\d+)\] (\S+) (\S+) (\d{3}) (\d+\.\d)ms$/;

// Access lines whose path contains tag.
const linesWith = (tag) =>
  workerLog()
    .split('\n')
    .filter((l) => l.includes(tag));

describe('one log line per request', () => {
  const tag = `logprobe-${uniq()}`;
  // [method, path sent, path logged, expected status]
  const requests = [
    ['GET', `/api/${tag}/a`, `/api/${tag}/a`, 404],
    ['GET', `/${tag}/b`, `/${tag}/b`, 404],
    ['HEAD', `/${tag}/c`, `/${tag}/c`, 404],
    ['POST', `/api/${tag}/d`, `/api/${tag}/d`, 404],
    ['OPTIONS', `/api/${tag}/e`, `/api/${tag}/e`, 404],
    ['GET', `/api/${tag}/f?x=%zz`, `/api/${tag}/f`, 400],
    ['GET', `/api/${tag}/%C3%28`, `/api/${tag}/%C3%28`, 400],
    ['GET', `/api/${tag}/%20sp`, `/api/${tag}/%20sp`, 404],
    ['POST', `/api/${tag}/big`, `/api/${tag}/big`, 413],
  ];

  it('method, raw path, status and duration, once each', async () => {
    for (const [method, path, , status] of requests) {
      const init = { method };
      if (method === 'POST') {
        init.body = path.endsWith('/big') ? Buffer.alloc((1 << 20) + 1) : '{}';
        init.headers = { 'content-type': 'application/json' };
      }
      const r = await http(path, init);
      await r.arrayBuffer();
      assert.equal(r.status, status, `${method} ${path}`);
    }
    // The line is written just after the reply is finished: give the last worker a moment.
    const lines = await waitFor(
      () => {
        const l = linesWith(tag);
        return l.length >= requests.length && l;
      },
      { timeoutMs: 3000, what: `${requests.length} log lines with ${tag}` },
    );
    assert.equal(lines.length, requests.length, lines.join('\n'));
    for (const [method, , logged, status] of requests) {
      const mine = lines.filter((l) => {
        const m = LINE.exec(l);
        return m && m[2] === method && m[3] === logged;
      });
      assert.equal(mine.length, 1, `one line for ${method} ${logged}:\n${lines.join('\n')}`);
      const m = LINE.exec(mine[0]);
      assert.equal(Number(m[4]), status);
      assert.ok(Number(m[5]) >= 0 && Number(m[5]) < 10000, 'duration in ms');
    }
  });

  it('a healthz request adds exactly one line', async () => {
    const count = () => workerLog().split('\n').filter((l) => / GET \/healthz 200 /.test(l)).length;
    const n0 = count();
    const r = await http('/healthz');
    await r.arrayBuffer();
    await waitFor(() => count() >= n0 + 1, { timeoutMs: 3000, what: 'the healthz line' });
    await new Promise((res) => setTimeout(res, 100));
    assert.equal(count(), n0 + 1);
  });
});
