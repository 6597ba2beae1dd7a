// input.test.mjs: hostile or oversize input is a 4xx (413 for bodies over max_body, 400 for malformed URIs,
// headers and bodies), never a 500/502, and the workers stay up and unchanged afterwards.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { childrenOf, http, masterPid, raw } from './lib.mjs';

const MAX_BODY = 1 << 20; // casedesk's max_body default (the test stack does not change it)
const jsonCt = /^application\/json\b/;
const htmlCt = /^text\/html\b/;

let workersBefore;
before(() => {
  workersBefore = childrenOf(masterPid());
});

const noWorkerDied = () => assert.deepEqual(childrenOf(masterPid()), workersBefore, 'same worker pids as before');

async function healthy() {
  const r = await http('/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { status: 'ok' });
}

describe('413: bodies over max_body', () => {
  const cases = [
    ['/healthz', MAX_BODY + 1, jsonCt],
    ['/api/anything/', MAX_BODY + 1, jsonCt],
    ['/', MAX_BODY + 1, htmlCt],
    ['/api/anything/', 8 * MAX_BODY, jsonCt], // well over max_body, under nginx's client_max_body_size
  ];
  for (const [path, size, ct] of cases) {
    it(`POST ${path} with ${size} bytes is 413 (${ct.source.slice(1, -2)}), then /healthz is 200`, async () => {
      const r = await http(path, {
        method: 'POST',
        body: Buffer.alloc(size, 0x61),
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(r.status, 413);
      assert.match(r.headers.get('content-type') || '', ct);
      if (ct === jsonCt) assert.equal((await r.json()).error, 'too_large');
      else await r.arrayBuffer();
      await healthy();
    });
  }

  it('exactly max_body bytes is not 413 (POST /healthz then fails on the method: 405)', async () => {
    const r = await http('/healthz', {
      method: 'POST',
      body: Buffer.alloc(MAX_BODY, 0x20),
      headers: { 'content-type': 'application/json' },
    });
    await r.arrayBuffer();
    assert.equal(r.status, 405);
  });

  it('ten 413s in a row leave the same workers serving', async () => {
    for (let i = 0; i < 10; i++) {
      const r = await http('/api/anything/', { method: 'POST', body: Buffer.alloc(MAX_BODY + 1), headers: { 'content-type': 'application/json' } });
      await r.arrayBuffer();
      assert.equal(r.status, 413);
    }
    await healthy();
    noWorkerDied();
  });
});

describe('400: malformed URIs', () => {
  // Paths: nginx itself rejects some (%zz, trailing %, %00) with its own 400 page; the rest reach casedesk.
  const paths = [
    '/%zz', '/abc%', '/abc%4', '/a%00b', '/%C3%28', '/%C0%AF', '/%ED%A0%80', '/%FF',
    '/api/%zz', '/api/abc%', '/api/a%00b', '/api/%C3%28', '/api/%C0%AF', '/api/%ED%A0%80',
  ];
  for (const p of paths) {
    it(`GET ${p} is 400`, async () => {
      const r = await http(p);
      const body = await r.text();
      assert.equal(r.status, 400, body.slice(0, 200));
    });
  }

  // casedesk's own 400 for a path that reaches it but does not decode is JSON under /api/.
  for (const p of ['/api/%C3%28', '/api/%C0%AF']) {
    it(`GET ${p} is a JSON 400 (not an HTML page)`, async () => {
      const r = await http(p);
      assert.equal(r.status, 400);
      assert.match(r.headers.get('content-type') || '', jsonCt);
      assert.equal((await r.json()).error, 'bad_request');
    });
  }

  // Queries are not checked by nginx: every one of these is casedesk's 400, JSON or HTML by path.
  const queries = ['q=%zz', 'q=%', 'q=%4', 'q=%00', 'q=a%00b', 'q=%C3%28', '%C3%28=1', 'q=%ED%A0%80', 'q=%FF'];
  for (const [path, ct] of [['/healthz', jsonCt], ['/api/anything/', jsonCt], ['/', htmlCt]]) {
    for (const q of queries) {
      it(`GET ${path}?${q} is 400 ${ct === jsonCt ? 'JSON' : 'HTML'}`, async () => {
        const r = await http(`${path}?${q}`);
        assert.equal(r.status, 400);
        assert.match(r.headers.get('content-type') || '', ct);
        if (ct === jsonCt) assert.equal((await r.json()).error, 'bad_request');
        else assert.match(await r.text(), /400/);
      });
    }
  }

  // Raw bytes fetch would percent-encode: sent over a socket as they are.
  const rawCases = [
    ['invalid UTF-8 byte in the path', 'GET /\xc3\x28 HTTP/1.1'],
    ['invalid UTF-8 byte in an /api/ path', 'GET /api/\xc3\x28 HTTP/1.1', jsonCt],
    ['0xFF in the query', 'GET /?a=\xff HTTP/1.1'],
    ['0xFF in an /api/ query', 'GET /api/x?a=\xff HTTP/1.1', jsonCt],
    ['a control byte in the path', 'GET /api/\x01 HTTP/1.1'],
    ['a NUL byte in the path', 'GET /api/\x00 HTTP/1.1'],
  ];
  for (const [what, line, ct] of rawCases) {
    it(`${what} is 400`, async () => {
      const r = await raw(`${line}\r\nHost: t\r\nConnection: close\r\n\r\n`);
      assert.equal(r.status, 400);
      if (ct) assert.match(r.headers['content-type'] || '', ct);
    });
  }

  it('the workers survived all of it', async () => {
    await healthy();
    noWorkerDied();
  });
});

describe('400 (or another 4xx): malformed headers, handled by nginx', () => {
  const req = (headers, body = '') =>
    `POST /api/anything/ HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Type: application/json\r\n${headers}\r\n${body}`;
  const cases = [
    ['Content-Length: abc', req('Content-Length: abc\r\n')],
    ['Content-Length: -5', req('Content-Length: -5\r\n')],
    ['Content-Length: +3', req('Content-Length: +3\r\n', '{} ')],
    ['Content-Length: 3 3', req('Content-Length: 3 3\r\n', '{} ')],
    ['Content-Length: 2^77', req('Content-Length: 99999999999999999999999\r\n')],
    ['two different Content-Length', req('Content-Length: 2\r\nContent-Length: 3\r\n', '{} ')],
    ['Content-Length with Transfer-Encoding', req('Transfer-Encoding: chunked\r\nContent-Length: 3\r\n', '0\r\n\r\n')],
    ['one 20 kB header', req(`X-Big: ${'a'.repeat(20000)}\r\nContent-Length: 0\r\n`)],
    ['300 headers of 200 bytes', req(Array.from({ length: 300 }, (_, i) => `X-H${i}: ${'b'.repeat(200)}\r\n`).join('') + 'Content-Length: 0\r\n')],
    ['a 20 kB cookie', req(`Cookie: a=${'c'.repeat(20000)}\r\nContent-Length: 0\r\n`)],
    ['a NUL in a header value', req('X-A: a\x00b\r\nContent-Length: 0\r\n')],
    ['a 20 kB request line', `GET /${'a'.repeat(20000)} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`],
  ];
  for (const [what, text] of cases) {
    it(`${what}: 4xx`, async () => {
      const r = await raw(text);
      assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
    });
  }

  it('odd but legal headers reach casedesk and do not hurt it', async () => {
    const r = await raw(
      'GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\nCookie: a=\xff\xfe; ;;=; b; =x\r\n' +
        `X-Long: ${'d'.repeat(7000)}\r\nAccept: \x01\r\n\r\n`,
    );
    assert.equal(r.status, 200);
  });

  it('the workers survived all of it', async () => {
    await healthy();
    noWorkerDied();
  });
});

describe('400: malformed JSON bodies', () => {
  // The router parses JSON bodies for every POST/PUT/PATCH/DELETE route before the handler runs, so any such
  // route answers these; the first of the candidates that exists is the target (the tests skip without one).
  const candidates = ['/api/auth/login/', '/api/org/', '/api/cases/'];
  let target = null;
  before(async () => {
    for (const path of candidates) {
      const r = await http(path, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      await r.arrayBuffer();
      if (r.status !== 404 && r.status !== 405) {
        target = path;
        break;
      }
    }
  });

  const bodies = [
    ['malformed JSON', Buffer.from('{"email": ')],
    ['trailing garbage', Buffer.from('{} x')],
    ['invalid UTF-8 in a string', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])],
    ['a NUL escape in a string', Buffer.from('{"a":"x\\u0000y"}')],
    ['a duplicate key', Buffer.from('{"a":1,"a":2}')],
  ];
  for (const [what, body] of bodies) {
    it(`${what} is 400`, async (t) => {
      if (!target) return t.skip(`no POST route accepting JSON yet (tried ${candidates.join(', ')})`);
      const r = await http(target, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      assert.equal(r.status, 400);
      assert.match(r.headers.get('content-type') || '', jsonCt);
    });
  }
});
