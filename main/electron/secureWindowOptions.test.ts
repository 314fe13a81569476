// Every window is isolated and sandboxed, with web security on and Node, webviews, insecure content and experiments off.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secureWindowOptions } from './secureWindowOptions.js';

test('windows are isolated and sandboxed, with Node kept out of the renderer', () => {
  const options = secureWindowOptions('/app/preload.cjs', '/app/icon.png');
  const prefs = options.webPreferences ?? {};
  assert.equal(prefs.preload, '/app/preload.cjs');
  assert.equal(options.icon, '/app/icon.png');
  assert.equal(options.show, false, 'shown at ready-to-show, not as a blank window');
  for (const [key, value] of Object.entries({ contextIsolation: true, sandbox: true, webSecurity: true })) assert.equal(prefs[key as keyof typeof prefs], value, key);
  for (const key of ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag', 'navigateOnDragDrop'] as const) {
    assert.equal(prefs[key], false, key);
  }
  assert.equal(prefs.enableBlinkFeatures, undefined);
  assert.equal(prefs.additionalArguments, undefined);
});
