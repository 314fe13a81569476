// The Electron renderer's bridge: events from the preload reach every listener, even when one throws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ipcBridge, type SkeinIpc } from './ipcBridge.js';

/** The preload's two doors, driven by hand: `deliver` is what main's webContents.send would bring. */
function preload(): { ipc: SkeinIpc; deliver: (event: string, args: unknown[]) => void } {
  let listener: (event: string, args: unknown[]) => void = () => undefined;
  return {
    ipc: {
      call: () => Promise.resolve(undefined),
      subscribe: (l) => {
        listener = l;
        return () => undefined;
      },
    },
    deliver: (event, args) => listener(event, args),
  };
}

test('a listener that throws does not keep the next one from the event; its error is thrown again on its own task', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { ipc, deliver } = preload();
  const api = ipcBridge(ipc);
  api.onTabRestored(() => {
    throw new Error('a view that was unmounted');
  });
  const heard: string[] = [];
  const stop = api.onTabRestored((tabId) => heard.push(tabId));

  assert.doesNotThrow(() => deliver('onTabRestored', ['t1']));
  assert.deepEqual(heard, ['t1']);
  assert.throws(() => t.mock.timers.tick(0), { message: 'a view that was unmounted' });

  stop();
  deliver('onTabRestored', ['t2']);
  assert.deepEqual(heard, ['t1'], 'an unsubscribed listener hears nothing more');
});
