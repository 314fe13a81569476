// The prompt broker: every UI listening hears a prompt, even when one of them throws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HostKeyPromptEvent } from '../../app/api.js';
import { PromptBroker } from './promptBroker.js';

const prompt = { host: '::1', port: 2222, keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc', knownKeys: [] };

test('a UI listener that throws is reported, and the next UI still gets the host-key prompt and answers it', async () => {
  const failed: string[] = [];
  const broker = new PromptBroker((event, error) => failed.push(`${event}: ${(error as Error).message}`));
  broker.onHostKeyPrompt(() => {
    throw new Error('the first window is gone');
  });
  broker.onHostKeyPrompt((p: HostKeyPromptEvent) => broker.answerHostKey(p.promptId, true));
  assert.equal(await broker.askHostKey(prompt), true);
  assert.deepEqual(failed, ['onHostKeyPrompt: the first window is gone']);
});

test('with no UI listening, a host-key prompt is refused naming the endpoint, an IPv6 one in brackets', async () => {
  const broker = new PromptBroker();
  await assert.rejects(broker.askHostKey(prompt), {
    message: 'the host key of [::1]:2222 (ssh-ed25519 SHA256:abc) is unknown and no window is open to confirm it',
  });
});
