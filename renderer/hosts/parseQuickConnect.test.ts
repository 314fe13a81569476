// Quick connect accepts the three address forms (and bracketed IPv6) and refuses everything else in words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QUICK_CONNECT_FORMS, parseQuickConnect } from './parseQuickConnect.js';

function target(input: string) {
  const parsed = parseQuickConnect(input);
  assert.ok(parsed.ok, `${input} -> ${parsed.ok ? '' : parsed.message}`);
  return parsed.target;
}

function refusal(input: string): string {
  const parsed = parseQuickConnect(input);
  assert.ok(!parsed.ok, `${JSON.stringify(input)} was accepted as ${JSON.stringify(parsed.ok && parsed.target)}`);
  assert.ok(parsed.message.includes(QUICK_CONNECT_FORMS), `the refusal names the accepted forms: ${parsed.message}`);
  return parsed.message;
}

test('user@host leaves the port to the default', () => {
  assert.deepEqual(target('alice@db.example.com'), { username: 'alice', host: 'db.example.com' });
  assert.deepEqual(target('  bob@10.0.0.7  '), { username: 'bob', host: '10.0.0.7' });
});

test('user@host:port and ssh://user@host:port carry the port', () => {
  assert.deepEqual(target('alice@db.example.com:2222'), { username: 'alice', host: 'db.example.com', port: 2222 });
  assert.deepEqual(target('ssh://alice@db.example.com:2222'), { username: 'alice', host: 'db.example.com', port: 2222 });
  assert.deepEqual(target('SSH://alice@db'), { username: 'alice', host: 'db' });
});

test('IPv6 literals go in brackets, with or without a port', () => {
  assert.deepEqual(target('alice@[::1]:2222'), { username: 'alice', host: '::1', port: 2222 });
  assert.deepEqual(target('ssh://alice@[2001:db8::5]'), { username: 'alice', host: '2001:db8::5' });
  assert.deepEqual(target('alice@[::ffff:127.0.0.1]:22'), { username: 'alice', host: '::ffff:127.0.0.1', port: 22 });
  assert.match(refusal('alice@::1'), /put it in brackets, as in user@\[::1\]/);
  assert.match(refusal('alice@[::1'), /does not close it/);
  assert.match(refusal('alice@[nonsense]:22'), /not an IPv6 address/);
  assert.match(refusal('alice@[::1]x'), /Only ":port" may follow "\]"/);
});

test('the last "@" splits user from host, as ssh does', () => {
  assert.deepEqual(target('alice@corp.example@jump.example.com'), { username: 'alice@corp.example', host: 'jump.example.com' });
});

test('spaces and control characters are refused', () => {
  assert.match(refusal('alice@db example.com'), /contains a space/);
  assert.match(refusal('alice@db\texample'), /control character|space/);
  assert.match(refusal('alice@db\u0007'), /control character/);
  assert.match(refusal('alice@db\u001b[31m'), /control character/);
  assert.match(refusal('alice\u0000@db'), /control character/);
});

test('anything that looks like an ssh option is refused', () => {
  assert.match(refusal('-oProxyCommand=touch /tmp/pwned'), /space|ssh option/);
  assert.match(refusal('-oProxyCommand=sh'), /looks like an ssh option/);
  assert.match(refusal('-oProxyCommand=sh@host'), /looks like an ssh option/);
  assert.match(refusal('alice@-oProxyCommand=sh'), /looks like an ssh option/);
  assert.match(refusal('ssh://-oProxyCommand=x@host'), /looks like an ssh option/);
});

test('other shapes are refused with the reason', () => {
  assert.match(refusal(''), /Type an address/);
  assert.match(refusal('db.example.com'), /has no user name: write it before the host, as in alice@db.example.com/);
  assert.match(refusal('@db'), /user name before "@" is empty/);
  assert.match(refusal('alice@'), /host after "@" is empty/);
  assert.match(refusal('alice@:22'), /host after "@" is empty/);
  assert.match(refusal('alice@db:0'), /port "0" must be a number from 1 to 65535/);
  assert.match(refusal('alice@db:65536'), /from 1 to 65535/);
  assert.match(refusal('alice@db:ssh'), /port "ssh"/);
  assert.match(refusal('alice@db:'), /port ""/);
  assert.match(refusal('http://alice@db'), /"http:\/\/" is not an ssh address/);
  assert.match(refusal('ssh://alice@db:22/path'), /port "22\/path"/);
  assert.match(refusal('alice@db;rm'), /not a host name/);
  assert.match(refusal('al:ice@db'), /user name "al:ice"/);
  assert.match(refusal('$(id)@db'), /user name "\$\(id\)"/);
});
