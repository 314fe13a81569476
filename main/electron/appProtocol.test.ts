// The app protocol serves the built renderer and nothing else, with the page's CSP on every response.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { APP_CONTENT_SECURITY_POLICY } from './appContentSecurityPolicy.js';
import { APP_PAGE_URL, APP_SCHEME_PRIVILEGES, appProtocolHandler, isAppUrl } from './appProtocol.js';

describe('app protocol', () => {
  let dir: string;
  let root: string;
  let serve: (request: Request) => Promise<Response>;
  const get = (url: string, method = 'GET'): Promise<Response> => serve(new Request(url, { method }));

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'skein-protocol-'));
    root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Skein</title>');
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'not for the page');
    symlinkSync(join(dir, 'secret.txt'), join(root, 'assets', 'link.txt'));
    serve = appProtocolHandler(root);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the page and its assets come with their type, nosniff and the CSP', async () => {
    const page = await get(APP_PAGE_URL);
    assert.equal(page.status, 200);
    assert.equal(await page.text(), '<!doctype html><title>Skein</title>');
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(page.headers.get('content-security-policy'), APP_CONTENT_SECURITY_POLICY);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(page.headers.get('access-control-allow-origin'), null, 'no other origin may read the page');
    const script = await get('skein://app/assets/index-abc.js');
    assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(await script.text(), 'console.log(1)');
    assert.equal((await get('skein://app/')).status, 200, 'the folder means its index.html');
  });

  test('no path leads out of the renderer folder: .. in any encoding, backslashes, NUL, symlinks', async () => {
    for (const url of [
      'skein://app/..%2fsecret.txt',
      'skein://app/assets/..%2f..%2fsecret.txt',
      'skein://app/%2e%2e%2fsecret.txt',
      'skein://app/assets%2f..%2f..%2fsecret.txt',
      'skein://app/..%5csecret.txt',
      'skein://app/index.html%00.js',
      'skein://app/assets/link.txt',
      'skein://app/%E0%A4%A',
    ]) {
      const response = await get(url);
      assert.ok(response.status >= 400, `${url} answered ${response.status}`);
      assert.doesNotMatch(await response.text(), /not for the page/, url);
      assert.equal(response.headers.get('content-security-policy'), APP_CONTENT_SECURITY_POLICY, `${url}: refusals carry the CSP too`);
    }
    // The URL parser itself removes a plain ../ before the handler sees it: it stays inside.
    assert.equal((await get('skein://app/assets/../index.html')).status, 200);
  });

  test('another host, another scheme, a missing file or a write is refused', async () => {
    assert.equal((await get('skein://evil/index.html')).status, 404);
    assert.equal((await get('skein://app/missing.js')).status, 404);
    assert.equal((await get('skein://app/assets')).status, 404, 'a folder without index.html');
    assert.equal((await get('skein://app/index.html', 'POST')).status, 405);
    const head = await get(APP_PAGE_URL, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  test('a renderer that was never built says what to run', async () => {
    const response = await appProtocolHandler(join(dir, 'not-built'))(new Request(APP_PAGE_URL));
    assert.equal(response.status, 503);
    assert.match(await response.text(), /npm run build/);
  });
});

test('the scheme is standard and secure, and never bypasses the CSP', () => {
  assert.equal(APP_SCHEME_PRIVILEGES.scheme, 'skein');
  assert.equal(APP_SCHEME_PRIVILEGES.privileges?.standard, true);
  assert.equal(APP_SCHEME_PRIVILEGES.privileges?.secure, true);
  assert.notEqual(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP, true);
  assert.notEqual(APP_SCHEME_PRIVILEGES.privileges?.allowServiceWorkers, true);
});

test("isAppUrl knows Skein's page by scheme and host alone", () => {
  assert.ok(isAppUrl('skein://app/index.html'));
  assert.ok(isAppUrl('skein://app'));
  for (const url of ['skein://app.evil/index.html', 'skein://x@app/', 'skein://app:1/', 'file:///index.html', 'https://app/', 'not a url', '']) assert.ok(!isAppUrl(url), url);
});

test('the CSP allows only the page itself: no inline script or style, no eval, no base or frames', () => {
  const directives = new Map(APP_CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
  assert.deepEqual(directives.get('script-src'), ["'self'"]);
  assert.deepEqual(directives.get('base-uri'), ["'none'"]);
  assert.deepEqual(directives.get('object-src'), ["'none'"]);
  assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
  assert.doesNotMatch(APP_CONTENT_SECURITY_POLICY, /unsafe-(eval|inline)|\*/);
});
