// SshConfigReader on small real configs in temp homes: OpenSSH precedence, Includes, Match, ProxyJump chains, skips.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeSshConfigFiles, SshConfigReader, type SshConfigFiles, type SshConfigReaderOptions, type SshConfigReading } from './sshConfigReader.js';

const matchFixture = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures', 'ssh_config', 'match', 'config');

function home(t: TestContext, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'skein-sshcfg-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, '.ssh', name)), { recursive: true });
    // 0600 whatever the umask: OpenSSH (and so the reader) refuses Included files others may write.
    writeFileSync(join(dir, '.ssh', name), text, { mode: 0o600 });
  }
  return dir;
}

async function read(t: TestContext, files: Record<string, string>, extra: Partial<SshConfigReaderOptions> = {}) {
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

test('Match exec, canonical and criteria only a live ssh knows skip their block with the reason; nothing is run', async (t) => {
  const ran = join(mkdtempSync(join(tmpdir(), 'skein-exec-')), 'ran');
  t.after(() => rmSync(dirname(ran), { recursive: true, force: true }));
  const { reading } = await read(t, {
    config: [
      `Match host * exec "touch ${ran}"`,
      '  User matched',
      '  Include never.conf',
      `Match exec "touch ${ran}" host *`,
      '  Port 2200',
      'Match canonical host *',
      '  Port 2201',
      'Match localnetwork 10.0.0.0/8',
      '  Port 2202',
      'Host a',
      '',
    ].join('\n'),
    'never.conf': 'Host never\n',
  });
  const a = candidate(reading, 'a');
  assert.deepEqual([a.username, a.port], ['alice', 22]);
  assert.deepEqual(reading.candidates.map((c) => c.key), ['a']);
  assert.equal(skip(reading, `Match host * exec "touch ${ran}"`).reason, 'Match exec runs a command to decide, and Skein never runs one, so it cannot tell whether this block applies; its settings were applied to no host');
  assert.match(skip(reading, `Match exec "touch ${ran}" host *`).reason, /^Match exec runs a command/);
  assert.match(skip(reading, 'Match canonical host *').reason, /^Match canonical applies after host name canonicalization \(CanonicalizeHostname\), which Skein does not do; its settings were applied to no host$/);
  assert.match(skip(reading, 'Match localnetwork 10.0.0.0/8').reason, /^Match localnetwork depends on the network this machine is on/);
  // The Include inside is read (OpenSSH reads it too), but nothing in it applies.
  assert.match(skip(reading, 'never').reason, /Included from inside "Match host \* exec .*" \(.*config:1\), which Skein cannot evaluate \(Match exec runs a command/);
  assert.equal(existsSync(ran), false, 'no Match exec command ran');
});

test('a Match line ssh itself rejects is skipped with what is wrong, and the rest of the file still counts', async (t) => {
  const { reading } = await read(t, {
    config: 'Match hostname x\n  Port 1\nMatch all host a\n  Port 2\nMatch host a all\n  User both\nHost a\n',
  });
  assert.equal(skip(reading, 'Match hostname x').reason, '"hostname" is not a Match criterion; ssh rejects this config ("Unsupported Match attribute"); its settings were applied to no host');
  assert.match(skip(reading, 'Match all host a').reason, /^"all" cannot be combined with other Match criteria; ssh rejects this config \("Bad Match condition"\)/);
  // OpenSSH allows one criterion before all.
  assert.deepEqual([candidate(reading, 'a').port, candidate(reading, 'a').username], [22, 'both']);
});

test('Match host, originalhost, user, localuser, all and final apply as OpenSSH applies them (fixture)', async () => {
  const reading = await new SshConfigReader({ homeDir: tmpdir(), localUser: 'alice' }).read(matchFixture);
  const seen = (key: string) => {
    const c = candidate(reading, key);
    return { user: c.username, host: c.host, port: c.port, interval: (c.keepalive?.intervalMs ?? 0) / 1000, countMax: c.keepalive?.countMax ?? 3 };
  };
  // host sees web's HostName; Host *.example.com applies to web only in the final pass, where Host lines see the HostName.
  assert.deepEqual(seen('web'), { user: 'deploy', host: 'web.example.com', port: 2201, interval: 30, countMax: 7 });
  // user sees the User obtained so far (ops); the comma list with !alice holds for it.
  assert.deepEqual(seen('web2'), { user: 'ops', host: 'web2.example.com', port: 2201, interval: 11, countMax: 7 });
  // originalhost sees the name typed; Match final host 10.* holds for db's HostName in the second pass only.
  assert.deepEqual(seen('db'), { user: 'dba', host: '10.0.5.5', port: 2210, interval: 11, countMax: 7 });
  assert.deepEqual(seen('laptop'), { user: 'dba', host: 'laptop', port: 22, interval: 11, countMax: 7 });
  // localuser alice holds, !originalhost build does not: every criterion must hold.
  assert.deepEqual(seen('build'), { user: 'ci', host: 'build', port: 22, interval: 11, countMax: 3 });

  const reasons = new Map(reading.skipped.map((s) => [`${s.name} @${s.line}`, s.reason]));
  assert.deepEqual(Object.fromEntries(reasons), {
    'Match host *.example.com @16': 'Match block, not a host; its settings were applied to 2 matching hosts: web, web2',
    'Match originalhost db,laptop @20': 'Match block, not a host; its settings were applied to 2 matching hosts: db, laptop',
    'Match user *,!alice @24': 'Match block, not a host; its settings were applied to 4 matching hosts: web2, db, laptop, build',
    'Match localuser alice !originalhost build @28': 'Match block, not a host; its settings were applied to 4 matching hosts: web, web2, db, laptop',
    'Match !localuser alice @32': 'Match block, not a host; it matches none of the imported hosts',
    'Match all @34': 'Match block, not a host; its settings were applied to 5 matching hosts: web, web2, db, laptop, build',
    'Match exec "test -e /nonexistent/skein-on-vpn" @38':
      'Match exec runs a command to decide, and Skein never runs one, so it cannot tell whether this block applies; its settings were applied to no host',
    'Match final host 10.* @42': 'Match block, not a host; its settings were applied to 1 matching host: db',
    '*.example.com @46': 'wildcard pattern, not a host; its settings were applied to 2 matching hosts: web, web2',
  });
});

test('the Match fixture gives each host what ssh -G gives it', async (t) => {
  try {
    execFileSync('ssh', ['-V'], { stdio: 'ignore' });
  } catch {
    t.skip('no ssh client on PATH to compare with');
    return;
  }
  // ssh evaluates localuser against whoever runs it; the fixture's local user is alice.
  const me = userInfo().username;
  const dir = home(t, { config: readFileSync(matchFixture, 'utf8').replace(/\balice\b/g, me) });
  const config = join(dir, '.ssh', 'config');
  const reading = await new SshConfigReader({ homeDir: dir, localUser: me }).read(config);
  for (const key of ['web', 'web2', 'db', 'laptop', 'build']) {
    const ssh = new Map(
      execFileSync('ssh', ['-G', '-F', config, key], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)] as const),
    );
    const c = candidate(reading, key);
    const skein = [c.username, c.host, String(c.port), String((c.keepalive?.intervalMs ?? 0) / 1000), String(c.keepalive?.countMax ?? 3)];
    const expected = ['user', 'hostname', 'port', 'serveraliveinterval', 'serveralivecountmax'].map((k) => ssh.get(k));
    assert.deepEqual(skein, expected, `${key}: Skein [user, hostname, port, interval, count] vs ssh -G`);
  }
});

test('an Include inside a Match block applies only where the Match holds', async (t) => {
  const { reading } = await read(t, {
    config: 'Host a\nHost b\nMatch originalhost a\n  Include a-only.conf\n',
    'a-only.conf': 'User from-include\n',
  });
  assert.equal(candidate(reading, 'a').username, 'from-include');
  assert.equal(candidate(reading, 'b').username, 'alice');
});

test('ten files that all Include each other are read once each, in well under a second', async (t) => {
  const names = Array.from({ length: 10 }, (_, i) => `f${i}.conf`);
  const files: Record<string, string> = { config: `Include ${names.join(' ')}\nHost top\n` };
  names.forEach((name, i) => {
    files[name] = `Include ${names.filter((n) => n !== name).join(' ')}\nHost h${i}\n`;
  });
  const dir = home(t, files);
  const reads = new Map<string, number>();
  const counting: SshConfigFiles = {
    read: (path, maxBytes) => {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      // A runaway import stops here instead of hanging the test (before the fix: factorially many reads).
      if ([...reads.values()].reduce((a, b) => a + b) > 1000) throw new Error('more than 1000 reads');
      return nodeSshConfigFiles.read(path, maxBytes);
    },
    readDir: (path) => nodeSshConfigFiles.readDir(path),
  };
  const started = performance.now();
  const reading = await new SshConfigReader({ homeDir: dir, localUser: 'alice', files: counting }).read();
  const elapsed = performance.now() - started;
  assert.deepEqual([...reads.values()], Array(11).fill(1), 'the main config and each of the ten files read exactly once');
  assert.ok(elapsed < 1000, `took ${elapsed.toFixed(0)} ms`);
  assert.deepEqual(reading.candidates.map((c) => c.key).sort(), ['h0', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8', 'h9', 'top']);
  const f9 = join(dir, '.ssh', 'f9.conf');
  const loop = reading.skipped.find((s) => s.name === `Include ${join(dir, '.ssh', 'f0.conf')}` && s.file === f9);
  assert.match(loop?.reason ?? '', /^Include loop \(~\/\.ssh\/f0\.conf -> .* -> ~\/\.ssh\/f9\.conf -> ~\/\.ssh\/f0\.conf\); not followed again \(ssh stops on such a config/);
  const again = reading.skipped.find((s) => s.name === `Include ${f9}` && s.file === join(dir, '.ssh', 'f0.conf'));
  assert.equal(again?.reason, 'already read for this import (first Included at ~/.ssh/f8.conf:1); Skein reads each file once, so this Include adds nothing');
});

test('Includes nest 16 deep as in OpenSSH (READCONF_MAX_DEPTH); the 17th level is reported, not read', async (t) => {
  const files: Record<string, string> = { config: 'Include d1.conf\n' };
  for (let i = 1; i <= 18; i++) files[`d${i}.conf`] = `Include d${i + 1}.conf\nHost h${i}\n`;
  const { dir, reading } = await read(t, files);
  assert.equal(reading.files.length, 17, 'the main config and 16 nested files');
  assert.deepEqual(reading.candidates.map((c) => c.key).sort(), Array.from({ length: 16 }, (_, i) => `h${i + 1}`).sort());
  assert.deepEqual(skip(reading, 'Include d17.conf'), {
    name: 'Include d17.conf',
    file: join(dir, '.ssh', 'd16.conf'),
    line: 1,
    reason: 'nested more than 16 Includes deep; not followed (ssh stops on such a config: "Too many recursive configuration includes")',
  });
});

test('a malformed Include pattern is a skipped line with its reason, not a throw', async (t) => {
  const { dir, reading } = await read(t, { config: 'Include conf.d/[abc\nInclude conf.d/[z-a].conf\nHost a\n', 'conf.d/b.conf': 'Host b\n' });
  assert.deepEqual(reading.candidates.map((c) => c.key), ['a']);
  const config = join(dir, '.ssh', 'config');
  assert.deepEqual(skip(reading, 'Include conf.d/[abc'), {
    name: 'Include conf.d/[abc',
    file: config,
    line: 1,
    reason: '"[abc" is not a valid file pattern: the "[" at character 1 has no closing "]"; not followed',
  });
  assert.match(skip(reading, 'Include conf.d/[z-a].conf').reason, /^"\[z-a\]\.conf" is not a valid file pattern: Range out of order in character class; not followed$/);
});

test('a FIFO or a device, as the config or Included, is refused by name and never read (no hang)', { timeout: 10_000 }, async (t) => {
  const dir = home(t, { config: 'Include pipe /dev/zero\nHost a\n' });
  const fifo = join(dir, '.ssh', 'pipe');
  execFileSync('mkfifo', [fifo]);
  const reader = new SshConfigReader({ homeDir: dir, localUser: 'alice' });
  const reading = await reader.read();
  assert.deepEqual(reading.candidates.map((c) => c.key), ['a']);
  assert.equal(skip(reading, `Include ${fifo}`).reason, `${fifo} is a FIFO, not a regular file; Skein reads only regular files, so it was not read`);
  assert.equal(skip(reading, 'Include /dev/zero').reason, '/dev/zero is a character device, not a regular file; Skein reads only regular files, so it was not read');
  for (const path of [fifo, '/dev/zero']) {
    const direct = await reader.read(path);
    assert.deepEqual(direct.candidates, []);
    assert.match(direct.skipped[0]?.reason ?? '', new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a (FIFO|character device), not a regular file`));
  }
});

test('a config file over 1 MiB is not read, and the message names the cap', async (t) => {
  const big = `Host big\n${'# padding\n'.repeat(110_000)}`;
  const { dir, reading } = await read(t, { config: 'Include big.conf\nHost a\n', 'big.conf': big });
  const path = join(dir, '.ssh', 'big.conf');
  assert.deepEqual(reading.candidates.map((c) => c.key), ['a']);
  assert.equal(skip(reading, `Include ${path}`).reason, `${path} is larger than 1 MiB (${big.length} bytes), the most Skein reads from one config file; not read`);
});

test('an Included file others may write, or owned by someone else, is skipped as OpenSSH refuses it', async (t) => {
  const dir = home(t, { config: 'Include group.conf others.conf\nHost a\n', 'group.conf': 'Host g\n', 'others.conf': 'Host o\n', 'theirs.conf': 'Host t\n' });
  const ssh = (name: string) => join(dir, '.ssh', name);
  chmodSync(ssh('group.conf'), 0o664);
  chmodSync(ssh('others.conf'), 0o602);
  const reading = await new SshConfigReader({ homeDir: dir, localUser: 'alice' }).read();
  assert.deepEqual(reading.candidates.map((c) => c.key), ['a']);
  const refused = 'OpenSSH refuses such an Included file ("Bad owner or permissions"), so Skein skipped it';
  assert.equal(skip(reading, `Include ${ssh('group.conf')}`).reason, `${ssh('group.conf')} is writable by group (mode 0664); ${refused}; chmod go-w ${ssh('group.conf')} fixes it`);
  assert.equal(skip(reading, `Include ${ssh('others.conf')}`).reason, `${ssh('others.conf')} is writable by others (mode 0602); ${refused}; chmod go-w ${ssh('others.conf')} fixes it`);

  // As root, hand the file to nobody; otherwise tell the reader it runs as another uid than the file's owner.
  writeFileSync(ssh('config'), 'Include theirs.conf\nHost a\n');
  const root = process.getuid?.() === 0;
  if (root) chownSync(ssh('theirs.conf'), 65534, 65534);
  const uid = root ? 0 : (process.getuid?.() ?? 0) + 1;
  const owner = root ? 65534 : process.getuid?.();
  const theirs = await new SshConfigReader({ homeDir: dir, localUser: 'alice', uid }).read();
  assert.deepEqual(theirs.candidates.map((c) => c.key), ['a']);
  assert.equal(skip(theirs, `Include ${ssh('theirs.conf')}`).reason, `${ssh('theirs.conf')} is owned by uid ${owner}, neither you (uid ${uid}) nor root; ${refused}`);
});

test("a host's file:line is its own block, not that of a host whose name contains its name", async (t) => {
  const { reading } = await read(t, {
    config: ['Host a', '  ProxyJump web2', 'Host b', '  ProxyJump web', 'Host c', '  ProxyJump ops@web2:2200', 'Host d', '  ProxyJump ops@web', ''].join('\n'),
  });
  const lines = Object.fromEntries(reading.candidates.map((c) => [c.key, c.line]));
  assert.deepEqual(lines, { web2: 2, a: 1, web: 4, b: 3, 'ops@web2:2200': 6, c: 5, 'ops@web': 8, d: 7 });
});

test('a missing or unparsable config is reported, not thrown', async (t) => {
  const missing = await read(t, {});
  assert.deepEqual(missing.reading.candidates, []);
  assert.equal(missing.reading.skipped[0]?.reason, 'file not found');
  const broken = await read(t, { config: 'Host a\n  IdentityFile "unterminated\n' });
  assert.match(broken.reading.skipped[0]?.reason ?? '', /cannot parse, nothing in it was read/);
});
