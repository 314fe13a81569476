// Reads once what draws the page's WebGL (the unmasked renderer string), then gives the context back.
import type { PageWebgl } from './rendererChoice.js';

/**
 * Probes a throwaway canvas. The context is lost on purpose afterwards: Chromium keeps only about
 * 16 WebGL contexts per page and drops the oldest (a terminal's) when one more is made.
 */
export function probePageWebgl(document: Document): PageWebgl {
  const canvas = document.createElement('canvas');
  let gl: WebGL2RenderingContext | null;
  try {
    gl = canvas.getContext('webgl2');
  } catch {
    gl = null;
  }
  if (!gl) return { available: false };
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name: unknown = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : undefined;
    return { available: true, rendererName: typeof name === 'string' && name !== '' ? name : undefined };
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
