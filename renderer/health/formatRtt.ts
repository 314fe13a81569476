// A keep-alive round trip in milliseconds, with the precision that matters at its size ("0.42 ms", "38 ms").

export function formatRtt(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return 'no answer yet';
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}
