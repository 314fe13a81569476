// Errors cross a transport whole: against real sshd, a call's failure arrives with its code, message, hint and field.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Conf from 'conf';
import type { SavedHostDraft } from '../app/hosts.js';
import { invokeSkeinCall, parseSkeinCall } from '../app/skeinCallSchemas.js';
import { SkeinError, skeinErrorFromShape, type SkeinErrorShape } from '../app/skeinError.js';
import { createSkeinService } from '../main/service/createSkeinService.js';
import { SETTINGS_DOCUMENT_OPTIONS } from '../main/service/settingsStore.js';
import type { SkeinService } from '../main/service/skeinService.js';
import { MemorySecretStore } from './fixtures/memorySecretStore.js';
import { generateKey, OpenSshServer } from './fixtures/openSshServer.js';

interface Core {
  service: SkeinService;
  dir: string;
  knownHosts: string;
}

async function makeCore(): Promise<Core> {
  const dir = mkdtempSync(join(tmpdir(), 'skein-errors-'));
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, '');
  const service = await createSkeinService({
    homeDir: dir,
    hostDocument: new Conf<Record<string, unknown>>({ cwd: dir, configName: 'hosts', accessPropertiesByDotNotation: false }),
    settingsDocument: new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', ...SETTINGS_DOCUMENT_OPTIONS }),
    secrets: new MemorySecretStore(),
    knownHostsPath: knownHosts,
    globalKnownHostsPaths: [],
    hostKeyPolicy: 'strict',
    agentSocket: undefined,
  });
  return { service, dir, knownHosts };
}

async function dispose(core: Core): Promise<void> {
  await core.service.close(100);
  rmSync(core.dir, { recursive: true, force: true });
}

/**
 * What web mode and the Electron IPC do with a call: the request crosses as plain data, is checked
 * at the door, runs, and a failure crosses back as `toShape()`, rebuilt on the other side.
 */
async function overTransport(service: SkeinService, method: string, args: unknown[]): Promise<unknown> {
  const request = structuredClone({ method, args });
  let sent: SkeinErrorShape;
  try {
    const call = parseSkeinCall(request.method, request.args);
    return structuredClone(await invokeSkeinCall(service, call));
  } catch (err) {
    assert.ok(err instanceof SkeinError, `the core failed with ${String(err)}, not a SkeinError`);
    sent = structuredClone(err.toShape());
  }
  throw skeinErrorFromShape(sent);
}

/** The error as the UI receives it. */
async function received(service: SkeinService, method: string, args: unknown[]): Promise<SkeinErrorShape> {
  try {
    await overTransport(service, method, args);
  } catch (err) {
    assert.ok(err instanceof SkeinError);
    return err.toShape();
  }
  assert.fail(`${method} succeeded`);
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

async function created(core: Core, draft: SavedHostDraft, secrets?: { password?: string; passphrase?: string }): Promise<string> {
  const host = (await overTransport(core.service, 'createHost', secrets ? [draft, secrets] : [draft])) as { id: string };
  return host.id;
}

describe('errors across a transport, against real sshd', () => {
  let server: OpenSshServer;
  let core: Core;
  before(async () => {
    server = await OpenSshServer.start();
  });
  after(async () => {
    await server.stop();
  });

  test('a host with port 70000 is refused naming the field, at the door and in the core alike', async () => {
    core = await makeCore();
    try {
      const draft = keyHost(server, { port: 70000 });
      const atDoor = await received(core.service, 'createHost', [draft]);
      assert.deepEqual(atDoor, { code: 'INVALID_INPUT', message: 'createHost(draft, secrets): draft.port: must be from 1 to 65535', field: 'draft.port' });
      // A caller that skips the door (the tray, a test) gets the same field from the host store.
      const inCore = await core.service.createHost(draft).then(
        () => assert.fail('saved'),
        (err: unknown) => err,
      );
      assert.ok(inCore instanceof SkeinError);
      assert.deepEqual([inCore.code, inCore.field], ['INVALID_INPUT', 'draft.port']);
      assert.match(inCore.message, /cannot save host "sshd \d+": port: must be from 1 to 65535/);
      const badTab = await received(core.service, 'openTab', ['any', { cols: 0, rows: 24 }]);
      assert.deepEqual([badTab.code, badTab.field], ['INVALID_INPUT', 'size.cols']);
      console.log(`received: ${JSON.stringify(atDoor)}`);
    } finally {
      await dispose(core);
    }
  });

  test('an unknown host id is HOST_NOT_FOUND; an unknown forward is FORWARD_NOT_FOUND', async () => {
    core = await makeCore();
    try {
      for (const [method, args] of [
        ['openTab', ['no-such-host', { cols: 80, rows: 24 }]],
        ['exec', ['no-such-host', 'true']],
        ['deleteHost', ['no-such-host']],
        ['updateHost', ['no-such-host', { port: 2222 }]],
        ['startForward', ['no-such-host', 'web']],
      ] as const) {
        const e = await received(core.service, method, [...args]);
        assert.equal(e.code, 'HOST_NOT_FOUND', method);
        assert.match(e.message, /no saved host with id "no-such-host"/, method);
      }
      const id = await created(core, keyHost(server));
      const noForward = await received(core.service, 'startForward', [id, 'web']);
      assert.deepEqual(noForward, { code: 'FORWARD_NOT_FOUND', message: `host "sshd ${server.port}" has no saved forward web` });
    } finally {
      await dispose(core);
    }
  });

  test("a changed host key is HOST_KEY_CHANGED, and the hint's ssh-keygen command is the fix", async () => {
    core = await makeCore();
    const keys = mkdtempSync(join(tmpdir(), 'skein-oldkey-'));
    try {
      const [, oldBlob] = generateKey(keys, 'old_host_key').publicKey.split(' ');
      writeFileSync(core.knownHosts, `[127.0.0.1]:${server.port} ssh-ed25519 ${oldBlob}\n`);
      // accept-new takes unknown keys silently but never a changed one, as in OpenSSH.
      const id = await created(core, keyHost(server, { hostKeyPolicy: 'accept-new' }));
      const e = await received(core.service, 'exec', [id, 'true']);
      assert.equal(e.code, 'HOST_KEY_CHANGED');
      assert.match(e.message, new RegExp(`The host key for 127\\.0\\.0\\.1:${server.port} has changed`));
      assert.equal(e.hint, `If the server's administrator confirms the new fingerprint, remove the old key with ssh-keygen -R '[127.0.0.1]:${server.port}' -f '${core.knownHosts}' and connect again.`);
      assert.equal(e.field, undefined);
      const command = /(ssh-keygen -R .*) and connect again\.$/.exec(e.hint)?.[1] ?? '';
      execFileSync('sh', ['-c', command], { stdio: 'ignore' });
      assert.equal(readFileSync(core.knownHosts, 'utf8'), '');
      assert.equal(((await overTransport(core.service, 'exec', [id, 'echo fixed'])) as { stdout: string }).stdout, 'fixed\n');
      console.log(`hint: ${e.hint}`);
    } finally {
      await dispose(core);
      rmSync(keys, { recursive: true, force: true });
    }
  });

  test("an unknown key under strict is HOST_KEY_UNKNOWN, and the hint's ssh-keyscan gets the host in", async () => {
    core = await makeCore();
    try {
      const id = await created(core, keyHost(server));
      const e = await received(core.service, 'exec', [id, 'true']);
      assert.equal(e.code, 'HOST_KEY_UNKNOWN');
      const scan = /\((ssh-keyscan [^)]*) prints it\)/.exec(e.hint ?? '')?.[1];
      assert.ok(scan, `a command in: ${e.hint}`);
      appendFileSync(core.knownHosts, execFileSync('sh', ['-c', `${scan} 2>/dev/null`], { encoding: 'utf8' }));
      assert.deepEqual(await overTransport(core.service, 'exec', [id, 'echo in']), { code: 0, signal: null, stdout: 'in\n', stderr: '' });
    } finally {
      await dispose(core);
    }
  });

  test('a refused login is AUTH_FAILED; a missing agent and a locked key say what to do', async () => {
    core = await makeCore();
    const keys = mkdtempSync(join(tmpdir(), 'skein-keys-'));
    try {
      appendFileSync(core.knownHosts, `${server.knownHostsLine()}\n`);
      const stranger = generateKey(keys, 'not_authorized');
      const refused = await received(core.service, 'exec', [await created(core, keyHost(server, { auth: { method: 'key', keyPath: stranger.privateKeyPath } })), 'true']);
      assert.equal(refused.code, 'AUTH_FAILED');
      assert.match(refused.message, new RegExp(`authentication to ${server.username}@127\\.0\\.0\\.1:${server.port} failed`));
      assert.match(refused.hint ?? '', /Check the user name and the password, key or agent/);

      const agent = await received(core.service, 'connectHost', [await created(core, keyHost(server, { label: 'agent box', auth: { method: 'agent' } }))]);
      assert.equal(agent.code, 'AGENT_MISSING');
      assert.match(agent.hint ?? '', /Start ssh-agent, add your key with ssh-add/);

      const locked = generateKey(keys, 'locked', 'ed25519', 'secret words');
      const noPassphrase = await received(core.service, 'openTab', [await created(core, keyHost(server, { label: 'locked key', auth: { method: 'key', keyPath: locked.privateKeyPath } })), { cols: 80, rows: 24 }]);
      assert.deepEqual(noPassphrase, {
        code: 'SECRET_MISSING',
        message: `cannot connect to "locked key": key file ${locked.privateKeyPath} is encrypted and no passphrase is saved for "locked key"`,
        hint: `Save the key's passphrase in "locked key"'s settings.`,
      });
    } finally {
      await dispose(core);
      rmSync(keys, { recursive: true, force: true });
    }
  });

  test('a forward on a port in use is PORT_IN_USE with what to do', async () => {
    core = await makeCore();
    const squatter: Server = createServer();
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', r));
    try {
      appendFileSync(core.knownHosts, `${server.knownHostsLine()}\n`);
      const port = (squatter.address() as { port: number }).port;
      const id = await created(core, keyHost(server, { localForwards: [{ id: 'web', bindPort: port, remoteHost: '127.0.0.1', remotePort: 80 }] }));
      const e = await received(core.service, 'startForward', [id, 'web']);
      assert.equal(e.code, 'PORT_IN_USE');
      assert.match(e.message, new RegExp(`local port ${port} is already in use`));
      assert.match(e.hint ?? '', /choose another local port/);
    } finally {
      await dispose(core);
      await new Promise((r) => squatter.close(r));
    }
  });
});
