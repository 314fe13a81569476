// Builds the renderer (React + xterm.js) into dist/renderer: one bundle for the Electron window and web mode.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  // Relative URLs: the same files load from Electron's app protocol and from the web-mode server.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The page's CSP forbids inline scripts and styles; keep every asset a file.
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
  },
});
