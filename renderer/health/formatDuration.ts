// How long something has lasted or is still to wait, in the two largest units that matter ("2 h 14 min").

const STEPS: [unit: string, ms: number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1000],
];

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000)) * 1000;
  const parts: string[] = [];
  let rest = total;
  for (const [unit, size] of STEPS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count} ${unit}`);
    if (parts.length === 2) break;
  }
  if (parts.length === 0) return '0 s';
  // "3 min 0 s" says no more than "3 min".
  return parts.filter((p, i) => i === 0 || !p.startsWith('0 ')).join(' ');
}
