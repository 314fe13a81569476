// Automatic draws with WebGL only when a GPU draws it; an explicit setting wins; each choice says why in words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rendererChoice, softwareRasteriser, type PageWebgl } from './rendererChoice.js';

const gpu = (rendererName: string): PageWebgl => ({ available: true, rendererName });

// Renderer strings as browsers report them (UNMASKED_RENDERER_WEBGL).
const SOFTWARE = {
  'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)': 'SwiftShader',
  'Google SwiftShader': 'SwiftShader',
  'llvmpipe (LLVM 15.0.6, 256 bits)': 'llvmpipe',
  'ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)': 'llvmpipe',
  'softpipe': 'softpipe',
  'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)': 'Microsoft Basic Render Driver',
  'Apple Software Renderer': 'a software renderer',
  'ANGLE (Intel, Vulkan 1.3.238 (llvmpipe (LLVM 15.0.6, 256 bits) (0x00000000)), lavapipe)': 'llvmpipe',
};

const HARDWARE = [
  'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002503) Direct3D11 vs_5_0 ps_5_0, D3D11)',
  'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
  'ANGLE (Apple, ANGLE Metal Renderer: Apple M1, Unspecified Version)',
  'AMD Radeon Pro 5500M OpenGL Engine',
  'Mali-G78',
];

test('under Automatic, WebGL drawn in software goes to the DOM renderer, naming the rasteriser', () => {
  for (const [name, rasteriser] of Object.entries(SOFTWARE)) {
    assert.equal(softwareRasteriser(name), rasteriser, name);
    const choice = rendererChoice('auto', gpu(name));
    assert.equal(choice.kind, 'dom', name);
    assert.equal(choice.reason, `DOM: this browser's WebGL is drawn in software (${rasteriser}), which is slower than the DOM renderer.`);
  }
});

test('under Automatic, WebGL drawn by a GPU is used, and the reason names the GPU', () => {
  for (const name of HARDWARE) {
    assert.equal(softwareRasteriser(name), undefined, name);
    assert.deepEqual(rendererChoice('auto', gpu(name)), { kind: 'webgl', reason: `WebGL, drawn by the GPU (${name}).` });
  }
});

test('with no WebGL the DOM renderer draws, whatever the setting, and says so', () => {
  assert.deepEqual(rendererChoice('auto', { available: false }), { kind: 'dom', reason: 'DOM: WebGL is not available here.' });
  assert.deepEqual(rendererChoice('webgl', { available: false }), { kind: 'dom', reason: 'DOM: WebGL is chosen in Settings, but it is not available here.' });
});

test('an explicit setting wins over what Automatic would pick', () => {
  const swiftShader = gpu(Object.keys(SOFTWARE)[0] ?? '');
  assert.deepEqual(rendererChoice('webgl', swiftShader), { kind: 'webgl', reason: 'WebGL, as chosen in Settings.' });
  assert.deepEqual(rendererChoice('dom', gpu(HARDWARE[0] ?? '')), { kind: 'dom', reason: 'DOM, as chosen in Settings.' });
  assert.equal(rendererChoice('dom', { available: false }).kind, 'dom');
});

test('a browser that hides what draws its WebGL keeps WebGL under Automatic, and says it could not tell', () => {
  const choice = rendererChoice('auto', { available: true, rendererName: undefined });
  assert.equal(choice.kind, 'webgl');
  assert.match(choice.reason, /does not say what draws its WebGL/);
});
