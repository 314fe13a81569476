// The API over web mode's WebSocket against real sshd: validated calls, errors whole, binary tab bytes, flow control, page lifetimes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { TabInfo } from '../../app/api.js';
import type { SavedHostView } from '../../app/hosts.js';
import { encodeTabFrame, type EventMessage, type ReplyMessage } from '../../app/webProtocol.js';
import { OpenSshServer } from '../../test/fixtures/openSshServer.js';
import { sleep, waitFor } from '../../test/fixtures/waitFor.js';
import { sshdHost, WebMode, type TestPage } from '../../test/fixtures/webMode.js';

const errorOf = (reply: ReplyMessage) => {
  assert.ok('error' in reply, `expected an error, got ${JSON.stringify(reply)}`);
  return reply.error;
};
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

async function openTab(page: TestPage, host: SavedHostView): Promise<TabInfo> {
  return page.result<TabInfo>('openTab', [host.id, { cols: 120, rows: 40 }]);
}

describe('SkeinApi over the web socket', () => {
  let sshd: OpenSshServer;
  let web: WebMode;
  let page: TestPage;
  let host: SavedHostView;
  before(async () => {
    sshd = await OpenSshServer.start();
    web = await WebMode.start({ flow: { batchMs: 5, batchBytes: 64 * 1024, highWater: 256 * 1024, lowWater: 64 * 1024 }, sessionGraceMs: 400 });
    page = await web.page();
    await page.welcome();
    host = await page.result<SavedHostView>('createHost', [sshdHost(sshd)]);
  });
  after(async () => {
    await page.close();
    await web.stop();
    await sshd.stop();
  });

  test('every call is checked: unknown methods, malformed arguments and malformed messages get INVALID_INPUT with the field', async () => {
    assert.deepEqual(errorOf(await page.call('rmRf', [])), { code: 'INVALID_INPUT', message: '"rmRf" is not a Skein API call', field: 'method' });
    assert.equal(errorOf(await page.call('close', [])).field, 'method', 'a service method outside SkeinApi is not callable');
    const size = errorOf(await page.call('openTab', [host.id, { cols: 'wide', rows: 24 }]));
    assert.equal(size.code, 'INVALID_INPUT');
    assert.equal(size.field, 'size.cols');
    assert.equal(errorOf(await page.call('searchHosts', [42])).field, 'query');
    assert.equal(errorOf(await page.send({ id: 77, method: 'listHosts', args: 'all' }, 77)).field, 'args');
    assert.equal(errorOf(await page.send({ id: -1, method: 'listHosts', args: [] }, -1)).field, 'id');
    // Terminal bytes never travel as JSON: an array or base64 for writeTab is refused.
    assert.equal(errorOf(await page.call('writeTab', ['t1', [104, 105]])).field, 'data');
    assert.equal(errorOf(await page.call('writeTab', ['t1', 'aGkK'])).field, 'data');
    // A binary frame of an unknown kind is answered with the error (no call id to carry).
    const before = page.messages.length;
    page.socket.send(Buffer.from([9, 2, 0x74, 0x31, 0x41]));
    await waitFor('the frame error', () => page.messages.length > before);
    const reply = page.messages.at(-1) as ReplyMessage;
    assert.equal(reply.id, null);
    assert.equal(errorOf(reply).field, 'frame');
    assert.deepEqual(await page.result('listHosts', []), [host]);
  });

  test("the core's errors arrive whole: code, message, hint", async () => {
    const locked = errorOf(await page.call('createHost', [{ ...sshdHost(sshd), label: 'with a password', auth: { method: 'password' } }, { password: 'pw' }]));
    assert.equal(locked.code, 'VAULT_LOCKED');
    assert.match(locked.message, /vault\.json/);
    assert.match(locked.hint ?? '', /Create the vault/);
    const status = await page.result<{ state: string }>('vaultStatus', []);
    assert.equal(status.state, 'absent');
    const short = errorOf(await page.call('createVault', ['short']));
    assert.deepEqual([short.code, short.field], ['INVALID_INPUT', 'passphrase']);
    // Errors nobody classified yet come as INTERNAL with their message.
    const missing = errorOf(await page.call('connectHost', ['no-such-host']));
    assert.equal(typeof missing.message, 'string');
    assert.match(missing.message, /no-such-host/);
  });

  test('a tab types and answers in binary frames: input in, output out, never JSON', async () => {
    const tab = await openTab(page, host);
    page.input(tab.tabId, 'echo hi-$((6*7))\n');
    await waitFor('hi-42 in the tab', () => page.output(tab.tabId).includes('hi-42'));
    assert.ok(page.binaryFrames > 0);
    assert.ok(!page.messages.some((m) => JSON.stringify(m).includes('hi-42')), 'tab output came as JSON');
    page.ack(tab.tabId, page.output(tab.tabId).byteLength);
    await page.result('closeTab', [tab.tabId]);
    await waitFor('the tab closed', () => page.events('onTabClosed').some((e) => e.args[0] === tab.tabId));
  });

  test('flow control: without acks the output stops near the high watermark; with acks all of it arrives byte-exact', async () => {
    const tab = await openTab(page, host);
    const lines = 300_000;
    page.input(tab.tabId, `stty -echo; echo START-$((2+2)); seq 1 ${lines}; echo END-$((1+1))-SEQ\n`);
    const received = () => page.output(tab.tabId).byteLength;
    await sleep(1500);
    const plateau = received();
    await sleep(500);
    assert.equal(received(), plateau, 'without acks the output stops');
    // seq prints ~2 MB; the pause holds at the 256 KiB mark plus what the SSH window had in flight.
    assert.ok(plateau >= 256 * 1024 && plateau < 1_500_000, `received ${plateau} bytes without acks`);
    let acked = 0;
    const acker = setInterval(() => {
      const now = received();
      if (now > acked) page.ack(tab.tabId, now - acked);
      acked = now;
    }, 5);
    try {
      await waitFor('the rest of the output', () => page.output(tab.tabId).includes('END-2-SEQ'), 30_000);
    } finally {
      clearInterval(acker);
    }
    const text = page.output(tab.tabId).toString('latin1');
    const body = text.slice(text.indexOf('START-4\r\n') + 'START-4\r\n'.length, text.indexOf('END-2-SEQ'));
    const expected = `${Array.from({ length: lines }, (_, i) => i + 1).join('\r\n')}\r\n`;
    assert.equal(body.length, expected.length);
    assert.equal(sha256(body), sha256(expected), 'no byte dropped or reordered');
    page.socket.send(encodeTabFrame({ kind: 'ack', tabId: tab.tabId, bytes: received() - acked }));
    page.input(tab.tabId, 'exit\n');
    await waitFor('the tab closed', () => page.events('onTabClosed').some((e) => e.args[0] === tab.tabId));
  });

  test("a page sees only its own tabs' bytes and cannot type into another page's tab", async () => {
    const other = await web.page();
    try {
      await other.welcome();
      const mine = await openTab(page, host);
      other.input(mine.tabId, 'echo intruder-$((1+1))\n');
      page.input(mine.tabId, 'echo owner-$((1+1))\n');
      await waitFor('owner-2', () => page.output(mine.tabId).includes('owner-2'));
      await sleep(200);
      assert.doesNotMatch(page.output(mine.tabId).toString(), /intruder-2/);
      assert.equal(other.frames.length, 0);
      await other.result('closeTab', [mine.tabId]);
      page.input(mine.tabId, 'echo still-open-$((1+1))\n');
      await waitFor('still-open-2', () => page.output(mine.tabId).includes('still-open-2'));
      await page.result('closeTab', [mine.tabId]);
    } finally {
      await other.close();
    }
  });

  test('a page that goes away keeps its tabs for the grace only; coming back in time resumes them with nothing lost', async () => {
    const away = await web.page();
    const { session } = await away.welcome();
    const tab = await openTab(away, host);
    away.input(tab.tabId, 'echo before-$((1+1))\n');
    await waitFor('before-2', () => away.output(tab.tabId).includes('before-2'));
    const seen = away.output(tab.tabId).byteLength;
    away.ack(tab.tabId, seen);
    await sleep(50);
    // Output produced while no socket is there is kept for the page.
    await away.close();
    web.service.writeTab(tab.tabId, new TextEncoder().encode('echo while-away-$((1+1))\n'));
    await sleep(150);
    const back = await web.page(session);
    const welcome = await back.welcome();
    assert.equal(welcome.resumed, true);
    assert.deepEqual(welcome.tabs, [{ tabId: tab.tabId, acked: seen }]);
    await waitFor('the output made while away', () => back.output(tab.tabId).includes('while-away-2'));
    assert.doesNotMatch(back.output(tab.tabId).toString(), /before-2/, 'acknowledged output is not sent twice');
    // Gone for longer than the grace: the shell is closed.
    const closed: string[] = [];
    const off = web.service.onTabClosed((id) => closed.push(id));
    try {
      await back.close();
      await sleep(200);
      assert.equal(closed.length, 0, 'closed before the grace ran out');
      await waitFor('the tab closed after the grace', () => closed.includes(tab.tabId), 3000);
      const again = await web.page(session);
      assert.equal((await again.welcome()).resumed, false, 'an ended session is not resumed');
      await again.close();
    } finally {
      off();
    }
  });

  test('a second socket of the same page takes the session over, with or without tabs, and the first is closed', async () => {
    const first = await web.page();
    const { session } = await first.welcome();
    const second = await web.page(session);
    assert.equal((await second.welcome()).resumed, true);
    await waitFor('the replaced socket closed', () => first.closed);
    assert.equal(first.socket.readyState, first.socket.CLOSED);
    const tab = await openTab(second, host);
    second.input(tab.tabId, 'echo taken-over-$((1+1))\n');
    await waitFor('taken-over-2', () => second.output(tab.tabId).includes('taken-over-2'));
    const third = await web.page(session);
    assert.deepEqual((await third.welcome()).tabs.map((t) => t.tabId), [tab.tabId]);
    third.input(tab.tabId, 'echo third-$((1+1))\n');
    await waitFor('third-2', () => third.output(tab.tabId).includes('third-2'));
    await third.result('closeTab', [tab.tabId]);
    await third.close();
    await second.close();
  });

  test('a message over the size limit closes that socket only; the server keeps serving', async () => {
    const greedy = await web.page();
    await greedy.welcome();
    const closedWith = new Promise<number>((resolve) => greedy.socket.once('close', (code: number) => resolve(code)));
    greedy.socket.send(Buffer.alloc(5 * 1024 * 1024));
    assert.equal(await closedWith, 1009);
    const next = await web.page();
    await next.welcome();
    assert.deepEqual(await next.result('listHosts', []), [host]);
    await next.close();
  });

  test('a setting changed on one page reaches every connected page, and a bad one is refused with its field', async () => {
    const other = await web.page();
    try {
      await other.welcome();
      const changed = await page.result<{ theme: string }>('updateSettings', [{ theme: 'dark' }]);
      assert.equal(changed.theme, 'dark');
      for (const p of [page, other]) {
        await waitFor('onSettingsChanged on each page', () => p.events('onSettingsChanged').some((e) => (e.args[0] as { theme: string }).theme === 'dark'));
      }
      assert.equal(errorOf(await page.call('updateSettings', [{ fontSize: 1000 }])).field, 'patch.fontSize');
      assert.equal((await other.result<{ theme: string }>('getSettings', [])).theme, 'dark');
    } finally {
      await other.close();
    }
  });

  test('prompts go to connected pages; with none connected the core refuses at once instead of waiting', async () => {
    const strict = await WebMode.start({ hostKeyPolicy: 'ask', promptTimeoutMs: 20_000 });
    try {
      const asker = await strict.page();
      await asker.welcome();
      const h = await asker.result<SavedHostView>('createHost', [sshdHost(sshd)]);
      const opening = asker.result<TabInfo>('openTab', [h.id, { cols: 80, rows: 24 }]);
      await waitFor('the host-key prompt on the page', () => asker.events('onHostKeyPrompt').length === 1);
      const prompt = (asker.events('onHostKeyPrompt')[0] as EventMessage).args[0] as { promptId: string; port: number };
      assert.equal(prompt.port, sshd.port);
      await asker.result('answerHostKeyPrompt', [prompt.promptId, false]);
      const refused = await opening.then(
        () => assert.fail('a rejected key must not open a tab'),
        (err: Error) => err,
      );
      assert.match(refused.message, /openTab failed/);
      await asker.close();
      await sleep(100); // the server handles the close frame a moment after the client sees its answer
      const t0 = Date.now();
      await assert.rejects(strict.service.exec(h.id, 'true'), /no window is open/);
      assert.ok(Date.now() - t0 < 5000, 'with no page open the prompt is refused at once, not after its 20 s timeout');
    } finally {
      await strict.stop();
    }
  });
});
