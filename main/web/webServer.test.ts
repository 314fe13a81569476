// Web mode's door: token to cookie, refusals of foreign hosts, origins and tokens, strict headers, the page's files.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { httpGet, upgradeStatus, WebMode } from '../../test/fixtures/webMode.js';

describe('web mode HTTP and WebSocket door', () => {
  let web: WebMode;
  before(async () => {
    web = await WebMode.start({ staticFiles: { 'index.html': '<!doctype html><title>Skein</title>', 'app.js': 'export {};\n', 'style.css': 'body{}', 'logo.svg': '<svg/>' } });
  });
  after(async () => {
    await web.stop();
  });

  test('the printed address carries at least 128 random bits and is new at each start', async () => {
    const url = new URL(web.server.url);
    assert.equal(url.host, `127.0.0.1:${web.port}`);
    const token = url.searchParams.get('token') ?? '';
    assert.ok(Buffer.from(token, 'base64url').byteLength >= 16, `token ${token} is too short`);
    const other = await WebMode.start();
    try {
      assert.notEqual(new URL(other.server.url).searchParams.get('token'), token);
    } finally {
      await other.stop();
    }
  });

  test('the right token gets an HttpOnly SameSite=Strict cookie and a redirect to the same page without it', async () => {
    const res = await httpGet(web.port, `/?tab=2&token=${web.token.value}`);
    assert.equal(res.status, 302);
    assert.equal(res.headers.location, '/?tab=2');
    const cookie = (res.headers['set-cookie'] as string[])[0] ?? '';
    assert.match(cookie, new RegExp(`^skein-token-${web.port}=${web.token.value};`));
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Strict/);
    assert.match(cookie, /; Path=\//);
    // The cookie alone opens the page from then on.
    const page = await httpGet(web.port, '/?tab=2', { Cookie: cookie.split(';')[0] as string });
    assert.equal(page.status, 200);
    assert.match(page.body, /<title>Skein<\/title>/);
    // A path that would turn into "//host" after the redirect stays on this server.
    const odd = await httpGet(web.port, `/.//evil.example/?token=${web.token.value}`);
    assert.equal(odd.status, 302);
    const location = String(odd.headers.location);
    assert.ok(!location.startsWith('//'), `redirected to ${location}`);
  });

  test('a wrong or missing token gets 401 and no cookie, for the page and for the WebSocket', async () => {
    const wrong = await httpGet(web.port, `/?token=${web.token.value.slice(0, -1)}x`);
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers['set-cookie'], undefined);
    assert.match(wrong.body, /\?token=/);
    assert.equal((await httpGet(web.port, '/')).status, 401);
    assert.equal((await httpGet(web.port, '/', { Cookie: `skein-token-${web.port}=${'A'.repeat(43)}` })).status, 401);
    // Another port's cookie is another server's.
    assert.equal((await httpGet(web.port, '/', { Cookie: `skein-token-${web.port + 1}=${web.token.value}` })).status, 401);
    assert.equal((await upgradeStatus(web.port, { Origin: web.origin })).status, 401);
    assert.equal((await upgradeStatus(web.port, { Origin: web.origin, Cookie: `skein-token-${web.port}=nope` })).status, 401);
    assert.equal((await upgradeStatus(web.port, { Origin: web.origin, Cookie: web.cookie() })).status, 101);
  });

  test('the WebSocket upgrade needs exactly the server\'s own Origin', async () => {
    const withCookie = { Cookie: web.cookie() };
    for (const origin of ['http://evil.example', `http://127.0.0.1:${web.port + 1}`, `https://127.0.0.1:${web.port}`, 'null']) {
      const res = await upgradeStatus(web.port, { ...withCookie, Origin: origin });
      assert.equal(res.status, 403, `Origin ${origin}`);
      assert.match(res.body, /only Skein's own page/);
    }
    assert.equal((await upgradeStatus(web.port, withCookie)).status, 403, 'no Origin at all');
    assert.equal((await upgradeStatus(web.port, { ...withCookie, Origin: web.origin })).status, 101);
    assert.equal((await upgradeStatus(web.port, { ...withCookie, Host: `localhost:${web.port}`, Origin: `http://localhost:${web.port}` })).status, 101);
  });

  test('a request naming another Host is refused (DNS rebinding), page and WebSocket alike', async () => {
    for (const host of [`evil.example:${web.port}`, 'evil.example', `127.0.0.1:${web.port + 1}`, `127.0.0.1`]) {
      const page = await httpGet(web.port, `/?token=${web.token.value}`, { Host: host });
      assert.equal(page.status, 421, `Host ${host}`);
      assert.equal(page.headers['set-cookie'], undefined);
      const ws = await upgradeStatus(web.port, { Host: host, Cookie: web.cookie(), Origin: `http://${host}` });
      assert.equal(ws.status, 421, `upgrade with Host ${host}`);
    }
    assert.equal((await httpGet(web.port, '/', { Host: `localhost:${web.port}`, Cookie: web.cookie() })).status, 200);
  });

  test('every response carries a CSP without unsafe-inline or unsafe-eval, nosniff, no-store and no referrer', async () => {
    const responses = [
      await httpGet(web.port, '/', { Cookie: web.cookie() }),
      await httpGet(web.port, '/app.js', { Cookie: web.cookie() }),
      await httpGet(web.port, '/'),
      await httpGet(web.port, `/?token=${web.token.value}`),
      await httpGet(web.port, '/missing.js', { Cookie: web.cookie() }),
    ];
    for (const res of responses) {
      const csp = String(res.headers['content-security-policy']);
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        `connect-src 'self' ws://127.0.0.1:${web.port} ws://localhost:${web.port}`,
        "img-src 'self' data:",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'none'",
      ]) {
        assert.ok(csp.split('; ').includes(directive), `${res.status}: CSP ${csp} lacks ${directive}`);
      }
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
    }
  });

  test('files come with their content types, and only from the built page\'s folder', async () => {
    const get = (path: string) => httpGet(web.port, path, { Cookie: web.cookie() });
    assert.equal((await get('/')).headers['content-type'], 'text/html; charset=utf-8');
    assert.equal((await get('/index.html')).headers['content-type'], 'text/html; charset=utf-8');
    assert.equal((await get('/app.js')).headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal((await get('/style.css')).headers['content-type'], 'text/css; charset=utf-8');
    assert.equal((await get('/logo.svg')).headers['content-type'], 'image/svg+xml');
    // The data folder (hosts.json, vault.json) is the static folder's parent.
    writeFileSync(join(web.dir, 'secret.txt'), 'do not serve');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/..%2fhosts.json', '/%2E%2E%5Csecret.txt', '/%00', '/%zz']) {
      const res = await get(path);
      assert.ok([400, 404].includes(res.status), `${path} answered ${res.status}`);
      assert.doesNotMatch(res.body, /do not serve/);
    }
    symlinkSync(join(web.dir, 'secret.txt'), join(web.staticRoot, 'linked.txt'));
    mkdirSync(join(web.staticRoot, 'assets'));
    symlinkSync(web.dir, join(web.staticRoot, 'assets', 'up'));
    assert.equal((await get('/linked.txt')).status, 404);
    assert.equal((await get('/assets/up/secret.txt')).status, 404);
    assert.equal((await get('/assets')).status, 404);
    const post = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: web.port, path: '/', method: 'POST', headers: { Cookie: web.cookie() } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(post, 405);
  });

  test('without a built renderer the page says how to build it and the API still works', async () => {
    rmSync(web.staticRoot, { recursive: true, force: true });
    try {
      const res = await httpGet(web.port, '/', { Cookie: web.cookie() });
      assert.equal(res.status, 503);
      assert.match(res.body, /npm run build/);
      assert.equal((await upgradeStatus(web.port, { Cookie: web.cookie(), Origin: web.origin })).status, 101);
    } finally {
      mkdirSync(web.staticRoot);
      writeFileSync(join(web.staticRoot, 'index.html'), '<!doctype html>');
    }
  });
});
