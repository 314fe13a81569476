// Importing the realistic fixture ~/.ssh (test/fixtures/ssh_config) into a real HostStore, re-importing, and the report.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import type { SavedHostView } from '../../app/hosts.js';
import { HostStore } from './hostStore.js';
import type { SecretStore } from './secretStore.js';
import { SshConfigImport } from './sshConfigImport.js';
import { sshConfigImportReport } from './sshConfigImportReport.js';
import { SshConfigReader } from './sshConfigReader.js';
import { TargetResolver } from './targetResolver.js';

const fixture = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures', 'ssh_config');

class NoSecrets implements SecretStore {
  async get() {
    return undefined;
  }
  async set() {}
  async delete() {}
  async has() {
    return false;
  }
}

function setup(t: TestContext) {
  const home = mkdtempSync(join(tmpdir(), 'skein-import-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  cpSync(fixture, join(home, '.ssh'), { recursive: true });
  // As in a real ~/.ssh, whatever the checkout's umask: OpenSSH refuses Included files others may write.
  for (const entry of readdirSync(join(home, '.ssh'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) chmodSync(join(entry.parentPath, entry.name), 0o600);
  }
  const hosts = new HostStore({
    document: new Conf<Record<string, unknown>>({ cwd: join(home, 'skein'), configName: 'hosts', accessPropertiesByDotNotation: false }),
    secrets: new NoSecrets(),
  });
  const importer = new SshConfigImport({ hosts, reader: new SshConfigReader({ homeDir: home, localUser: 'alice' }) });
  return { home, hosts, importer };
}

async function byLabel(hosts: HostStore): Promise<Map<string, SavedHostView>> {
  return new Map((await hosts.list()).map((h) => [h.label, h]));
}

test('the fixture imports 20+ hosts with the settings OpenSSH would use', async (t) => {
  const { home, hosts, importer } = setup(t);
  const result = await importer.run();
  const saved = await byLabel(hosts);
  const ssh = (p: string) => join(home, '.ssh', p);

  assert.equal(result.imported.length, 26);
  assert.equal(saved.size, 26);
  assert.deepEqual(result.files, ['config', 'conf.d/10-work.conf', 'conf.d/20-home.conf', 'conf.d/30-cloud.conf', 'conf.d/nested/staging.conf'].map(ssh));
  assert.ok(!saved.has('should-not-be-imported'), 'conf.d/README is not a .conf file');

  const get = (label: string) => {
    const h = saved.get(label);
    assert.ok(h, `${label} was not imported`);
    return h;
  };
  const bastion = get('bastion');
  assert.deepEqual([bastion.username, bastion.host, bastion.port], ['jump', 'bastion.example.com', 2222]);
  assert.deepEqual(bastion.auth, { method: 'key', keyPath: ssh('id_ed25519_bastion') });
  assert.deepEqual(bastion.importedFrom, { source: 'ssh_config', alias: 'bastion', file: ssh('config') });

  const web1 = get('web-1');
  assert.equal(web1.host, 'web-1.prod.example.com');
  assert.equal(web1.jumpHostId, bastion.id);
  // web-* comes before Host *, so its IdentityFile and ServerAliveCountMax win; the interval comes from Host *.
  assert.deepEqual(web1.auth, { method: 'key', keyPath: ssh('id_web') });
  assert.deepEqual(web1.keepalive, { intervalMs: 30_000, countMax: 4 });
  // LocalForward adds up: the Host block's first, then web-*'s.
  assert.deepEqual(web1.localForwards, [
    { id: 'ssh-config-9090', bindAddress: '127.0.0.1', bindPort: 9090, remoteHost: 'grafana', remotePort: 3000, autoStart: false },
    { id: 'ssh-config-8080', bindAddress: '127.0.0.1', bindPort: 8080, remoteHost: 'localhost', remotePort: 80, autoStart: false },
  ]);
  assert.deepEqual(get('web-2').localForwards, web1.localForwards);
  // LocalForward=*:3389: every interface; the Unix-socket one is left out.
  assert.deepEqual(get('legacy').localForwards, [
    { id: 'ssh-config-0.0.0.0-3389', bindAddress: '0.0.0.0', bindPort: 3389, remoteHost: '10.0.0.5', remotePort: 3389, autoStart: false },
  ]);
  assert.deepEqual(get('bastion').localForwards, []);

  assert.deepEqual(get('legacy').keepalive, { intervalMs: 10_000, countMax: 5 });
  assert.deepEqual(get('legacy').auth, { method: 'password' });
  assert.equal(get('legacy').port, 22022);
  assert.equal(get('printer').keepalive?.intervalMs, 0);
  assert.deepEqual(get('pi').auth, { method: 'keyboard-interactive' });
  assert.deepEqual(get('router').auth, { method: 'password' });
  assert.deepEqual([get('nas').username, get('nas').host], ['admin', '192.168.1.10']);
  assert.deepEqual(get('db-primary').auth, { method: 'key', keyPath: ssh('db_postgres') });
  assert.deepEqual(get('db-gw').auth, { method: 'key', keyPath: ssh('keys/db gw.pem') });
  assert.deepEqual(get('ci-runner-2').auth, { method: 'key', keyPath: ssh('ci_ci-runner-2') });
  assert.equal(get('ci-runner-2').username, 'runner');
  assert.equal(get('deep').username, 'alice');
  assert.equal(get('staging').jumpHostId, get('app-1').id);

  // ProxyJump bastion,db-gw: db-gw as reached through bastion, which db-gw alone is not.
  const dbGwHop = get('db-gw via bastion');
  assert.equal(get('db-primary').jumpHostId, dbGwHop.id);
  assert.equal(dbGwHop.jumpHostId, bastion.id);
  assert.equal(get('db-gw').jumpHostId, undefined);
  // k8s-master: ProxyJump aws-jump,app-1 and app-1 already jumps through aws-jump, so no copy.
  assert.equal(get('k8s-master').jumpHostId, get('app-1').id);

  const resolver = new TargetResolver({ hosts, secrets: new NoSecrets(), homeDir: home, agentSocket: '/agent', readKeyFile: async (p) => `key:${p}` });
  const deep = await resolver.resolve(get('deep').id);
  assert.deepEqual(
    deep.jump?.map((j) => `${j.username}@${j.host}:${j.port}`),
    ['admin@gw.example.net:2200', 'admin@10.0.1.1:22'],
  );

  const skipped = new Map(result.skipped.map((s) => [s.name, s.reason]));
  assert.match(skipped.get('broken-port') ?? '', /Port "70000"/);
  assert.match(skipped.get('proxied') ?? '', /ProxyCommand/);
  assert.match(skipped.get('loop-a') ?? '', /ProxyJump loop: loop-a -> loop-b -> loop-a/);
  assert.match(skipped.get('Match host *.corp.example.com exec "test -f /tmp/on-vpn"') ?? '', /^Match exec runs a command to decide, and Skein never runs one/);
  assert.match(skipped.get('Include ~/.ssh/missing.d/*.conf') ?? '', /matched no files/);
  assert.match(skipped.get('web-*') ?? '', /applied to 2 matching hosts: web-1, web-2/);
  assert.match(skipped.get('*.ci.example.com') ?? '', /matches none/);
});

test('the report lists new, skipped and warnings with short paths and reasons', async (t) => {
  const { home, importer } = setup(t);
  const report = sshConfigImportReport(await importer.run(), { homeDir: home });
  const lines = report.split('\n');
  assert.equal(lines[0], 'Import from ~/.ssh/config (5 files read)');
  assert.equal(lines[1], '26 new, 0 updated, 0 unchanged, 10 skipped');
  const expected = [
    'New (26):',
    '  + bastion                       jump@bastion.example.com:2222  [key ~/.ssh/id_ed25519_bastion]',
    '  + router                        root@192.168.1.1:22  [password]',
    '  + db-primary                    postgres@10.0.1.10:22 via db-gw via bastion  [key ~/.ssh/db_postgres]',
    '  + admin@gw.example.net:2200     admin@gw.example.net:2200  [key ~/.ssh/id_ed25519]',
    '      ProxyJump target not declared as a Host',
    '  + web-1                         deploy@web-1.prod.example.com:22 via bastion  [key ~/.ssh/id_web]',
    '      forwards: + 127.0.0.1:9090 → grafana:3000',
    '      forwards: + 127.0.0.1:8080 → localhost:80',
    '  + legacy                        root@legacy.example.org:22022  [password]',
    '      forwards: + 0.0.0.0:3389 → 10.0.0.5:3389',
    '      hop of a ProxyJump chain: db-gw reached through bastion, as ssh -J does',
    'Skipped (10):',
    '  - broken-port                   ~/.ssh/config:51: Port "70000" is not a port number (1-65535)',
    '  - proxied                       ~/.ssh/config:55: uses ProxyCommand (ssh -W %h:%p bastion), which Skein does not run; ProxyJump is supported',
    '  - loop-b                        ~/.ssh/config:66: ProxyJump loop: loop-a -> loop-b -> loop-a',
    '  - Include ~/.ssh/missing.d/*.conf  ~/.ssh/config:5: matched no files',
    '  - *.internal                    ~/.ssh/conf.d/30-cloud.conf:20: wildcard pattern, not a host; it matches none of the imported hosts',
    'Warnings:',
    '  ! legacy: LocalForward *:3389 10.0.0.5:3389 (~/.ssh/config:42) listens on all interfaces (0.0.0.0:3389), so other machines can connect through it',
    '  ! legacy: LocalForward 8443 /run/legacy/admin.sock (~/.ssh/config:43): Unix-socket forwards are not supported; not imported',
    '  ! legacy: RemoteForward 52698 localhost:52698 is not imported; add it as a forward in Skein',
    'Notes:',
    '  * 11 hosts have several IdentityFile entries; Skein saves the first of each, where OpenSSH would try them in turn',
  ];
  for (const line of expected) assert.ok(lines.includes(line), `report lacks:\n${line}\n---\n${report}`);
  assert.equal(lines.filter((l) => l.startsWith('  ! ')).length, 3, 'only legacy has warnings');
  assert.ok(!report.includes(home), 'home folder is shown as ~');
});

test('re-importing updates earlier imports in place, keeps user edits, and lists hosts gone from the config', async (t) => {
  const { home, hosts, importer } = setup(t);
  await importer.run();
  const first = await byLabel(hosts);
  const again = await importer.run();
  assert.deepEqual([again.imported.length, again.updated.length, again.unchanged.length], [0, 0, 26]);

  // The user renames and tags a host, starts one imported forward automatically and adds one of
  // their own on web-1; then edits ~/.ssh/config.
  const legacy = first.get('legacy');
  const web1 = first.get('web-1');
  assert.ok(legacy && web1);
  await hosts.update(legacy.id, { label: 'Legacy ERP', tags: ['erp'] });
  const own = { id: 'fwd-pg', bindAddress: '127.0.0.1', bindPort: 5432, remoteHost: 'db.internal', remotePort: 5432 };
  await hosts.update(web1.id, {
    localForwards: [...web1.localForwards.map((f) => (f.id === 'ssh-config-8080' ? { ...f, autoStart: true } : f)), own],
  });
  const config = join(home, '.ssh', 'config');
  writeFileSync(
    config,
    readFileSync(config, 'utf8')
      .replace('Port 22022', 'Port 2200')
      .replace('Host pi\n', 'Host raspberry\n')
      .replace('    ProxyJump bastion\n\nHost db-primary', '    ProxyJump none\n\nHost db-primary')
      .replace('    LocalForward localhost:9090 grafana:3000\n', '')
      .replace('    LocalForward 8080 localhost:80\n', '    LocalForward 8080 localhost:8000\n    LocalForward 5432 localhost:5432\n'),
  );
  const result = await importer.run();
  const after = await byLabel(hosts);

  assert.equal(after.size, 27, 'one new host (raspberry), nothing duplicated');
  assert.deepEqual(result.imported.map((h) => h.label), ['raspberry']);
  const updated = new Map(result.updated.map((h) => [h.alias, h.changes]));
  assert.deepEqual(updated.get('legacy'), ['port 22022 -> 2200']);
  assert.deepEqual(updated.get('web-1'), [
    'jump host bastion -> none',
    'forwards: - 127.0.0.1:9090 → grafana:3000',
    'forwards: ~ 127.0.0.1:8080 → localhost:8000 (was localhost:80)',
  ]);
  assert.deepEqual(updated.get('web-2'), [
    'jump host bastion -> none',
    'forwards: - 127.0.0.1:9090 → grafana:3000',
    'forwards: ~ 127.0.0.1:8080 → localhost:8000 (was localhost:80)',
    'forwards: + 127.0.0.1:5432 → localhost:5432',
  ]);
  // web-1's own forward keeps 127.0.0.1:5432, and its autoStart choice survives the update.
  assert.deepEqual(after.get('web-1')?.localForwards, [
    { id: 'ssh-config-8080', bindAddress: '127.0.0.1', bindPort: 8080, remoteHost: 'localhost', remotePort: 8000, autoStart: true },
    own,
  ]);
  assert.deepEqual(after.get('web-2')?.localForwards.map((f) => `${f.id} ${f.remoteHost}:${f.remotePort}`), [
    'ssh-config-8080 localhost:8000',
    'ssh-config-5432 localhost:5432',
  ]);
  const erp = after.get('Legacy ERP');
  assert.equal(erp?.id, legacy.id);
  assert.equal(erp?.port, 2200);
  assert.deepEqual(erp?.tags, ['erp']);
  assert.equal(after.get('web-1')?.jumpHostId, undefined);
  assert.deepEqual(result.missing.map((m) => m.alias), ['pi']);
  assert.ok(after.has('pi'), 'hosts gone from the config are kept');

  const report = sshConfigImportReport(result, { homeDir: home });
  assert.match(report, /^1 new, 3 updated, 22 unchanged, 10 skipped$/m);
  const lines = report.split('\n');
  const erpLine = lines.findIndex((l) => l.startsWith('  ~ Legacy ERP '));
  assert.match(lines[erpLine] ?? '', /root@legacy\.example\.org:2200 {2}\[password\]$/);
  assert.equal(lines[erpLine + 1], '      port 22022 -> 2200');
  const web2Line = lines.findIndex((l) => l.startsWith('  ~ web-2 '));
  assert.deepEqual(lines.slice(web2Line + 1, web2Line + 5), [
    '      jump host bastion -> none',
    '      forwards: - 127.0.0.1:9090 → grafana:3000',
    '      forwards: ~ 127.0.0.1:8080 → localhost:8000 (was localhost:80)',
    '      forwards: + 127.0.0.1:5432 → localhost:5432',
  ]);
  assert.ok(
    lines.includes(
      '  ! web-1: LocalForward 127.0.0.1:5432 → localhost:5432 is not imported: 127.0.0.1:5432 is already used by the forward 127.0.0.1:5432 → db.internal:5432 added in Skein',
    ),
    report,
  );
  assert.ok(report.includes('Imported earlier, no longer in the config (kept) (1):\n  ? pi\n'), report);
});
