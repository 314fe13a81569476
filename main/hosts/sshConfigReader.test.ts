// SshConfigReader on small real configs in temp homes: OpenSSH precedence, Includes, ProxyJump chains, skips.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SshConfigReader, type SshConfigReading } from './sshConfigReader.js';

function home(t: TestContext, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'skein-sshcfg-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, '.ssh', name)), { recursive: true });
    writeFileSync(join(dir, '.ssh', name), text);
  }
  return dir;
}

async function read(t: TestContext, files: Record<string, string>, extra: { maxIncludeDepth?: number } = {}) {
  const dir = home(t, files);
  const reading = await new SshConfigReader({ homeDir: dir, localUser: 'alice', ...extra }).read();
  return { dir, reading };
}

function candidate(reading: SshConfigReading, key: string) {
  const c = reading.candidates.find((x) => x.key === key);
  assert.ok(c, `no candidate ${key}; have ${reading.candidates.map((x) => x.key).join(', ')}`);
  return c;
}

function skip(reading: SshConfigReading, name: string) {
  const s = reading.skipped.find((x) => x.name === name);
  assert.ok(s, `no skip ${name}; have ${reading.skipped.map((x) => x.name).join(', ')}`);
  return s;
}

test('the first obtained value wins, as in OpenSSH, including from patterns listed first', async (t) => {
  const { reading } = await read(t, {
    config: 'Host *.example.com web\n  User early\n\nHost web\n  HostName web.example.com\n  User late\n  Port 2200\n\nHost *\n  Port 2222\n',
  });
  const web = candidate(reading, 'web');
  assert.equal(web.username, 'early');
  assert.equal(web.port, 2200);
  assert.equal(web.host, 'web.example.com');
});

test('a host with no User logs in as the local user; Host patterns match the alias, not the HostName', async (t) => {
  const { reading } = await read(t, { config: 'Host app\n  HostName app.internal\nHost *.internal\n  User nobody\n' });
  assert.equal(candidate(reading, 'app').username, 'alice');
  assert.match(skip(reading, '*.internal').reason, /matches none of the imported hosts/);
});

test('IdentityFile expands ~, %d, %u, %h, %r, %p, %n and %%, and warns about tokens it cannot know', async (t) => {
  const { dir, reading } = await read(t, {
    config: [
      'Host a',
      '  HostName a.example.com',
      '  User bob',
      '  Port 2022',
      '  IdentityFile %d/keys/%u-%r@%h-%p-%n-100%%',
      'Host b',
      '  IdentityFile "~/.ssh/with space"',
      'Host c',
      '  IdentityFile ~/.ssh/%C',
      'Host d',
      '  IdentityFile keys/relative',
      '',
    ].join('\n'),
  });
  assert.deepEqual(candidate(reading, 'a').auth, { method: 'key', keyPath: join(dir, 'keys', 'alice-bob@a.example.com-2022-a-100%') });
  assert.deepEqual(candidate(reading, 'b').auth, { method: 'key', keyPath: join(dir, '.ssh', 'with space') });
  assert.match(candidate(reading, 'c').warnings.join(), /%C left as is/);
  assert.equal(candidate(reading, 'd').auth.keyPath, join(dir, 'keys', 'relative'));
  assert.match(candidate(reading, 'd').warnings.join(), /is relative/);
});

test('ServerAliveInterval becomes milliseconds; bad numbers are warned about, not guessed', async (t) => {
  const { reading } = await read(t, {
    config: 'Host a\n  ServerAliveInterval 15\n  ServerAliveCountMax 2\nHost b\n  ServerAliveInterval soon\n  ServerAliveCountMax 0\n',
  });
  assert.deepEqual(candidate(reading, 'a').keepalive, { intervalMs: 15000, countMax: 2 });
  assert.equal(candidate(reading, 'b').keepalive, undefined);
  assert.equal(candidate(reading, 'b').warnings.length, 2);
});

test('LocalForward adds up across the Host block and matching patterns, in order, in every written form', async (t) => {
  const { dir, reading } = await read(t, {
    config: [
      'Host app',
      '  LocalForward 8080 localhost:80',
      '  LocalForward=localhost:5432 db.internal:5432',
      '  LocalForward = [::1]:6443 [fd00::10]:443',
      '  LocalForward 192.168.1.5:9000 metrics:9000',
      '  LocalForward "8081" "localhost:81"',
      'Host a*',
      '  LocalForward *:3000 grafana:3000',
      '  LocalForward :3001 grafana:3001',
      '',
    ].join('\n'),
  });
  const app = candidate(reading, 'app');
  assert.deepEqual(app.localForwards, [
    { id: 'ssh-config-8080', bindAddress: '127.0.0.1', bindPort: 8080, remoteHost: 'localhost', remotePort: 80, autoStart: false },
    { id: 'ssh-config-5432', bindAddress: '127.0.0.1', bindPort: 5432, remoteHost: 'db.internal', remotePort: 5432, autoStart: false },
    { id: 'ssh-config-[::1]-6443', bindAddress: '::1', bindPort: 6443, remoteHost: 'fd00::10', remotePort: 443, autoStart: false },
    { id: 'ssh-config-192.168.1.5-9000', bindAddress: '192.168.1.5', bindPort: 9000, remoteHost: 'metrics', remotePort: 9000, autoStart: false },
    { id: 'ssh-config-8081', bindAddress: '127.0.0.1', bindPort: 8081, remoteHost: 'localhost', remotePort: 81, autoStart: false },
    { id: 'ssh-config-0.0.0.0-3000', bindAddress: '0.0.0.0', bindPort: 3000, remoteHost: 'grafana', remotePort: 3000, autoStart: false },
    { id: 'ssh-config-0.0.0.0-3001', bindAddress: '0.0.0.0', bindPort: 3001, remoteHost: 'grafana', remotePort: 3001, autoStart: false },
  ]);
  const config = join(dir, '.ssh', 'config');
  assert.deepEqual(app.warnings, [
    `LocalForward *:3000 grafana:3000 (${config}:8) listens on all interfaces (0.0.0.0:3000), so other machines can connect through it`,
    `LocalForward :3001 grafana:3001 (${config}:9) listens on all interfaces (0.0.0.0:3001), so other machines can connect through it`,
  ]);
});

test('LocalForward: repeats, Unix sockets and malformed lines are warned about by line and left out; other forwards stay warnings', async (t) => {
  const { dir, reading } = await read(t, {
    config: [
      'Host app',
      '  LocalForward 8080 localhost:80',
      '  LocalForward 127.0.0.1:8080 localhost:8000',
      '  LocalForward 8443 /run/app.sock',
      '  LocalForward /tmp/local.sock localhost:22',
      '  LocalForward 8085',
      '  LocalForward 70000 localhost:80',
      '  LocalForward 8086 localhost:http',
      '  LocalForward ::1:8087 localhost:80',
      '  LocalForward 8088 localhost:80 extra',
      '  RemoteForward 52698 localhost:52698',
      '  DynamicForward 1080',
      'Host *',
      '  LocalForward 8080 localhost:80',
      'Host quiet',
      '  ClearAllForwardings yes',
      '',
    ].join('\n'),
  });
  const config = join(dir, '.ssh', 'config');
  const app = candidate(reading, 'app');
  assert.deepEqual(app.localForwards.map((f) => f.id), ['ssh-config-8080']);
  assert.equal(app.localForwards[0]?.remotePort, 80, 'the first LocalForward for an address wins');
  // The same LocalForward again from Host * is dropped without a word, as ssh does.
  assert.deepEqual(app.warnings, [
    `LocalForward 127.0.0.1:8080 localhost:8000 (${config}:3): 127.0.0.1:8080 is already forwarded to localhost:80 by an earlier LocalForward; not imported`,
    `LocalForward 8443 /run/app.sock (${config}:4): Unix-socket forwards are not supported; not imported`,
    `LocalForward /tmp/local.sock localhost:22 (${config}:5): Unix-socket forwards are not supported; not imported`,
    `LocalForward 8085 (${config}:6): not [bind_address:]port host:hostport; not imported`,
    `LocalForward 70000 localhost:80 (${config}:7): local port "70000" is not a port number (1-65535); not imported`,
    `LocalForward 8086 localhost:http (${config}:8): remote port "http" is not a port number (1-65535); not imported`,
    `LocalForward ::1:8087 localhost:80 (${config}:9): not [bind_address:]port host:hostport; not imported`,
    `LocalForward 8088 localhost:80 extra (${config}:10): not [bind_address:]port host:hostport; not imported`,
    'RemoteForward 52698 localhost:52698 is not imported; add it as a forward in Skein',
    'DynamicForward 1080 is not imported; add it as a forward in Skein',
  ]);
  const quiet = candidate(reading, 'quiet');
  assert.deepEqual([quiet.localForwards, quiet.warnings], [[], []], 'ClearAllForwardings yes: ssh sets up none');
});

test('ProxyJump: aliases, user@host:port specs, IPv6, none, and values from patterns', async (t) => {
  const { reading } = await read(t, {
    config: [
      'Host bastion',
      '  HostName bastion.example.com',
      '  User jump',
      'Host a',
      '  ProxyJump bastion',
      'Host b',
      '  ProxyJump root@bastion:2200',
      'Host c',
      '  ProxyJump ops@[fe80::1]:2222',
      'Host d',
      '  ProxyJump none',
      'Host e',
      'Host * !bastion !fe80::1',
      '  ProxyJump bastion',
      '',
    ].join('\n'),
  });
  assert.equal(candidate(reading, 'a').jumpKey, 'bastion');
  const rootAtBastion = candidate(reading, 'root@bastion:2200');
  assert.equal(rootAtBastion.kind, 'jump');
  // The alias's settings still apply to the spec's host name; the spec's user and port come first.
  assert.deepEqual([rootAtBastion.username, rootAtBastion.host, rootAtBastion.port], ['root', 'bastion.example.com', 2200]);
  assert.equal(rootAtBastion.jumpKey, undefined);
  assert.equal(candidate(reading, 'b').jumpKey, 'root@bastion:2200');
  const v6 = candidate(reading, 'ops@[fe80::1]:2222');
  assert.deepEqual([v6.username, v6.host, v6.port, v6.jumpKey], ['ops', 'fe80::1', 2222, undefined]);
  assert.equal(candidate(reading, 'd').jumpKey, undefined);
  assert.equal(candidate(reading, 'e').jumpKey, 'bastion');
});

test('a jump host that matches its own ProxyJump pattern is a loop (ssh would recurse forever)', async (t) => {
  const { reading } = await read(t, { config: 'Host gw\nHost app\nHost *\n  ProxyJump gw\n' });
  assert.match(skip(reading, 'gw').reason, /^ProxyJump loop: gw -> gw$/);
  assert.match(skip(reading, 'app').reason, /its jump host cannot be imported: ProxyJump loop: gw -> gw/);
});

test('a chain reuses a hop that already jumps the same way, copies one that does not, and invents no loops', async (t) => {
  const { reading } = await read(t, {
    config: [
      'Host a',
      'Host b',
      '  ProxyJump a',
      'Host c',
      'Host t1',
      '  ProxyJump a,b',
      'Host t2',
      '  ProxyJump a,c',
      // ssh x -> x via [y, x-as-hop]: x's own ProxyJump is overridden for the hop, so no loop.
      'Host x',
      '  ProxyJump y,z',
      'Host y',
      'Host z',
      '  ProxyJump x',
      '',
    ].join('\n'),
  });
  assert.equal(candidate(reading, 't1').jumpKey, 'b');
  assert.equal(candidate(reading, 't2').jumpKey, 'c via a');
  assert.equal(candidate(reading, 'c via a').kind, 'hop');
  assert.equal(candidate(reading, 'c via a').jumpKey, 'a');
  assert.equal(candidate(reading, 'c').jumpKey, undefined);
  assert.equal(candidate(reading, 'x').jumpKey, 'z via y');
  assert.equal(candidate(reading, 'z').jumpKey, 'x');
  assert.deepEqual(reading.skipped, []);
  // Jump hosts always come before the hosts that use them.
  const order = reading.candidates.map((c) => c.key);
  for (const c of reading.candidates) if (c.jumpKey) assert.ok(order.indexOf(c.jumpKey) < order.indexOf(c.key), c.key);
});

test('hosts depending on a skipped host are skipped with the reason', async (t) => {
  const { reading } = await read(t, { config: 'Host gw\n  Port 0\nHost app\n  ProxyJump gw\nHost bad\n  ProxyJump @\n' });
  assert.match(skip(reading, 'gw').reason, /Port "0" is not a port number/);
  assert.match(skip(reading, 'app').reason, /its jump host cannot be imported: Port "0"/);
  assert.match(skip(reading, 'bad').reason, /"@" is not \[user@\]host\[:port\]/);
});

test('Include: relative to ~/.ssh, absolute and ~ paths, sorted globs, hidden files and non-matching names left out', async (t) => {
  const { dir, reading } = await read(t, {
    config: 'Include conf.d/*.conf ~/.ssh/extra\nHost main\n',
    'conf.d/20-b.conf': 'Host b\n',
    'conf.d/10-a.conf': 'Host a\n',
    'conf.d/.hidden.conf': 'Host hidden\n',
    'conf.d/notes.txt': 'Host txt\n',
    extra: `Include ${join(tmpdir(), 'skein-no-such-include.conf')}\nHost extra\n`,
  });
  assert.deepEqual(reading.candidates.map((c) => c.key), ['a', 'b', 'extra', 'main']);
  assert.deepEqual(reading.files, ['config', 'conf.d/10-a.conf', 'conf.d/20-b.conf', 'extra'].map((f) => join(dir, '.ssh', f)));
  assert.match(reading.skipped[0]?.reason ?? '', /file not found/);
});

test('Include loops and over-deep nesting are reported and not followed', async (t) => {
  const loop = await read(t, { config: 'Include a.conf\nHost top\n', 'a.conf': 'Include b.conf\nHost a\n', 'b.conf': 'Include a.conf\nHost b\n' });
  assert.deepEqual(loop.reading.candidates.map((c) => c.key).sort(), ['a', 'b', 'top']);
  assert.match(loop.reading.skipped[0]?.reason ?? '', /Include loop \(~\/\.ssh\/a\.conf -> ~\/\.ssh\/b\.conf -> ~\/\.ssh\/a\.conf\)/);

  const files: Record<string, string> = { config: 'Include d1.conf\n' };
  for (let i = 1; i <= 5; i++) files[`d${i}.conf`] = `Include d${i + 1}.conf\nHost h${i}\n`;
  const deep = await read(t, files, { maxIncludeDepth: 3 });
  assert.deepEqual(deep.reading.candidates.map((c) => c.key), ['h3', 'h2', 'h1']);
  assert.match(deep.reading.skipped[0]?.reason ?? '', /nested more than 3 Includes deep/);
});

test('an Include inside a Host block is conditional, as in OpenSSH', async (t) => {
  const { reading } = await read(t, {
    config: 'Host *.corp\n  Include corp.conf\nHost after\n',
    'corp.conf': 'User corp-user\nHost lonely\n  HostName lonely.example.com\n',
  });
  assert.match(skip(reading, 'lonely').reason, /Included from inside "Host \*\.corp" \(.*config:1\), which does not match it/);
  assert.equal(candidate(reading, 'after').username, 'alice');
});

test('Match blocks are skipped with a reason and their settings (and Includes) are never applied', async (t) => {
  const { reading } = await read(t, {
    config: 'Match host * exec "touch /tmp/skein-must-not-run"\n  User matched\n  Include never.conf\nHost a\n',
    'never.conf': 'Host never\n',
  });
  assert.equal(candidate(reading, 'a').username, 'alice');
  assert.deepEqual(reading.candidates.map((c) => c.key), ['a']);
  assert.match(skip(reading, 'Match host * exec "touch /tmp/skein-must-not-run"').reason, /not evaluated/);
  assert.equal(existsSync('/tmp/skein-must-not-run'), false);
});

test('a missing or unparsable config is reported, not thrown', async (t) => {
  const missing = await read(t, {});
  assert.deepEqual(missing.reading.candidates, []);
  assert.equal(missing.reading.skipped[0]?.reason, 'file not found');
  const broken = await read(t, { config: 'Host a\n  IdentityFile "unterminated\n' });
  assert.match(broken.reading.skipped[0]?.reason ?? '', /cannot parse, nothing in it was read/);
});

test("a host's file:line is its own block, not that of a host whose name contains its name", async (t) => {
  const { reading } = await read(t, {
    config: ['Host a', '  ProxyJump web2', 'Host b', '  ProxyJump web', 'Host c', '  ProxyJump ops@web2:2200', 'Host d', '  ProxyJump ops@web', ''].join('\n'),
  });
  const lines = Object.fromEntries(reading.candidates.map((c) => [c.key, c.line]));
  assert.deepEqual(lines, { web2: 2, a: 1, web: 4, b: 3, 'ops@web2:2200': 6, c: 5, 'ops@web': 8, d: 7 });
});
