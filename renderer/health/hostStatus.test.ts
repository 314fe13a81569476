// A host's one-word status, the summary line and the sort: what lets a person see at a glance which hosts are fine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectionHealth, ForwardHealth, HostHealth } from '../../app/health.js';
import { connectionKeyOf } from '../../app/hosts.js';
import { connectionHealth, hostHealth } from '../../test/fixtures/connectionHealth.js';
import { healthSummary } from './healthSummary.js';
import { hostStatus } from './hostStatus.js';
import { problemsFirst } from './problemsFirst.js';

const conn = (c: Partial<ConnectionHealth>): ConnectionHealth => connectionHealth({ id: 'c', rttMs: 1, keepalive: { intervalMs: 15_000, countMax: 3 }, ...c });

function host(username: string, connections: Partial<ConnectionHealth>[], extra: Partial<HostHealth> = {}): HostHealth {
  return hostHealth(connectionKeyOf({ username, host: 'db' }), connections.map(conn), extra);
}

const failedForward = { id: 'f', state: 'failed' } as ForwardHealth;

test('a host is as well as its worst connection', () => {
  assert.equal(hostStatus(host('a', [{}])), 'healthy');
  assert.equal(hostStatus(host('a', [{}, { state: 'reconnecting' }])), 'reconnecting');
  assert.equal(hostStatus(host('a', [{ state: 'reconnecting' }, { state: 'failed' }])), 'failed');
  assert.equal(hostStatus(host('a', [{ state: 'connecting' }])), 'connecting');
  assert.equal(hostStatus(host('a', [{}, { state: 'connecting' }])), 'healthy', 'a second connection opening is no problem');
});

test('connected but unanswered keep-alives, waiting requests or a failed forward are warnings', () => {
  assert.equal(hostStatus(host('a', [{ keepaliveMisses: 1 }])), 'warning');
  assert.equal(hostStatus(host('a', [{}], { waiting: 2 })), 'warning');
  assert.equal(hostStatus(host('a', [{}], { forwards: [failedForward] })), 'warning');
});

test('nothing open is idle, unless the host says why it has nothing', () => {
  assert.equal(hostStatus(host('a', [])), 'idle');
  assert.equal(hostStatus(host('a', [{ state: 'closing' }])), 'idle');
  assert.equal(hostStatus(host('a', [], { lastError: 'connect ECONNREFUSED 127.0.0.1:22' })), 'failed');
});

test('the summary counts hosts healthy first, then the problems, in words', () => {
  assert.equal(healthSummary(['healthy', 'reconnecting', 'healthy', 'healthy']), '3 hosts healthy, 1 reconnecting');
  assert.equal(healthSummary(['healthy']), '1 host healthy');
  assert.equal(healthSummary(['reconnecting', 'failed', 'failed', 'warning']), '2 hosts failed, 1 reconnecting, 1 with warnings');
  assert.equal(healthSummary([]), 'No open connections');
});

test('problems sort first, worst first, then by name', () => {
  const hosts = [host('b-ok', [{}]), host('a-ok', [{}]), host('z-down', [{ state: 'failed' }]), host('m-back', [{ state: 'reconnecting' }])];
  assert.deepEqual(
    problemsFirst(hosts).map((h) => h.key),
    ['z-down@db:22', 'm-back@db:22', 'a-ok@db:22', 'b-ok@db:22'],
  );
  assert.deepEqual(
    hosts.map((h) => h.key),
    ['b-ok@db:22', 'a-ok@db:22', 'z-down@db:22', 'm-back@db:22'],
    'the snapshot itself is left alone',
  );
});
