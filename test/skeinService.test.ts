// The core as the UI meets it: host-key prompts, refusals, login prompts, tabs that survive drops, flow control.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer as createHttpServer, get as httpGet } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Conf from 'conf';
import type { AuthPromptEvent, HostKeyPromptEvent, QuickConnectResult, TabCloseReason } from '../app/api.js';
import type { ConnectionHealth, PoolSnapshot } from '../app/health.js';
import type { SavedHostDraft } from '../app/hosts.js';
import { DEFAULT_SETTINGS, type Settings } from '../app/settings.js';
import { SkeinError } from '../app/skeinError.js';
import type { HostKeyPolicy } from '../app/trust.js';
import { PassphraseVault } from '../main/hosts/passphraseVault.js';
import { hostKeyFingerprint } from '../main/pool/hostKeyFingerprint.js';
import { createSkeinService } from '../main/service/createSkeinService.js';
import { SETTINGS_DOCUMENT_OPTIONS } from '../main/service/settingsStore.js';
import type { SkeinService } from '../main/service/skeinService.js';
import { FaultProxy } from './fixtures/faultProxy.js';
import { FaultSshServer } from './fixtures/faultSshServer.js';
import { freePort, generateKey, OpenSshServer } from './fixtures/openSshServer.js';
import { SshScratchDir } from './fixtures/sshScratchDir.js';
import { startSshAgent } from './fixtures/startSshAgent.js';
import { ThrowawayAccount } from './fixtures/throwawayAccount.js';
import { sleep, waitFor } from './fixtures/waitFor.js';

interface Core {
  service: SkeinService;
  dir: string;
  knownHosts: string;
  logs: string[];
}

interface CoreOptions {
  knownHosts?: string;
  policy?: HostKeyPolicy;
  promptTimeoutMs?: number;
  flow?: { batchMs: number; batchBytes: number; highWater: number; lowWater: number };
  reconnectFast?: boolean;
  reconnect?: { attempts: number; baseDelayMs: number; maxDelayMs: number; jitter: number };
  /** SSH_AUTH_SOCK as the service is configured; unset by default. */
  agentSocket?: string;
  /** Data and home folder of an earlier core, to see what it stored. */
  dir?: string;
}

async function makeCore(opts: CoreOptions = {}): Promise<Core> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'skein-core-'));
  const knownHosts = join(dir, 'known_hosts');
  if (opts.knownHosts !== undefined) writeFileSync(knownHosts, opts.knownHosts);
  const logs: string[] = [];
  const logger = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m) };
  const service = await createSkeinService({
    homeDir: dir,
    hostDocument: new Conf<Record<string, unknown>>({ cwd: dir, configName: 'hosts', accessPropertiesByDotNotation: false }),
    settingsDocument: new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', ...SETTINGS_DOCUMENT_OPTIONS }),
    agentSocket: opts.agentSocket,
    secrets: new PassphraseVault({ path: join(dir, 'vault.json'), passphrase: 'vault pass', kdf: { N: 1024, r: 8, p: 1 }, logger }),
    knownHostsPath: knownHosts,
    globalKnownHostsPaths: [],
    hostKeyPolicy: opts.policy ?? 'ask',
    logger,
    poolOptions: {
      promptTimeoutMs: opts.promptTimeoutMs ?? 5000,
      ...(opts.reconnectFast ? { reconnect: { attempts: 20, baseDelayMs: 50, maxDelayMs: 200, jitter: 0 } } : {}),
      ...(opts.reconnect ? { reconnect: opts.reconnect } : {}),
    },
    ...(opts.flow ? { flow: opts.flow } : {}),
    snapshotEveryMs: 20,
  });
  return { service, dir, knownHosts, logs };
}

async function dispose(core: Core): Promise<void> {
  await core.service.close(100);
  rmSync(core.dir, { recursive: true, force: true });
}

function keyHost(server: OpenSshServer, extra: Partial<SavedHostDraft> = {}): SavedHostDraft {
  return {
    label: `sshd ${server.port}`,
    host: server.host,
    port: server.port,
    username: server.username,
    auth: { method: 'key', keyPath: server.clientKey.privateKeyPath },
    ...extra,
  };
}

function faultHost(server: FaultSshServer, extra: Partial<SavedHostDraft> = {}): SavedHostDraft {
  return { label: `fault ${server.port}`, host: server.host, port: server.port, username: 'u', auth: { method: 'password' }, ...extra };
}

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const logins = (server: OpenSshServer): number => server.log().split('\n').filter((l) => /Accepted (publickey|password)/.test(l)).length;

/** Collects a tab's output as text. */
function output(service: SkeinService, tabId: string): { text: () => string } {
  let text = '';
  service.onTabData((id, data) => {
    if (id === tabId) text += Buffer.from(data).toString('utf8');
  });
  return { text: () => text };
}

async function typeAndSee(service: SkeinService, tabId: string, seen: { text: () => string }, tag: string): Promise<void> {
  service.writeTab(tabId, new TextEncoder().encode(`echo ${tag}-$((6*7))\n`));
  await waitFor(`${tag}-42 in the tab`, () => seen.text().includes(`${tag}-42`));
}

describe('host-key trust through the service', () => {
  let server: OpenSshServer;
  before(async () => {
    server = await OpenSshServer.start();
  });
  after(async () => {
    await server.stop();
  });

  test('unknown host: the connection pauses before authentication, the UI is asked, accepting saves the key', async () => {
    const core = await makeCore();
    try {
      const prompts: HostKeyPromptEvent[] = [];
      core.service.onHostKeyPrompt((p) => prompts.push(p));
      const host = await core.service.createHost(keyHost(server));
      const loginsBefore = logins(server);
      const opening = core.service.openTab(host.id, { cols: 80, rows: 24 });
      await waitFor('the host-key prompt', () => prompts.length === 1);
      const p = prompts[0] as HostKeyPromptEvent;
      assert.equal(p.host, '127.0.0.1');
      assert.equal(p.port, server.port);
      assert.equal(p.keyType, 'ssh-ed25519');
      assert.deepEqual(p.knownKeys, [], 'first contact: no key of any type is known');
      const blob = readFileSync(server.hostKey.publicKeyPath, 'utf8').split(' ')[1] as string;
      assert.equal(p.fingerprint, hostKeyFingerprint(Buffer.from(blob, 'base64')));
      // The person takes their time; nothing is authenticated meanwhile, and the handshake timeout does not fire.
      await sleep(300);
      assert.equal(logins(server), loginsBefore);
      core.service.answerHostKeyPrompt(p.promptId, true);
      const tab = await opening;
      assert.ok(tab.tabId);
      assert.equal(logins(server), loginsBefore + 1);
      assert.match(readFileSync(core.knownHosts, 'utf8'), /^\|1\|[^ ]+ ssh-ed25519 /m);
      // Known now: a second connection asks nothing.
      await core.service.exec(host.id, 'true');
      const again = await makeCore({ knownHosts: readFileSync(core.knownHosts, 'utf8') });
      try {
        const h2 = await again.service.createHost(keyHost(server));
        again.service.onHostKeyPrompt(() => assert.fail('a known host must not prompt'));
        assert.equal((await again.service.exec(h2.id, 'echo known')).stdout, 'known\n');
      } finally {
        await dispose(again);
      }
    } finally {
      await dispose(core);
    }
  });

  test('unknown host, rejected: the connection is closed, nothing is saved and no login happens', async () => {
    const core = await makeCore();
    try {
      core.service.onHostKeyPrompt((p) => core.service.answerHostKeyPrompt(p.promptId, false));
      const host = await core.service.createHost(keyHost(server));
      const loginsBefore = logins(server);
      await assert.rejects(core.service.openTab(host.id, { cols: 80, rows: 24 }), /127\.0\.0\.1:\d+/);
      assert.equal(existsSync(core.knownHosts) ? readFileSync(core.knownHosts, 'utf8') : '', '');
      assert.equal(logins(server), loginsBefore);
    } finally {
      await dispose(core);
    }
  });

  test('a host-key prompt nobody answers expires: the connection fails saying so and the UI is told to close the dialog', async () => {
    const core = await makeCore({ promptTimeoutMs: 1000 });
    try {
      const prompts: HostKeyPromptEvent[] = [];
      const expired: Array<[string, string]> = [];
      core.service.onHostKeyPrompt((p) => prompts.push(p));
      core.service.onPromptExpired((id, message) => expired.push([id, message]));
      const host = await core.service.createHost(keyHost(server));
      await assert.rejects(core.service.exec(host.id, 'true'), new RegExp(`the host key prompt for ${server.username}@127\\.0\\.0\\.1:\\d+ was not answered within 1 s`));
      assert.equal(prompts.length, 1);
      assert.deepEqual(
        expired.map(([id]) => id),
        [prompts[0]?.promptId],
      );
      assert.match(expired[0]?.[1] ?? '', /was not answered within 1 s/);
      // A late answer is ignored and saves nothing.
      core.service.answerHostKeyPrompt(prompts[0]?.promptId ?? '', true);
      await sleep(50);
      assert.equal(existsSync(core.knownHosts) ? readFileSync(core.knownHosts, 'utf8') : '', '');
    } finally {
      await dispose(core);
    }
  });

  test('accept-new saves silently; strict refuses an unknown key naming host, type and fingerprint', async () => {
    const lenient = await makeCore({ policy: 'accept-new' });
    try {
      const host = await lenient.service.createHost(keyHost(server));
      assert.equal((await lenient.service.exec(host.id, 'echo in')).stdout, 'in\n');
      assert.match(readFileSync(lenient.knownHosts, 'utf8'), /ssh-ed25519/);
    } finally {
      await dispose(lenient);
    }
    const strict = await makeCore({ policy: 'ask' });
    try {
      const host = await strict.service.createHost(keyHost(server, { hostKeyPolicy: 'strict' }));
      await assert.rejects(strict.service.exec(host.id, 'true'), (err: Error) => {
        assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${server.port}`));
        assert.match(err.message, /ssh-ed25519/);
        assert.match(err.message, /SHA256:[A-Za-z0-9+/]{43}/);
        assert.match(err.message, /strict/);
        return true;
      });
    } finally {
      await dispose(strict);
    }
  });

  test('a server showing a new key type for a host known by another: the prompt lists the known type and fingerprint', async () => {
    const scratch = new SshScratchDir('skein-core-keys-');
    // known_hosts vouches for an ecdsa key; this server holds only its ed25519 one.
    const ecdsa = scratch.newKey('ecdsa');
    const core = await makeCore({ knownHosts: `[${server.host}]:${server.port} ${ecdsa.text}\n` });
    try {
      const prompts: HostKeyPromptEvent[] = [];
      core.service.onHostKeyPrompt((p) => {
        prompts.push(p);
        core.service.answerHostKeyPrompt(p.promptId, false);
      });
      const host = await core.service.createHost(keyHost(server));
      await assert.rejects(core.service.exec(host.id, 'true'), /did not trust the ssh-ed25519 host key/);
      assert.equal(prompts.length, 1);
      assert.equal(prompts[0]?.keyType, 'ssh-ed25519');
      assert.deepEqual(prompts[0]?.knownKeys, [
        { keyType: 'ecdsa-sha2-nistp256', fingerprint: ecdsa.fingerprint, location: { path: core.knownHosts, line: 1 } },
      ]);
    } finally {
      await dispose(core);
      scratch.remove();
    }
  });
});

describe('a server holding ed25519 and ecdsa host keys, known by its ecdsa key only', () => {
  let server: OpenSshServer;
  let knownHosts: string;
  before(async () => {
    server = await OpenSshServer.start({ extraHostKeys: ['ecdsa'] });
    knownHosts = `${server.knownHostsLine(server.extraHostKeys[0])}\n`;
  });
  after(async () => {
    await server.stop();
  });

  test('strict connects: the known key type is offered first, as OpenSSH does, and known_hosts is left alone', async () => {
    const core = await makeCore({ knownHosts, policy: 'strict' });
    try {
      const host = await core.service.createHost(keyHost(server));
      assert.equal((await core.service.exec(host.id, 'echo known')).stdout, 'known\n');
      assert.equal(readFileSync(core.knownHosts, 'utf8'), knownHosts);
    } finally {
      await dispose(core);
    }
  });

  test('ask shows no first-contact prompt, for a shell tab too', async () => {
    const core = await makeCore({ knownHosts, policy: 'ask' });
    try {
      const prompts: HostKeyPromptEvent[] = [];
      core.service.onHostKeyPrompt((p) => {
        prompts.push(p);
        core.service.answerHostKeyPrompt(p.promptId, false);
      });
      const host = await core.service.createHost(keyHost(server));
      const tab = await core.service.openTab(host.id, { cols: 80, rows: 24 });
      await typeAndSee(core.service, tab.tabId, output(core.service, tab.tabId), 'known');
      assert.deepEqual(prompts, []);
      assert.equal(readFileSync(core.knownHosts, 'utf8'), knownHosts);
    } finally {
      await dispose(core);
    }
  });
});

describe('changed and revoked keys (in-process server records every auth attempt)', () => {
  let server: FaultSshServer;
  let impostor: FaultSshServer;
  before(async () => {
    server = await FaultSshServer.start({ password: 'pw' });
    impostor = await FaultSshServer.start({ password: 'pw' });
  });
  after(async () => {
    await server.stop();
    await impostor.stop();
  });

  test('changed key: refused with host:port, key type, old and new fingerprints; known_hosts byte-identical; no secret sent', async () => {
    // known_hosts holds the impostor's key for this server's address: the server now shows another one.
    const oldLine = impostor.knownHostsLine().replace(`]:${impostor.port} `, `]:${server.port} `);
    const core = await makeCore({ knownHosts: `${oldLine}\n` });
    try {
      const before = sha(core.knownHosts);
      const host = await core.service.createHost(faultHost(server), { password: 'pw' });
      const attempts = server.authAttempts.length;
      let message = '';
      await assert.rejects(core.service.exec(host.id, 'true'), (err: Error) => {
        message = err.message;
        return true;
      });
      assert.ok(message.includes(`127.0.0.1:${server.port}`), message);
      assert.ok(message.includes('ssh-ed25519'), message);
      assert.ok(message.includes(hostKeyFingerprint(impostor.hostPublicKey)), `old fingerprint in: ${message}`);
      assert.ok(message.includes(hostKeyFingerprint(server.hostPublicKey)), `new fingerprint in: ${message}`);
      assert.equal(sha(core.knownHosts), before);
      assert.equal(server.authAttempts.length, attempts, 'no password, key or keyboard-interactive answer may be sent');
      console.log(`changed-key refusal: ${message}`);
    } finally {
      await dispose(core);
    }
  });

  test('revoked key: refused the same way, before any authentication', async () => {
    const line = server.knownHostsLine();
    const core = await makeCore({ knownHosts: `${line}\n@revoked * ${line.split(' ').slice(1).join(' ')}\n` });
    try {
      const before = sha(core.knownHosts);
      const host = await core.service.createHost(faultHost(server), { password: 'pw' });
      const attempts = server.authAttempts.length;
      await assert.rejects(core.service.exec(host.id, 'true'), /revoked/i);
      assert.equal(sha(core.knownHosts), before);
      assert.equal(server.authAttempts.length, attempts);
    } finally {
      await dispose(core);
    }
  });
});

describe('keyboard-interactive through the service', () => {
  test('a 2FA prompt reaches the UI, its answer logs in, and a slow answer is not cut off by the handshake timeout', async () => {
    const server = await FaultSshServer.start({ keyboardInteractive: { prompts: [{ prompt: 'Verification code: ', echo: false }], answers: ['246810'] } });
    const core = await makeCore({ policy: 'accept-new' });
    try {
      const host = await core.service.createHost(faultHost(server, { auth: { method: 'keyboard-interactive' } }));
      const asked: string[] = [];
      core.service.onAuthPrompt((p) => {
        asked.push(`${p.key} ${p.prompts.map((q) => `${q.prompt}|${q.echo}`).join(',')}`);
        setTimeout(() => core.service.answerAuthPrompt(p.promptId, ['246810']), 400);
      });
      assert.equal((await core.service.exec(host.id, 'hello')).stdout, 'hello\n');
      assert.deepEqual(asked, [`u@127.0.0.1:${server.port} Verification code: |false`]);
      assert.deepEqual(server.kbdAnswers, [['246810']]);
    } finally {
      await dispose(core);
      await server.stop();
    }
  });
});

describe('tabs through the service', () => {
  let server: OpenSshServer;
  before(async () => {
    server = await OpenSshServer.start();
  });
  after(async () => {
    await server.stop();
  });

  test('a dropped connection brings the tab back in place: reconnecting, then restored, then it types again', async () => {
    const proxy = await FaultProxy.start(server.port);
    const core = await makeCore({ policy: 'accept-new', reconnectFast: true });
    try {
      const host = await core.service.createHost({ ...keyHost(server), port: proxy.port });
      const tab = await core.service.openTab(host.id, { cols: 80, rows: 24 });
      const seen = output(core.service, tab.tabId);
      await typeAndSee(core.service, tab.tabId, seen, 'before');
      const events: string[] = [];
      core.service.onTabReconnecting((e) => events.push(`reconnecting ${e.tabId}`));
      core.service.onTabRestored((id) => events.push(`restored ${id}`));
      core.service.onTabClosed((id, r) => events.push(`closed ${id} ${r.type}`));
      proxy.reset();
      await waitFor('tab restored', () => events.includes(`restored ${tab.tabId}`), 10_000);
      assert.deepEqual(events, [`reconnecting ${tab.tabId}`, `restored ${tab.tabId}`]);
      await typeAndSee(core.service, tab.tabId, seen, 'after');
      const snap = await core.service.poolSnapshot();
      assert.equal(snap.hosts[0]?.counters.reconnects, 1);
    } finally {
      await dispose(core);
      await proxy.stop();
    }
  });

  test('health snapshots come live while tabs open, coalesced to at most one per period however many pool changes there are', async () => {
    const core = await makeCore({ policy: 'accept-new' });
    try {
      const host = await core.service.createHost(keyHost(server));
      const seen: { at: number; channels: number }[] = [];
      core.service.onPoolSnapshot((snap) => {
        seen.push({ at: performance.now(), channels: snap.hosts[0]?.connections.reduce((n, c) => n + c.channels, 0) ?? 0 });
      });
      // Three tabs at once: handshake stages, channel opens and byte counts change the pool many times within a few ms.
      await Promise.all([1, 2, 3].map(() => core.service.openTab(host.id, { cols: 80, rows: 24 })));
      await waitFor('a snapshot with the three channels', () => seen.at(-1)?.channels === 3, 5000);
      assert.ok(seen.length >= 2, `live updates while the tabs opened, got ${seen.length}`);
      const gaps = seen.slice(1).map((s, i) => s.at - (seen[i]?.at ?? 0));
      // snapshotEveryMs is 20 here; a timer never fires early, a millisecond of clock rounding aside.
      assert.ok(gaps.every((g) => g >= 19), `snapshots closer than the period: ${gaps.map((g) => g.toFixed(1)).join(', ')} ms`);
    } finally {
      await dispose(core);
    }
  });

  test('output is flow-controlled: unacknowledged bytes stop the server, acks let the rest through, nothing is lost', async () => {
    const flow = { batchMs: 5, batchBytes: 64 * 1024, highWater: 256 * 1024, lowWater: 64 * 1024 };
    const core = await makeCore({ policy: 'accept-new', flow });
    try {
      const host = await core.service.createHost(keyHost(server));
      const tab = await core.service.openTab(host.id, { cols: 200, rows: 50 });
      let received = 0;
      let text = '';
      core.service.onTabData((id, d) => {
        if (id !== tab.tabId) return;
        received += d.byteLength;
        text += Buffer.from(d).toString('latin1');
      });
      const lines = 300_000;
      core.service.writeTab(tab.tabId, new TextEncoder().encode(`stty -echo; echo START-$((2+2)); seq 1 ${lines}; echo END-$((1+1))-SEQ\n`));
      await sleep(1500);
      const plateau = received;
      await sleep(500);
      assert.equal(received, plateau, 'without acks the output stops');
      // The pause holds well short of the whole output (~2 MB); the SSH window and buffers bound the overshoot.
      assert.ok(plateau < 1_500_000, `received ${plateau} bytes without acks`);
      const acker = setInterval(() => core.service.ackTab(tab.tabId, received), 5);
      try {
        await waitFor('the rest of the output', () => text.includes('END-2-SEQ'), 20_000);
      } finally {
        clearInterval(acker);
      }
      // Between the two markers only the command prints (its typed line may be echoed): exactly seq's output, byte for byte.
      const body = text.slice(text.indexOf('START-4\r\n') + 'START-4\r\n'.length, text.indexOf('END-2-SEQ'));
      const expected = `${Array.from({ length: lines }, (_, i) => i + 1).join('\r\n')}\r\n`;
      assert.equal(body.length, expected.length);
      assert.ok(body === expected, 'no byte dropped or reordered');
    } finally {
      await dispose(core);
    }
  });

  test('connectHost logs in ahead of need, so the first tab makes no handshake of its own', async () => {
    const core = await makeCore({ policy: 'accept-new' });
    try {
      const host = await core.service.createHost(keyHost(server));
      await core.service.connectHost(host.id);
      const warm = (await core.service.poolSnapshot()).hosts[0];
      assert.equal(warm?.connections[0]?.state, 'ready');
      assert.equal(warm?.connections[0]?.channels, 0);
      await core.service.openTab(host.id, { cols: 80, rows: 24 });
      assert.equal((await core.service.poolSnapshot()).hosts[0]?.counters.handshakes, 1);
    } finally {
      await dispose(core);
    }
  });

  test('a host saved with keep-alives off (ServerAliveInterval 0) connects, and the health data says TCP alone watches its link', async () => {
    const core = await makeCore({ policy: 'accept-new' });
    try {
      const host = await core.service.createHost(keyHost(server, { keepalive: { intervalMs: 0 } }));
      const tab = await core.service.openTab(host.id, { cols: 80, rows: 24 });
      await typeAndSee(core.service, tab.tabId, output(core.service, tab.tabId), 'no-keepalive');
      const c = (await core.service.poolSnapshot()).hosts[0]?.connections[0];
      assert.equal(c?.state, 'ready');
      assert.equal(c?.keepalive, null);
      // The same host with the default keep-alive shows what it runs on.
      await core.service.updateHost(host.id, { keepalive: { intervalMs: 15_000 } });
      await core.service.exec(host.id, 'true');
      assert.deepEqual((await core.service.poolSnapshot()).hosts[0]?.connections[0]?.keepalive, { intervalMs: 15_000, countMax: 3 });
    } finally {
      await dispose(core);
    }
  });

  test('disconnectHost ends its tabs as disconnected, says goodbye to sshd and forgets the host; connectHost brings it back', async () => {
    const core = await makeCore({ policy: 'accept-new' });
    try {
      const host = await core.service.createHost(keyHost(server));
      const tabs = await Promise.all([0, 1].map(() => core.service.openTab(host.id, { cols: 80, rows: 24 })));
      const reasons = new Map<string, TabCloseReason>();
      core.service.onTabClosed((id, reason) => reasons.set(id, reason));
      const goodbyes = (): number => server.log().split('\n').filter((l) => /Received disconnect from 127\.0\.0\.1/.test(l)).length;
      const before = goodbyes();
      await core.service.disconnectHost(host.id);
      await waitFor('both tabs closed', () => reasons.size === 2);
      for (const t of tabs) assert.deepEqual(reasons.get(t.tabId), { type: 'disconnected' });
      assert.deepEqual((await core.service.poolSnapshot()).hosts, []);
      await waitFor('sshd to log the SSH disconnect', () => goodbyes() === before + 1);
      await core.service.connectHost(host.id);
      assert.equal((await core.service.poolSnapshot()).hosts[0]?.connections[0]?.state, 'ready');
      const again = await core.service.openTab(host.id, { cols: 80, rows: 24 });
      await typeAndSee(core.service, again.tabId, output(core.service, again.tabId), 'reconnected');
    } finally {
      await dispose(core);
    }
  });

  test('disconnecting a host while its tab waits for the link to come back ends the tab as disconnected', async () => {
    const proxy = await FaultProxy.start(server.port);
    const core = await makeCore({ policy: 'accept-new', reconnectFast: true });
    try {
      const host = await core.service.createHost({ ...keyHost(server), port: proxy.port });
      const tab = await core.service.openTab(host.id, { cols: 80, rows: 24 });
      const events: string[] = [];
      core.service.onTabReconnecting((e) => events.push(`reconnecting ${e.tabId}`));
      core.service.onTabClosed((id, r) => events.push(`closed ${id} ${r.type}`));
      proxy.refuse(); // the host is unreachable, so the tab waits
      proxy.reset();
      await waitFor('the tab to wait for its link', () => events.length === 1);
      await core.service.disconnectHost(host.id);
      await waitFor('the tab to end', () => events.length === 2);
      assert.deepEqual(events, [`reconnecting ${tab.tabId}`, `closed ${tab.tabId} disconnected`]);
      assert.deepEqual((await core.service.poolSnapshot()).hosts, []);
    } finally {
      await dispose(core);
      await proxy.stop();
    }
  });

  test('deleting a host disconnects it: its tab ends, and the host leaves the snapshot', async () => {
    const core = await makeCore({ policy: 'accept-new' });
    const proxy = await FaultProxy.start(server.port);
    try {
      const host = await core.service.createHost(keyHost(server));
      // Another saved host, reached under another key: it stays.
      const kept = await core.service.createHost(keyHost(server, { label: 'kept', port: proxy.port }));
      const tab = await core.service.openTab(host.id, { cols: 80, rows: 24 });
      await core.service.connectHost(kept.id);
      const closed = new Promise<TabCloseReason>((r) => core.service.onTabClosed((id, reason) => id === tab.tabId && r(reason)));
      await core.service.deleteHost(host.id);
      assert.deepEqual(await closed, { type: 'disconnected' });
      assert.deepEqual((await core.service.poolSnapshot()).hosts.map((h) => h.key), [`${server.username}@127.0.0.1:${proxy.port}`]);
    } finally {
      await dispose(core);
      await proxy.stop();
    }
  });

  test('exit status reaches the tab', async () => {
    const core = await makeCore({ policy: 'accept-new' });
    try {
      const host = await core.service.createHost(keyHost(server));
      const tab = await core.service.openTab(host.id, { cols: 80, rows: 24 });
      const closed = new Promise<TabCloseReason>((r) => core.service.onTabClosed((id, reason) => id === tab.tabId && r(reason)));
      core.service.writeTab(tab.tabId, new TextEncoder().encode('exit 5\n'));
      assert.deepEqual(await closed, { type: 'exit', code: 5 });
    } finally {
      await dispose(core);
    }
  });

  test("a transport's listener that throws is logged, and the tab's output still reaches the other listeners", async () => {
    const core = await makeCore({ policy: 'accept-new' });
    try {
      core.service.onTabData(() => {
        throw new Error('the window was closed');
      });
      const host = await core.service.createHost(keyHost(server));
      const tab = await core.service.openTab(host.id, { cols: 80, rows: 24 });
      const seen = output(core.service, tab.tabId);
      await typeAndSee(core.service, tab.tabId, seen, 'after-throw');
      assert.ok(core.logs.some((l) => l.startsWith('a listener of onTabData threw: Error: the window was closed')), core.logs.join('\n'));
    } finally {
      await dispose(core);
    }
  });
});

describe('a server that ignores flow control, through the service', () => {
  test('a paused tab flooded past the SSH window is closed, and the UI is told why', async () => {
    const server = await FaultSshServer.start({ password: 'pw', flood: { trigger: 'FLOOD', chunkBytes: 33_000, totalBytes: 64 * 1024 * 1024 } });
    // Paused as soon as the prompt is unacknowledged: the flood meets a paused tab.
    const core = await makeCore({ policy: 'accept-new', flow: { batchMs: 5, batchBytes: 64 * 1024, highWater: 8, lowWater: 4 } });
    try {
      const host = await core.service.createHost(faultHost(server), { password: 'pw' });
      const tab = await core.service.openTab(host.id, { cols: 80, rows: 24 });
      const seen = output(core.service, tab.tabId);
      await waitFor('the prompt', () => seen.text().includes('fault-shell$'));
      const closed = new Promise<TabCloseReason>((r) => core.service.onTabClosed((id, reason) => id === tab.tabId && r(reason)));
      core.service.writeTab(tab.tabId, new TextEncoder().encode('FLOOD'));
      const reason = await closed;
      assert.equal(reason.type, 'overrun');
      if (reason.type === 'overrun') assert.match(reason.message, /sent more than 4 MiB to a paused tab, ignoring SSH flow control/);
    } finally {
      await dispose(core);
      await server.stop();
    }
  });
});

describe('saved forwards through the API', () => {
  test('a forward saved on a host starts from the API, carries real bytes, shows in the snapshot and stops', async () => {
    const server = await OpenSshServer.start();
    const payload = randomBytes(2 * 1024 * 1024);
    const http = createHttpServer((_req, res) => res.end(payload));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const remotePort = (http.address() as AddressInfo).port;
    const core = await makeCore({ policy: 'accept-new' });
    const localPort = await freePort();
    try {
      const host = await core.service.createHost(
        keyHost(server, { localForwards: [{ id: 'web', bindPort: localPort, remoteHost: '127.0.0.1', remotePort }] }),
      );
      const { bindAddress, bindPort } = await core.service.startForward(host.id, 'web');
      assert.deepEqual([bindAddress, bindPort], ['127.0.0.1', localPort]);
      const body = await new Promise<Buffer>((resolve, reject) =>
        httpGet({ host: bindAddress, port: bindPort, path: '/', agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        }).on('error', reject),
      );
      assert.equal(createHash('sha256').update(body).digest('hex'), createHash('sha256').update(payload).digest('hex'));
      const fwd = (await core.service.poolSnapshot()).hosts[0]?.forwards[0];
      assert.equal(fwd?.state, 'listening');
      assert.ok((fwd?.bytesIn ?? 0) >= payload.length);
      await assert.rejects(core.service.startForward(host.id, 'nope'), /has no saved forward nope/);
      await core.service.stopForward(host.id, 'web');
      assert.deepEqual((await core.service.poolSnapshot()).hosts[0]?.forwards, []);
      await assert.rejects(
        new Promise((resolve, reject) => httpGet({ host: bindAddress, port: bindPort, path: '/', agent: false }, resolve).on('error', reject)),
        /ECONNREFUSED/,
      );
    } finally {
      await dispose(core);
      await new Promise((r) => http.close(r));
      await server.stop();
    }
  });
});

describe('forwards that start when connected', () => {
  test('a host\'s first ready connection starts its autoStart forwards once; one that cannot listen is reported, the tab is fine', async () => {
    const server = await OpenSshServer.start();
    // Holds a port, so the forward saved on it cannot listen there.
    const squatter = createTcpServer();
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', r));
    const takenPort = (squatter.address() as AddressInfo).port;
    const core = await makeCore({ policy: 'accept-new' });
    const [autoPort, manualPort] = [await freePort(), await freePort()];
    try {
      const host = await core.service.createHost(
        keyHost(server, {
          localForwards: [
            { id: 'ssh', bindPort: autoPort, remoteHost: '127.0.0.1', remotePort: server.port, autoStart: true },
            { id: 'taken', bindPort: takenPort, remoteHost: '127.0.0.1', remotePort: server.port, autoStart: true },
            { id: 'manual', bindPort: manualPort, remoteHost: '127.0.0.1', remotePort: server.port },
          ],
        }),
      );
      const forwards = async () => new Map((await core.service.poolSnapshot()).hosts[0]?.forwards.map((f) => [f.id, f]) ?? []);
      assert.equal((await forwards()).size, 0, 'nothing listens before the host is connected');

      const tab = await core.service.openTab(host.id, { cols: 80, rows: 24 });
      const seen = output(core.service, tab.tabId);
      let now = await forwards();
      for (let i = 0; i < 200 && (now.get('ssh')?.state !== 'listening' || now.get('taken')?.state !== 'failed'); i++) {
        await sleep(25);
        now = await forwards();
      }
      assert.equal(now.get('ssh')?.state, 'listening');
      assert.equal(now.get('taken')?.state, 'failed');
      assert.match(now.get('taken')?.lastError ?? '', new RegExp(`${takenPort}`));
      assert.equal(now.has('manual'), false, 'a forward without autoStart waits for Start');

      // Bytes through the started forward: the sshd's own banner.
      const banner = await new Promise<string>((resolve, reject) => {
        const socket = connect(autoPort, '127.0.0.1');
        socket.once('data', (d: Buffer) => {
          resolve(d.toString('latin1'));
          socket.destroy();
        });
        socket.once('error', reject);
      });
      assert.match(banner, /^SSH-2\.0-OpenSSH/);
      await typeAndSee(core.service, tab.tabId, seen, 'still-fine');

      // Once: stopped by the person, a second tab on the same host does not start it again.
      await core.service.stopForward(host.id, 'ssh');
      await core.service.openTab(host.id, { cols: 80, rows: 24 });
      await sleep(300);
      assert.equal((await forwards()).has('ssh'), false);
    } finally {
      await dispose(core);
      await new Promise((r) => squatter.close(r));
      await server.stop();
    }
  });
});

describe('secrets canary through the API', () => {
  test('a saved password never appears in the host file, the vault, the logs or anything the API returns', { skip: ThrowawayAccount.skip }, async (t) => {
    const account = ThrowawayAccount.create();
    t.after(() => account.remove());
    const server = await OpenSshServer.start({ passwordAuthentication: true });
    const canary = 'canary-7f3a-PLAINTEXT';
    const core = await makeCore({ policy: 'accept-new' });
    try {
      const returned: unknown[] = [];
      core.service.onPoolSnapshot((s) => returned.push(s));
      const created = await core.service.createHost(
        { label: 'pw host', host: server.host, port: server.port, username: account.user, auth: { method: 'password' } },
        { password: canary },
      );
      returned.push(created, await core.service.listHosts(), await core.service.searchHosts('pw'), await core.service.hostProblems());
      // The server rejects the canary: the failure must not repeat the password it tried.
      await assert.rejects(core.service.exec(created.id, 'true'), (err: Error) => {
        returned.push(err.message, err.stack);
        return /authentication to .* failed/.test(err.message);
      });
      // With the real password saved, the next login uses it.
      returned.push(await core.service.updateHost(created.id, { label: 'pw host 2' }, { password: account.password }));
      returned.push(await core.service.exec(created.id, 'echo logged-in'));
      returned.push(await core.service.updateHost(created.id, {}, { password: canary }));
      returned.push(await core.service.poolSnapshot());
      assert.equal(created.hasPassword, true);
      const haystacks = [
        readFileSync(join(core.dir, 'hosts.json'), 'utf8'),
        readFileSync(join(core.dir, 'vault.json'), 'utf8'),
        core.logs.join('\n'),
        JSON.stringify(returned),
      ];
      for (const h of haystacks) assert.ok(!h.includes(canary), 'the canary leaked');
      assert.ok(JSON.stringify(returned).includes('logged-in'), 'the saved secret was used to log in');
      console.log('canary: not found in hosts.json, vault.json, logs or API results');
    } finally {
      await dispose(core);
      await server.stop();
    }
  });
});

describe('a host behind jump hosts', () => {
  test('its view names the pool key its tabs get, chain first hop first, and the snapshot shows it under that key', async () => {
    const first = await OpenSshServer.start();
    const second = await OpenSshServer.start();
    const core = await makeCore({ policy: 'accept-new' });
    try {
      // target (on the first server) <- second <- first: the chain is first, then second.
      const a = await core.service.createHost(keyHost(first, { label: 'A' }));
      const b = await core.service.createHost(keyHost(second, { label: 'B', jumpHostId: a.id }));
      const t = await core.service.createHost(keyHost(first, { label: 'T', jumpHostId: b.id }));
      const keyOf = (s: OpenSshServer): string => `${s.username}@${s.host}:${s.port}`;
      assert.equal(t.connectionKey, `${keyOf(first)} via ${keyOf(first)} > ${keyOf(second)}`);
      const tab = await core.service.openTab(t.id, { cols: 80, rows: 24 });
      assert.equal(tab.key, t.connectionKey);
      await typeAndSee(core.service, tab.tabId, output(core.service, tab.tabId), 'jumped');
      const listed = await core.service.listHosts();
      assert.deepEqual(
        listed.map((h) => [h.label, h.connectionKey]),
        [
          ['A', keyOf(first)],
          ['B', `${keyOf(second)} via ${keyOf(first)}`],
          ['T', tab.key],
        ],
      );
      const health = (await core.service.poolSnapshot()).hosts.find((h) => h.key === t.connectionKey);
      assert.equal(health?.connections[0]?.channels, 1);
    } finally {
      await dispose(core);
      await first.stop();
      await second.stop();
    }
  });
});

describe('settings through the service', () => {
  let server: OpenSshServer;
  before(async () => {
    server = await OpenSshServer.start();
  });
  after(async () => {
    await server.stop();
  });

  test('a change is validated, stored privately beside the hosts, announced, and there after a restart', async () => {
    const core = await makeCore();
    try {
      assert.deepEqual(await core.service.getSettings(), DEFAULT_SETTINGS);
      const announced: Settings[] = [];
      core.service.onSettingsChanged((s) => announced.push(s));
      const changed = await core.service.updateSettings({ theme: 'dark', scrollback: 20_000 });
      assert.deepEqual(changed, { ...DEFAULT_SETTINGS, theme: 'dark', scrollback: 20_000 });
      assert.deepEqual(announced, [changed]);
      await assert.rejects(core.service.updateSettings({ fontSize: 0 }), (err: unknown) => err instanceof SkeinError && err.code === 'INVALID_INPUT' && err.field === 'patch.fontSize');
      assert.equal(announced.length, 1, 'a refused change is not announced');
      const file = join(core.dir, 'settings.json');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      await core.service.close(100);
      const again = await makeCore({ dir: core.dir });
      assert.deepEqual(await again.service.getSettings(), changed);
    } finally {
      await dispose(core);
    }
  });

  test('the default keep-alive reaches hosts that set none; a host with its own keeps it', async () => {
    const proxy = await FaultProxy.start(server.port);
    const core = await makeCore({ policy: 'accept-new' });
    try {
      await core.service.updateSettings({ keepaliveIntervalMs: 200 });
      const plain = await core.service.createHost(keyHost(server));
      // Through the proxy: another pool key for the same server, with its own hour-long keep-alive.
      const own = await core.service.createHost(keyHost(server, { port: proxy.port, keepalive: { intervalMs: 3_600_000 } }));
      await core.service.connectHost(plain.id);
      await core.service.connectHost(own.id);
      const rtt = async (id: string): Promise<number | null | undefined> => {
        const key = (await core.service.listHosts()).find((h) => h.id === id)?.connectionKey;
        return (await core.service.poolSnapshot()).hosts.find((h) => h.key === key)?.connections[0]?.rttMs;
      };
      // A round trip is only measured by a keep-alive: within a second at 200 ms, never at an hour.
      const deadline = Date.now() + 3000;
      while ((await rtt(plain.id)) === null && Date.now() < deadline) await sleep(50);
      assert.equal(typeof (await rtt(plain.id)), 'number', 'the 200 ms default keep-alive ran');
      assert.equal(await rtt(own.id), null, "the host's own keep-alive interval applies");
    } finally {
      await dispose(core);
      await proxy.stop();
    }
  });

  test('a changed default keep-alive reaches connections already open, jump hops included, and off turns them off', async () => {
    const proxy = await FaultProxy.start(server.port);
    const core = await makeCore({ policy: 'accept-new' });
    try {
      const plain = await core.service.createHost(keyHost(server));
      const own = await core.service.createHost(keyHost(server, { port: proxy.port, keepalive: { intervalMs: 3_600_000 }, jumpHostId: plain.id }));
      await core.service.connectHost(own.id);
      const health = async (id: string): Promise<ConnectionHealth | undefined> => {
        const key = (await core.service.listHosts()).find((h) => h.id === id)?.connectionKey;
        return (await core.service.poolSnapshot()).hosts.find((h) => h.key === key)?.connections[0];
      };
      // The jump host's connection was opened for the other host's tunnel, on the default.
      assert.deepEqual((await health(plain.id))?.keepalive, { intervalMs: 15_000, countMax: 3 });
      await core.service.updateSettings({ keepaliveIntervalMs: 200, keepaliveCountMax: 5 });
      assert.deepEqual((await health(plain.id))?.keepalive, { intervalMs: 200, countMax: 5 });
      // Its own interval stays; the count it left unset follows the default.
      assert.deepEqual((await health(own.id))?.keepalive, { intervalMs: 3_600_000, countMax: 5 });
      const deadline = Date.now() + 3000;
      while ((await health(plain.id))?.rttMs === null && Date.now() < deadline) await sleep(50);
      assert.equal(typeof (await health(plain.id))?.rttMs, 'number', 'the open link runs the 200 ms keep-alive');
      await core.service.updateSettings({ keepaliveIntervalMs: 0 });
      assert.equal((await health(plain.id))?.keepalive, null);
      assert.equal((await health(plain.id))?.state, 'ready');
    } finally {
      await dispose(core);
      await proxy.stop();
    }
  });
});

describe('quick connect through the service', { skip: ThrowawayAccount.skip }, () => {
  let server: OpenSshServer;
  // A second account: it logs in by password, and by the server's client key too.
  let account: ThrowawayAccount;
  before(async () => {
    server = await OpenSshServer.start({ passwordAuthentication: true });
    account = ThrowawayAccount.create();
    server.authorize(server.clientKey.publicKey, account.user);
  });
  after(async () => {
    await server.stop();
    await account.remove();
  });

  /** Puts a key into the core's ~/.ssh under a default name. */
  function placeKey(core: Core, name: string, key: Buffer): string {
    mkdirSync(join(core.dir, '.ssh'), { recursive: true, mode: 0o700 });
    const path = join(core.dir, '.ssh', name);
    writeFileSync(path, key, { mode: 0o600 });
    return path;
  }

  const spec = (extra: { port?: number; password?: string } = {}) => ({ username: account.user, host: server.host, port: server.port, ...extra });

  test('a default key logs in: the unsaved host opens tabs and runs commands on the key it reports', async () => {
    const core = await makeCore({ policy: 'accept-new' });
    try {
      const keyPath = placeKey(core, 'id_ed25519', server.clientKey.privateKey);
      const r = await core.service.quickConnect(spec());
      assert.match(r.hostId, /^quick:\d+$/);
      assert.deepEqual(r.auth, { method: 'key', keyPath });
      assert.equal(r.key, `${account.user}@${server.host}:${server.port}`);
      const tab = await core.service.openTab(r.hostId, { cols: 80, rows: 24 });
      assert.equal(tab.key, r.key);
      await typeAndSee(core.service, tab.tabId, output(core.service, tab.tabId), 'quick');
      assert.equal((await core.service.exec(r.hostId, 'echo ran')).stdout, 'ran\n');
      // Logged in once: the tab and the command rode the connection quick connect opened.
      assert.equal((await core.service.poolSnapshot()).hosts[0]?.counters.handshakes, 1);
      assert.deepEqual(await core.service.listHosts(), [], 'nothing is saved until the person asks');
    } finally {
      await dispose(core);
    }
  });

  test('ssh-agent is tried first', async () => {
    const agentDir = mkdtempSync(join(tmpdir(), 'skein-agent-'));
    const agent = await startSshAgent(agentDir, [{ path: server.clientKey.privateKeyPath }]);
    const core = await makeCore({ policy: 'accept-new', agentSocket: agent.socket });
    try {
      placeKey(core, 'id_ed25519', server.clientKey.privateKey);
      const r = await core.service.quickConnect(spec());
      assert.deepEqual(r.auth, { method: 'agent' });
      assert.equal((await core.service.exec(r.hostId, 'echo agent')).stdout, 'agent\n');
    } finally {
      await dispose(core);
      await agent.stop();
      rmSync(agentDir, { recursive: true, force: true });
    }
  });

  test('nothing gets in: AUTH_FAILED says what was tried and skipped; with the password it logs in', async () => {
    const core = await makeCore({ policy: 'accept-new' });
    try {
      const scratch = join(core.dir, 'keys');
      mkdirSync(scratch);
      placeKey(core, 'id_ed25519', generateKey(scratch, 'stranger').privateKey);
      placeKey(core, 'id_ecdsa', generateKey(scratch, 'locked', 'ecdsa', 'secret phrase').privateKey);
      let message = '';
      await assert.rejects(core.service.quickConnect(spec()), (err: unknown) => {
        assert.ok(err instanceof SkeinError, String(err));
        assert.equal(err.code, 'AUTH_FAILED');
        message = err.message;
        return true;
      });
      const key = `${account.user}@${server.host}:${server.port}`;
      assert.ok(message.startsWith(`cannot log in to ${key}: tried ~/.ssh/id_ed25519: refused; `), message);
      assert.ok(message.includes('skipped ssh-agent (SSH_AUTH_SOCK is not set), ~/.ssh/id_ecdsa (encrypted;'), message);
      assert.ok(message.includes('no password was given'), message);
      console.log(`quick connect refusal: ${message}`);
      const r = await core.service.quickConnect(spec({ password: account.password }));
      assert.deepEqual(r.auth, { method: 'password' });
      assert.equal((await core.service.exec(r.hostId, 'echo pw')).stdout, 'pw\n');
      await assert.rejects(core.service.quickConnect({ ...spec(), host: 'bad host' }), (err: unknown) => err instanceof SkeinError && err.code === 'INVALID_INPUT' && err.field === 'spec.host');
    } finally {
      await dispose(core);
    }
  });

  test('the host key is checked as for saved hosts: asked once for all the logins tried, refused means no login at all', async () => {
    const core = await makeCore({ policy: 'ask' });
    try {
      const scratch = join(core.dir, 'keys');
      mkdirSync(scratch);
      placeKey(core, 'id_ed25519', generateKey(scratch, 'stranger').privateKey);
      const prompts: HostKeyPromptEvent[] = [];
      let trust = false;
      core.service.onHostKeyPrompt((p) => {
        prompts.push(p);
        core.service.answerHostKeyPrompt(p.promptId, trust);
      });
      const before = logins(server);
      await assert.rejects(core.service.quickConnect(spec({ password: account.password })), (err: Error) => {
        assert.ok(!(err instanceof SkeinError && err.code === 'AUTH_FAILED'), 'a distrusted key is not a failed login');
        assert.match(err.message, /did not trust the ssh-ed25519 host key/);
        return true;
      });
      assert.equal(prompts.length, 1, 'refused once, the other logins are not tried');
      assert.equal(logins(server), before);
      trust = true;
      const r = await core.service.quickConnect(spec({ password: account.password }));
      assert.deepEqual(r.auth, { method: 'password' });
      // The key refused, then the password: two connections, one question.
      assert.equal(prompts.length, 2);
      assert.match(readFileSync(core.knownHosts, 'utf8'), /ssh-ed25519/);
    } finally {
      await dispose(core);
    }
  });

  test('a connection already open to the same user@host:port does not count as this login', async () => {
    const core = await makeCore({ policy: 'accept-new' });
    try {
      const saved = await core.service.createHost(keyHost(server, { username: account.user }));
      await core.service.openTab(saved.id, { cols: 80, rows: 24 });
      const scratch = join(core.dir, 'keys');
      mkdirSync(scratch);
      placeKey(core, 'id_ed25519', generateKey(scratch, 'stranger').privateKey);
      // A key the server does not know and no password: nothing of its own can get in.
      await assert.rejects(core.service.quickConnect(spec()), (err: unknown) => err instanceof SkeinError && err.code === 'AUTH_FAILED');
      const r = await core.service.quickConnect(spec({ password: account.password }));
      assert.deepEqual(r.auth, { method: 'password' });
      const [conns] = (await core.service.poolSnapshot()).hosts.map((h) => h.connections);
      assert.deepEqual(conns?.map((c) => c.channels), [1, 0], "the tab's connection, and the one the password opened");
    } finally {
      await dispose(core);
    }
  });

  test('saving keeps the tab: it becomes a saved host with its password, and the tab reconnects through it', async () => {
    const proxy = await FaultProxy.start(server.port);
    const core = await makeCore({ policy: 'accept-new', reconnectFast: true });
    try {
      const r: QuickConnectResult = await core.service.quickConnect(spec({ port: proxy.port, password: account.password }));
      const tab = await core.service.openTab(r.hostId, { cols: 80, rows: 24 });
      const seen = output(core.service, tab.tabId);
      await typeAndSee(core.service, tab.tabId, seen, 'unsaved');
      const saved = await core.service.saveQuickHost(r.hostId, 'Build box');
      assert.equal(saved.label, 'Build box');
      assert.deepEqual(saved.auth, { method: 'password' });
      assert.equal(saved.hasPassword, true);
      assert.equal(saved.port, proxy.port);
      assert.equal(saved.connectionKey, r.key);
      assert.deepEqual((await core.service.listHosts()).map((h) => h.id), [saved.id]);
      await assert.rejects(core.service.exec(r.hostId, 'true'));
      await assert.rejects(core.service.saveQuickHost(r.hostId), (err: unknown) => err instanceof SkeinError && err.code === 'HOST_NOT_FOUND');
      // The shell reopens after a drop from what was saved: the quick entry is gone.
      const events: string[] = [];
      core.service.onTabRestored((id) => events.push(`restored ${id}`));
      core.service.onTabClosed((id, reason) => events.push(`closed ${id} ${reason.type}`));
      proxy.reset();
      await waitFor('the tab restored', () => events.length > 0, 10_000);
      assert.deepEqual(events, [`restored ${tab.tabId}`]);
      await typeAndSee(core.service, tab.tabId, seen, 'saved');
      assert.equal((await core.service.exec(saved.id, 'echo saved')).stdout, 'saved\n');
    } finally {
      await dispose(core);
      await proxy.stop();
    }
  });
});

describe('connect stages, reconnect timing and connections of their own', () => {
  let server: OpenSshServer;
  before(async () => {
    server = await OpenSshServer.start();
  });
  after(async () => {
    await server.stop();
  });

  /** The connections of the latest snapshot the service pushed (not one asked for). */
  function pushed(core: Core): () => ConnectionHealth[] {
    let last: PoolSnapshot = { hosts: [] };
    core.service.onPoolSnapshot((s) => (last = s));
    return () => last.hosts.flatMap((h) => h.connections);
  }

  test('while the host-key question waits, the snapshot says host-key; once in, ready', async () => {
    const core = await makeCore({ policy: 'ask' });
    try {
      const connections = pushed(core);
      const prompts: HostKeyPromptEvent[] = [];
      core.service.onHostKeyPrompt((p) => prompts.push(p));
      const host = await core.service.createHost(keyHost(server));
      const opening = core.service.openTab(host.id, { cols: 80, rows: 24 });
      await waitFor('the host-key prompt', () => prompts.length === 1);
      await waitFor('stage host-key in a pushed snapshot', () => connections()[0]?.stage === 'host-key');
      assert.equal(connections()[0]?.state, 'connecting');
      core.service.answerHostKeyPrompt(prompts[0]?.promptId ?? '', true);
      await opening;
      await waitFor('stage ready', () => connections()[0]?.stage === 'ready');
      assert.equal(connections()[0]?.authMethod, null);
    } finally {
      await dispose(core);
    }
  });

  test('while a 2FA prompt waits, the snapshot says authenticating with keyboard-interactive', async () => {
    const kbd = await FaultSshServer.start({ keyboardInteractive: { prompts: [{ prompt: 'Code: ', echo: false }], answers: ['1357'] } });
    const core = await makeCore({ policy: 'accept-new' });
    try {
      const connections = pushed(core);
      const asked: AuthPromptEvent[] = [];
      core.service.onAuthPrompt((p) => asked.push(p));
      const host = await core.service.createHost(faultHost(kbd, { auth: { method: 'keyboard-interactive' } }));
      const running = core.service.exec(host.id, 'hello');
      await waitFor('the 2FA prompt', () => asked.length === 1);
      // Pushed snapshots lag up to one coalescing period behind the prompt.
      await waitFor('stage authenticating in a pushed snapshot', () => connections()[0]?.authMethod === 'keyboard-interactive');
      assert.equal(connections()[0]?.stage, 'authenticating');
      await sleep(100);
      assert.equal(connections()[0]?.authMethod, 'keyboard-interactive', 'it stays so while the person types');
      core.service.answerAuthPrompt(asked[0]?.promptId ?? '', ['1357']);
      assert.equal((await running).stdout, 'hello\n');
    } finally {
      await dispose(core);
      await kbd.stop();
    }
  });

  test('a dropped link says when it tries next and how often it will; Retry now brings it back at once', async () => {
    const proxy = await FaultProxy.start(server.port);
    const core = await makeCore({ policy: 'accept-new', reconnect: { attempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 } });
    try {
      const host = await core.service.createHost({ ...keyHost(server), port: proxy.port });
      const tab = await core.service.openTab(host.id, { cols: 80, rows: 24 });
      const seen = output(core.service, tab.tabId);
      await typeAndSee(core.service, tab.tabId, seen, 'up');
      // Nothing is waiting: harmless, and no new login.
      await core.service.reconnectNow(host.id);
      assert.equal((await core.service.poolSnapshot()).hosts[0]?.counters.handshakes, 1);
      const events: string[] = [];
      core.service.onTabReconnecting((e) => events.push(`reconnecting ${e.tabId}`));
      core.service.onTabRestored((id) => events.push(`restored ${id}`));
      const droppedAt = Date.now();
      proxy.reset();
      await waitFor('the tab reconnecting', () => events.length === 1);
      const c = (await core.service.poolSnapshot()).hosts[0]?.connections[0];
      assert.equal(c?.state, 'reconnecting');
      assert.equal(c?.stage, null, 'no attempt runs while it waits');
      assert.equal(c?.reconnectAttempt, 1);
      assert.equal(c?.reconnectAttempts, 3);
      const next = c?.nextAttemptAt ?? 0;
      assert.ok(next >= droppedAt + 60_000 && next <= Date.now() + 60_000, `next attempt at +${next - droppedAt} ms`);
      const pressed = Date.now();
      await core.service.reconnectNow(host.id);
      await waitFor('the tab restored', () => events.includes(`restored ${tab.tabId}`), 10_000);
      console.log(`Retry now: tab back ${Date.now() - pressed} ms after the press (the backoff had ${Math.round((next - pressed) / 1000)} s to go)`);
      await typeAndSee(core.service, tab.tabId, seen, 'back');
      const after = (await core.service.poolSnapshot()).hosts[0]?.connections[0];
      assert.deepEqual([after?.state, after?.stage, after?.reconnectAttempt, after?.nextAttemptAt], ['ready', 'ready', 0, null]);
      await assert.rejects(core.service.reconnectNow('nope'), (err: unknown) => err instanceof SkeinError && err.code === 'HOST_NOT_FOUND');
    } finally {
      await dispose(core);
      await proxy.stop();
    }
  });

  test('newConnection opens the tab on a connection of its own, and says so when the host is at its cap', async () => {
    const core = await makeCore({ policy: 'accept-new' });
    try {
      const host = await core.service.createHost(keyHost(server, { pool: { maxConnectionsPerHost: 2 } }));
      const size = { cols: 80, rows: 24 };
      await core.service.openTab(host.id, size);
      await core.service.openTab(host.id, size);
      const own = await core.service.openTab(host.id, size, { newConnection: true });
      await typeAndSee(core.service, own.tabId, output(core.service, own.tabId), 'own');
      const channels = (await core.service.poolSnapshot()).hosts[0]?.connections.map((c) => c.channels);
      assert.deepEqual(channels, [2, 1]);
      await assert.rejects(core.service.openTab(host.id, size, { newConnection: true }), (err: Error) => {
        assert.match(err.message, /already has 2 connections, its limit \(maxConnectionsPerHost 2\)/);
        return true;
      });
      // The shared placement still has room.
      await core.service.openTab(host.id, size);
    } finally {
      await dispose(core);
    }
  });
});
