// basics.test.mjs: /healthz, error representations (JSON under /api/, HTML elsewhere), 405/OPTIONS with Allow,
// security headers on every kind of response, and nginx serving static CSS with caching headers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { http } from './lib.mjs';

const isJson = (r) => assert.match(r.headers.get('content-type') || '', /^application\/json\b/);
const isHtml = (r) => assert.match(r.headers.get('content-type') || '', /^text\/html\b/);

describe('GET/HEAD /healthz', () => {
  it('GET answers 200 {"status":"ok"} as JSON', async () => {
    const r = await http('/healthz');
    assert.equal(r.status, 200);
    isJson(r);
    assert.deepEqual(await r.json(), { status: 'ok' });
  });

  it('HEAD answers 200 with the same headers and no body', async () => {
    const r = await http('/healthz', { method: 'HEAD' });
    assert.equal(r.status, 200);
    isJson(r);
    assert.equal(await r.text(), '');
  });
});

describe('404', () => {
  it('under /api/ is JSON {"error":"not_found","detail":...}', async () => {
    const r = await http('/api/no-such-thing/');
    assert.equal(r.status, 404);
    isJson(r);
    const j = await r.json();
    assert.equal(j.error, 'not_found');
    assert.equal(typeof j.detail, 'string');
    assert.ok(j.detail.length > 0);
  });

  it('elsewhere is an HTML page', async () => {
    const r = await http('/no-such-page');
    assert.equal(r.status, 404);
    isHtml(r);
    const body = await r.text();
    assert.match(body, /^<!DOCTYPE html>/i);
    assert.match(body, /404/);
  });

  it('HEAD of a missing page is 404 without a body', async () => {
    const r = await http('/no-such-page', { method: 'HEAD' });
    assert.equal(r.status, 404);
    assert.equal(await r.text(), '');
  });
});

describe('405 and OPTIONS', () => {
  it('POST /healthz is 405 JSON with Allow', async () => {
    const r = await http('/healthz', { method: 'POST' });
    assert.equal(r.status, 405);
    isJson(r);
    assert.equal((await r.json()).error, 'method_not_allowed');
    assert.equal(r.headers.get('allow'), 'GET, HEAD, OPTIONS');
  });

  it('DELETE /healthz is 405 JSON with Allow', async () => {
    const r = await http('/healthz', { method: 'DELETE' });
    assert.equal(r.status, 405);
    isJson(r);
    assert.equal(r.headers.get('allow'), 'GET, HEAD, OPTIONS');
  });

  it('POST / is 405 HTML with Allow', async () => {
    const r = await http('/', { method: 'POST', body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.status, 405);
    isHtml(r);
    assert.match(await r.text(), /405/);
    assert.equal(r.headers.get('allow'), 'GET, HEAD, OPTIONS');
  });

  it('an unknown method on a known path is 405, not 500', async () => {
    const r = await http('/', { method: 'PROPFIND' });
    assert.equal(r.status, 405);
    assert.ok(r.headers.get('allow'));
  });

  it('POST to a missing /api/ path is 404 JSON (not 405)', async () => {
    const r = await http('/api/no-such-thing/', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    assert.equal(r.status, 404);
    isJson(r);
  });

  for (const path of ['/healthz', '/']) {
    it(`OPTIONS ${path} is 204 with Allow and no body`, async () => {
      const r = await http(path, { method: 'OPTIONS' });
      assert.equal(r.status, 204);
      assert.equal(r.headers.get('allow'), 'GET, HEAD, OPTIONS');
      assert.equal(await r.text(), '');
    });
  }
});

describe('security headers', () => {
  const cases = [
    ['HTML page', '/'],
    ['HTML 404', '/no-such-page'],
    ['JSON /healthz', '/healthz'],
    ['JSON 404 under /api/', '/api/no-such-thing/'],
    ['static CSS', '/static/css/app.css'],
  ];
  for (const [what, path] of cases) {
    it(`on ${what} (${path})`, async () => {
      const r = await http(path);
      await r.arrayBuffer();
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      const csp = r.headers.get('content-security-policy') || '';
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /default-src 'self'/);
      assert.ok(r.headers.get('referrer-policy'), 'Referrer-Policy is set');
    });
  }

  it('on a 405 as well', async () => {
    const r = await http('/healthz', { method: 'POST' });
    await r.arrayBuffer();
    assert.equal(r.status, 405);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.match(r.headers.get('content-security-policy') || '', /frame-ancestors 'none'/);
  });
});

describe('static files (nginx)', () => {
  it('/static/css/app.css is CSS with caching headers', async () => {
    const r = await http('/static/css/app.css');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') || '', /^text\/css\b/);
    assert.match(r.headers.get('cache-control') || '', /max-age=\d+/);
    assert.ok(Number(/max-age=(\d+)/.exec(r.headers.get('cache-control'))[1]) >= 86400, 'cached at least a day');
    assert.ok(r.headers.get('expires'));
    const etag = r.headers.get('etag');
    assert.ok(etag, 'ETag is set');
    assert.ok((await r.text()).length > 0);

    const again = await http('/static/css/app.css', { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });

  it('the page links the stylesheet', async () => {
    const r = await http('/');
    assert.match(await r.text(), /<link rel="stylesheet" href="\/static\/css\/app\.css">/);
  });
});
