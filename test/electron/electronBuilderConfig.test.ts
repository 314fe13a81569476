// electron-builder.yml as electron-builder itself reads and validates it: the targets, asar, the fuses, the icons.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DebugLogger, setPrinter } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';

const root = fileURLToPath(new URL('../../', import.meta.url));
// electron-builder prints "loaded configuration" to stdout, which the test runner reads as its own channel.
const printed: string[] = [];
setPrinter((message) => void printed.push(message));

async function builderConfig(): Promise<Configuration> {
  const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
  // electron-builder's own check of every key against its schema: a misspelt fuse or target fails here.
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

const targets = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).map((t: unknown) => (typeof t === 'string' ? t : (t as { target: string }).target));

test('electron-builder accepts the configuration: installers for every platform, from an asar', async () => {
  const config = await builderConfig();
  assert.equal(config.appId, 'dev.skein.desktop');
  assert.equal(config.asar, true);
  assert.deepEqual(targets(config.linux?.target), ['AppImage', 'deb']);
  assert.deepEqual(targets(config.mac?.target), ['dmg']);
  assert.deepEqual(targets(config.win?.target), ['nsis']);
  assert.equal(config.productName, 'Skein');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { productName?: string; scripts: Record<string, string>; devDependencies: Record<string, string> };
  assert.equal(pkg.productName, undefined, "the user-data folder keeps the package's name, where web mode looks for it");
  assert.match(pkg.scripts.dist ?? '', /electron-builder/);
  assert.ok(pkg.devDependencies['electron-builder']);
  // electron-builder normalizes the list into file sets.
  const files = (config.files as { filter?: string[] }[]).flatMap((set) => set.filter ?? []);
  assert.ok(files.includes('dist/**/*'), 'the built app goes in');
  assert.ok(files.includes('!dist/**/*.map'), 'source maps stay out');
  assert.ok(files.includes('assets/tray/*.png'), 'the tray images main loads at run time');
});

test('the fuses are set as the security checklist asks', async () => {
  const { electronFuses } = await builderConfig();
  assert.deepEqual(electronFuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
  });
});

test('every icon the targets name exists, rendered from one source', async () => {
  const config = await builderConfig();
  for (const icon of [config.mac?.icon, config.win?.icon]) {
    assert.ok(typeof icon === 'string' && existsSync(join(root, icon)), String(icon));
  }
  assert.ok(readFileSync(join(root, 'assets/render-icons.sh'), 'utf8').includes('skein.svg'));
  const linux = config.linux?.icon;
  assert.ok(typeof linux === 'string');
  for (const size of [16, 32, 48, 64, 128, 256, 512]) assert.ok(existsSync(join(root, linux, `${size}x${size}.png`)), `${size}x${size}`);
  // macOS needs 512 px at least for its .icns, Windows 256 px for its .ico.
  assert.match(String(config.mac?.icon), /1024x1024\.png$/);
  assert.match(String(config.win?.icon), /256x256\.png$/);
});
