// Output posted to the page holds the tab's bytes and nothing else: a small Buffer's pool neighbours never leave main.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { tabOutputBuffer } from './tabOutputBuffer.js';

/** What the other side of a port receives: structured clone, as MessagePortMain does it. */
function posted(value: unknown): unknown {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(value);
  const received = receiveMessageOnPort(port2)?.message;
  port1.close();
  return received;
}

test('a pooled Buffer slice goes out as exactly its own bytes', () => {
  const secret = Buffer.from('password=hunter2');
  const output = Buffer.from('$ ls\r\n');
  assert.equal(secret.buffer, output.buffer, "both sit in Node's shared 8 KiB pool");
  // Posting the view itself would carry the whole pool, the other tab's bytes with it.
  const leaked = posted(output) as Uint8Array;
  assert.ok(Buffer.from(leaked.buffer).includes('hunter2'));

  const sent = posted(tabOutputBuffer(output)) as ArrayBuffer;
  assert.ok(sent instanceof ArrayBuffer);
  assert.equal(Buffer.from(sent).toString(), '$ ls\r\n');
});

test('a view that fills its buffer is sent without a copy', () => {
  const whole = new Uint8Array([1, 2, 3]);
  assert.equal(tabOutputBuffer(whole), whole.buffer);
  const empty = new Uint8Array(0);
  assert.equal(tabOutputBuffer(empty).byteLength, 0);
});
