// Web mode's door in a real browser: the printed token becomes a cookie; a wrong token, a foreign page and a rebound host name get nothing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, expect, test, type Page } from '@playwright/test';
import { WEB_SOCKET_PATH } from '../../app/webProtocol.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

/** Whether a WebSocket from this page to the Skein server at `port` opens, or why not. */
function trySocket(page: Page, port: number): Promise<string> {
  return page.evaluate(
    ({ url }) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(url);
        socket.onopen = () => {
          socket.close();
          resolve('open');
        };
        socket.onclose = (event) => resolve(`closed ${event.code}`);
      }),
    { url: `ws://127.0.0.1:${port}${WEB_SOCKET_PATH}` },
  );
}

test('the printed address trades its token for an HttpOnly, SameSite=Strict cookie and leaves the address bar without it', async ({ page, context }) => {
  await rig().open(page);
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  expect(new URL(page.url()).origin).toBe(rig().web.origin);
  const cookies = await context.cookies(rig().web.origin);
  expect(cookies).toHaveLength(1);
  expect(cookies[0]).toMatchObject({ value: rig().web.token, httpOnly: true, sameSite: 'Strict' });
  // The page's own socket: the baseline the refusals below are measured against.
  expect(await trySocket(page, rig().web.port)).toBe('open');
});

test('a wrong or missing token gets 401, no cookie and no WebSocket', async ({ browser }) => {
  // The refusal page's CSP would block the socket on its own; bypassing it leaves only the server to say no.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const wrong = await page.goto(`${rig().web.origin}/?token=${'x'.repeat(43)}`);
  expect(wrong?.status()).toBe(401);
  expect(await page.locator('body').innerText()).toContain('needs the address with ?token=');
  const none = await page.goto(`${rig().web.origin}/`);
  expect(none?.status()).toBe(401);
  expect(await context.cookies()).toEqual([]);
  expect(await trySocket(page, rig().web.port)).toMatch(/^closed /);
  await context.close();
});

test('a page from another origin cannot open the WebSocket, though the browser sends it the cookie', async ({ page }) => {
  // Another port on 127.0.0.1 is the same site, so the SameSite=Strict cookie goes along: only the Origin check stops it.
  const foreign: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>not Skein</title><p>another local app</p>');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  try {
    await rig().open(page);
    expect(await trySocket(page, rig().web.port)).toBe('open');
    await page.goto(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`);
    expect(await trySocket(page, rig().web.port)).toMatch(/^closed /);
  } finally {
    await new Promise<void>((resolve) => foreign.close(() => resolve()));
  }
});

test('a host name rebound to 127.0.0.1 is refused even with the right token', async ({ launchOptions }) => {
  // DNS rebinding, made in the browser itself: this name resolves to 127.0.0.1 only here.
  const name = 'rebound.skein.test';
  const browser = await chromium.launch({ ...launchOptions, args: [...(launchOptions.args ?? []), `--host-resolver-rules=MAP ${name} 127.0.0.1`] });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`http://${name}:${rig().web.port}/?token=${rig().web.token}`);
    expect(response?.status()).toBe(421);
    expect(await page.locator('body').innerText()).toContain(`answers only as 127.0.0.1:${rig().web.port}`);
    expect(await context.cookies()).toEqual([]);
  } finally {
    await browser.close();
  }
});
