// toSkeinError: each layer's failure keeps its meaning (code, words, fix, field) on its way to the UI.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SkeinError } from '../../app/skeinError.js';
import { ForwardError } from '../forward/forwardError.js';
import { HostError } from '../hosts/hostError.js';
import { PoolError } from '../pool/poolError.js';
import { HostKeyError, type HostKeyErrorDetails } from '../trust/hostKeyError.js';
import { toSkeinError } from './toSkeinError.js';

const presented = { host: '127.0.0.1', port: 2222, keyType: 'ssh-ed25519', fingerprint: 'SHA256:new' };

test('a refused host key keeps its kind through the pool, a jump host and a reconnect', () => {
  const kinds: Array<[HostKeyErrorDetails['kind'], string]> = [
    ['changed', 'HOST_KEY_CHANGED'],
    ['revoked', 'HOST_KEY_REVOKED'],
    ['rejected', 'HOST_KEY_REJECTED'],
    ['unknown-refused', 'HOST_KEY_UNKNOWN'],
  ];
  for (const [kind, code] of kinds) {
    const refused = new HostKeyError({ kind, ...presented, knownFingerprint: 'SHA256:old', location: { path: '/k/known_hosts', line: 3 } });
    const inPool = new PoolError('HOST_KEY_REFUSED', refused.message, 'me@127.0.0.1:2222', { cause: refused });
    const viaJump = new PoolError('HOST_KEY_REFUSED', `cannot reach db:22 through jump host me@127.0.0.1:2222: ${inPool.message}`, 'me@db:22', { cause: inPool });
    const afterReconnect = new PoolError('HOST_KEY_REFUSED', `gave up reconnecting to me@db:22 after 1 attempts: ${viaJump.message}`, 'me@db:22', { cause: viaJump });
    const e = toSkeinError(afterReconnect);
    assert.equal(e.code, code);
    assert.equal(e.message, afterReconnect.message, 'the outermost message says the most');
    assert.ok(e.hint, `${kind} has a hint`);
  }
});

test("a changed key's hint is a command that removes exactly the old key, whatever the path holds", () => {
  const dir = mkdtempSync(join(tmpdir(), "skein it's-"));
  try {
    const knownHosts = join(dir, 'known hosts');
    const other = 'other.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
    writeFileSync(knownHosts, `${other}\n[127.0.0.1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n`);
    const refused = new HostKeyError({ kind: 'changed', ...presented, knownFingerprint: 'SHA256:old', location: { path: knownHosts, line: 2 } });
    const { hint } = toSkeinError(new PoolError('HOST_KEY_REFUSED', refused.message, 'k', { cause: refused }));
    const command = /(ssh-keygen -R .*) and connect again\.$/.exec(hint ?? '')?.[1];
    assert.ok(command, `a command in: ${hint}`);
    execFileSync('sh', ['-c', command], { stdio: 'ignore' });
    assert.equal(readFileSync(knownHosts, 'utf8'), `${other}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('layer errors keep their code; hints come from the thrower when it knows, else from the code', () => {
  const portInUse = toSkeinError(new ForwardError('PORT_IN_USE', 'cannot forward 127.0.0.1:8080: local port 8080 is already in use', 'web'));
  assert.equal(portInUse.code, 'PORT_IN_USE');
  assert.match(portInUse.hint ?? '', /another local port/);

  const auth = toSkeinError(new PoolError('AUTH_FAILED', 'authentication to me@h:22 failed', 'me@h:22'));
  assert.deepEqual(auth.toShape(), { code: 'AUTH_FAILED', message: 'authentication to me@h:22 failed', hint: "Check the user name and the password, key or agent set in the host's settings." });

  const invalid = toSkeinError(new HostError('INVALID_INPUT', 'cannot save host "x": port: must be from 1 to 65535', { field: 'draft.port' }));
  assert.deepEqual(invalid.toShape(), { code: 'INVALID_INPUT', message: 'cannot save host "x": port: must be from 1 to 65535', field: 'draft.port' });

  const secret = toSkeinError(new HostError('SECRET_MISSING', 'no password is saved for "r"', { hint: 'Save the password.' }));
  assert.equal(secret.hint, 'Save the password.');

  // The vault's error class is not known here; its code from the closed list is enough.
  class VaultLike extends Error {
    readonly code = 'VAULT_DAMAGED';
  }
  const vault = toSkeinError(new VaultLike('the vault file /v.json is damaged'));
  assert.equal(vault.code, 'VAULT_DAMAGED');
  assert.match(vault.hint ?? '', /backup/);
});

test('what nobody classified is INTERNAL with its message; a SkeinError passes unchanged', () => {
  const errno = Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' });
  assert.deepEqual(toSkeinError(errno).toShape(), { code: 'INTERNAL', message: 'EMFILE: too many open files' });
  assert.equal(toSkeinError('oops').code, 'INTERNAL');
  assert.match(toSkeinError('oops').message, /oops/);
  const looped = new Error('a');
  (looped as { cause?: unknown }).cause = looped;
  assert.equal(toSkeinError(looped).code, 'INTERNAL');
  const own = new SkeinError({ code: 'HOST_NOT_FOUND', message: 'no saved host with id "x"' });
  assert.equal(toSkeinError(own), own);
});
