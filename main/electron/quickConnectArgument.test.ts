// A handed-over ssh:// URL only prefills quick connect; anything that could run a command or pass an option is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quickConnectArgument } from './quickConnectArgument.js';

const launch = (...args: string[]) => quickConnectArgument(['/opt/Skein/skein', '--no-sandbox-not-ours', ...args]);

test('user, host and port are taken; the port defaults to 22', () => {
  assert.deepEqual(launch('ssh://alice@db.example.com:2222'), { prefill: { username: 'alice', host: 'db.example.com', port: 2222 } });
  assert.deepEqual(launch('ssh://alice@db.example.com'), { prefill: { username: 'alice', host: 'db.example.com', port: 22 } });
  assert.deepEqual(launch('ssh://alice@db.example.com/'), { prefill: { username: 'alice', host: 'db.example.com', port: 22 } });
  assert.deepEqual(launch('SSH://bob@10.0.0.2:22'), { prefill: { username: 'bob', host: '10.0.0.2', port: 22 } });
  assert.deepEqual(launch('ssh://me@[::1]:2200'), { prefill: { username: 'me', host: '::1', port: 2200 } });
  assert.deepEqual(launch('ssh://deploy.bot_1@web-1.internal.'), { prefill: { username: 'deploy.bot_1', host: 'web-1.internal.', port: 22 } });
});

test('a launch without an ssh:// argument hands nothing over', () => {
  assert.equal(launch(), undefined);
  assert.equal(launch('tabby://run?command=calc'), undefined);
  assert.equal(launch('--inspect', '/tmp/ssh://x'), undefined);
});

test('hostile inputs are refused whole, naming what is wrong', () => {
  const hostile: [string, RegExp][] = [
    ['ssh://-oProxyCommand=touch%20/tmp/pwned@host', /has a path|host name/],
    ['ssh://-oProxyCommand=calc@host', /user name/],
    ['ssh://alice@-oProxyCommand=calc', /host name/],
    ['ssh://alice@host/bin/sh', /has a path/],
    ['ssh://alice@host:22/?command=rm%20-rf', /has a path|has a query/],
    ['ssh://alice@host?command=calc', /has a query/],
    ['ssh://alice@host#frag', /has a fragment/],
    ['ssh://alice:hunter2@host', /carries a password/],
    ['ssh://alice;fingerprint=SHA256-x@host', /user name/],
    ['ssh://al%20ice@host', /user name/],
    ['ssh://alice@host%0aProxyCommand', /host name/],
    ['ssh://alice@host\nProxyCommand=x', /control characters/],
    ['ssh://alice@ho st', /control characters/],
    ['ssh://alice@exämple.com', /host name/],
    ['ssh://alice@host:0', /port/],
    ['ssh://alice@host:65536', /not a valid URL/],
    ['ssh://alice@host:22abc', /not a valid URL/],
    ['ssh://@host', /names no user/],
    ['ssh://host', /names no user/],
    ['ssh://alice@', /not a valid URL|names no host/],
    ['ssh://alice@host_with_underscore', /host name/],
    [`ssh://alice@${'a'.repeat(400)}.com`, /longer than/],
    [`ssh://${'u'.repeat(65)}@host`, /user name/],
    // Shell metacharacters in the user or the host, bare or percent-encoded: nothing of them reaches a shell or ssh.
    ['ssh://a$(id)@host', /user name/],
    ['ssh://a`id`@host', /user name/],
    ['ssh://a;id@host', /user name/],
    ['ssh://a|id@host', /user name/],
    ["ssh://al'ice@host", /user name/],
    ['ssh://al%24(id)ice@host', /user name/],
    ['ssh://alice@host$(id)', /host name/],
    ['ssh://alice@h`id`', /host name/],
    ['ssh://alice@h;id', /host name/],
    ['ssh://alice@h&id', /host name/],
    ['ssh://alice@h|id', /not a valid URL/],
    ['ssh://alice@h%24(id)', /host name/],
    ['ssh://alice@host\r', /control characters/],
    ['ssh://alice@host:22\n', /control characters/],
  ];
  for (const [arg, why] of hostile) {
    const result = launch(arg);
    assert.ok(result && 'refused' in result, `${JSON.stringify(arg)} was accepted: ${JSON.stringify(result)}`);
    assert.match(result.refused, why, arg);
    assert.match(result.refused, /expected ssh:\/\/user@host\[:port\]/);
  }
  const two = launch('ssh://a@h1', 'ssh://b@h2');
  assert.ok(two && 'refused' in two && /2 ssh:\/\/ arguments/.test(two.refused));
});
