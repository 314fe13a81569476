// Web mode's frames: terminal bytes survive encode and decode exactly, and malformed frames and calls name what is wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SkeinError } from '../app/skeinError.js';
import { callIdOf, decodeTabFrame, encodeTabFrame, parseCallMessage } from '../app/webProtocol.js';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SkeinError);
    assert.equal(err.code, 'INVALID_INPUT');
    return err.field;
  }
  assert.fail('expected INVALID_INPUT');
}

test('output and input frames carry every byte value as it is, after a small header', () => {
  const data = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (const kind of ['output', 'input'] as const) {
    const frame = encodeTabFrame({ kind, tabId: 't12', data });
    assert.equal(frame.byteLength, 2 + 3 + 256);
    const back = decodeTabFrame(frame);
    assert.equal(back.kind, kind);
    assert.equal(back.tabId, 't12');
    assert.ok('data' in back && Buffer.from(back.data).equals(Buffer.from(data)));
  }
  // A view into a larger buffer (as ws and Buffer pools give) decodes the same.
  const pooled = new Uint8Array(100);
  const inner = encodeTabFrame({ kind: 'input', tabId: 't1', data: new Uint8Array([1, 2, 3]) });
  pooled.set(inner, 40);
  const view = decodeTabFrame(pooled.subarray(40, 40 + inner.byteLength));
  assert.ok('data' in view && Buffer.from(view.data).equals(Buffer.from([1, 2, 3])));
});

test('acks carry a 32-bit count', () => {
  for (const bytes of [0, 1, 65_536, 0xffff_ffff]) {
    assert.deepEqual(decodeTabFrame(encodeTabFrame({ kind: 'ack', tabId: 't1', bytes })), { kind: 'ack', tabId: 't1', bytes });
  }
  assert.equal(fieldOf(() => encodeTabFrame({ kind: 'ack', tabId: 't1', bytes: 2 ** 32 })), 'bytes');
  assert.equal(fieldOf(() => encodeTabFrame({ kind: 'ack', tabId: 't1', bytes: -1 })), 'bytes');
  assert.equal(fieldOf(() => decodeTabFrame(new Uint8Array([3, 1, 0x74, 0, 0]))), 'bytes');
});

test('malformed frames are refused with the field', () => {
  assert.equal(fieldOf(() => decodeTabFrame(new Uint8Array([]))), 'frame');
  assert.equal(fieldOf(() => decodeTabFrame(new Uint8Array([7, 1, 0x74]))), 'frame');
  assert.equal(fieldOf(() => decodeTabFrame(new Uint8Array([2, 0]))), 'frame');
  assert.equal(fieldOf(() => decodeTabFrame(new Uint8Array([2, 5, 0x74]))), 'frame');
  assert.equal(fieldOf(() => decodeTabFrame(new Uint8Array([2, 1, 0x20]))), 'tabId');
  assert.equal(fieldOf(() => encodeTabFrame({ kind: 'input', tabId: 'tab é', data: new Uint8Array() })), 'tabId');
  assert.equal(fieldOf(() => encodeTabFrame({ kind: 'input', tabId: 'x'.repeat(256), data: new Uint8Array() })), 'tabId');
});

test('calls: JSON { id, method, args }, each part named when wrong', () => {
  assert.deepEqual(parseCallMessage('{"id":3,"method":"listHosts","args":[]}'), { id: 3, method: 'listHosts', args: [] });
  assert.equal(fieldOf(() => parseCallMessage('{not json')), 'message');
  assert.equal(fieldOf(() => parseCallMessage('[1,2]')), 'message');
  assert.equal(fieldOf(() => parseCallMessage('{"method":"listHosts","args":[]}')), 'id');
  assert.equal(fieldOf(() => parseCallMessage('{"id":1.5,"method":"listHosts","args":[]}')), 'id');
  assert.equal(fieldOf(() => parseCallMessage('{"id":1,"method":7,"args":[]}')), 'method');
  assert.equal(fieldOf(() => parseCallMessage('{"id":1,"method":"x","args":{}}')), 'args');
  assert.equal(callIdOf('{"id":9,"method":7}'), 9);
  assert.equal(callIdOf('{oops'), null);
});
