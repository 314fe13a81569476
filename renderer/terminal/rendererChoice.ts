// Which renderer draws the terminals, WebGL or the DOM, from the setting and what draws this page's WebGL, with the reason in words.
import type { TerminalRenderer } from '../../app/settings.js';

export type RendererKind = 'webgl' | 'dom';

/** What the page's WebGL is: missing, or there with the unmasked renderer string when the browser tells it. */
export type PageWebgl = { available: false } | { available: true; rendererName: string | undefined };

export interface RendererChoice {
  kind: RendererKind;
  /** A sentence for the settings view: which renderer, and why. */
  reason: string;
}

/**
 * Rasterisers that draw WebGL on the CPU. Drawn that way WebGL is slower than the DOM renderer
 * (measured here under SwiftShader: 4.4 MB/s against 18 MB/s for the same coloured text).
 */
const SOFTWARE_RASTERISERS: readonly { pattern: RegExp; name: string }[] = [
  { pattern: /swiftshader/i, name: 'SwiftShader' },
  { pattern: /llvmpipe/i, name: 'llvmpipe' },
  { pattern: /softpipe/i, name: 'softpipe' },
  { pattern: /lavapipe/i, name: 'lavapipe' },
  { pattern: /basic render driver/i, name: 'Microsoft Basic Render Driver' },
  { pattern: /software/i, name: 'a software renderer' },
];

/** The software rasteriser named in a WebGL renderer string, or undefined when a GPU draws it. */
export function softwareRasteriser(rendererName: string): string | undefined {
  return SOFTWARE_RASTERISERS.find(({ pattern }) => pattern.test(rendererName))?.name;
}

export function rendererChoice(setting: TerminalRenderer, webgl: PageWebgl): RendererChoice {
  if (setting === 'dom') return { kind: 'dom', reason: 'DOM, as chosen in Settings.' };
  if (!webgl.available) {
    return setting === 'webgl'
      ? { kind: 'dom', reason: 'DOM: WebGL is chosen in Settings, but it is not available here.' }
      : { kind: 'dom', reason: 'DOM: WebGL is not available here.' };
  }
  if (setting === 'webgl') return { kind: 'webgl', reason: 'WebGL, as chosen in Settings.' };
  if (webgl.rendererName === undefined) {
    return { kind: 'webgl', reason: 'WebGL: this browser does not say what draws its WebGL, so it is taken to be the GPU.' };
  }
  const software = softwareRasteriser(webgl.rendererName);
  if (software !== undefined) {
    return { kind: 'dom', reason: `DOM: this browser's WebGL is drawn in software (${software}), which is slower than the DOM renderer.` };
  }
  return { kind: 'webgl', reason: `WebGL, drawn by the GPU (${webgl.rendererName}).` };
}
