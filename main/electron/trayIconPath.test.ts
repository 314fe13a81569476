// Every tray state has its image on every platform, at 1x and 2x, rendered from assets/tray.svg.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TRAY_STATES } from './trayHealth.js';
import { trayIconPath } from './trayIconPath.js';

const assets = fileURLToPath(new URL('../../assets/', import.meta.url));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${path} is a PNG`);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('each state has a light, a dark and a macOS template image, with a @2x beside each', () => {
  const looks = [
    { platform: 'darwin', dark: false },
    { platform: 'linux', dark: false },
    { platform: 'linux', dark: true },
    { platform: 'win32', dark: true },
  ];
  const paths = new Set<string>();
  for (const state of TRAY_STATES) {
    for (const look of looks) {
      const path = trayIconPath(assets, state, look);
      paths.add(path);
      assert.ok(existsSync(path), `${path} is missing: run assets/render-icons.sh`);
      assert.deepEqual(pngSize(path), [16, 16], path);
      assert.deepEqual(pngSize(path.replace(/\.png$/, '@2x.png')), [32, 32], path);
    }
  }
  assert.equal(paths.size, TRAY_STATES.length * 3, 'light, dark and template differ for every state');
  assert.match(trayIconPath(assets, 'error', { platform: 'darwin', dark: true }), /Template\.png$/, 'macOS colours template images itself');
});

test('the app icon exists at every size the installers take', () => {
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
    assert.deepEqual(pngSize(join(assets, 'icons', `${size}x${size}.png`)), [size, size]);
  }
});
