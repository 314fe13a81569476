// The page's Content-Security-Policy, sent by the app protocol with every file: only Skein's own scripts and styles run.

/**
 * No 'unsafe-inline' and no 'unsafe-eval' anywhere: the renderer's styles are files or constructed
 * sheets (xterm.js's <style> elements are mirrored, see renderer/terminal). The page talks to the
 * core through the preload only, so it may connect nowhere but its own origin.
 */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
