// Plain-text table of bench rows: metric, Skein pool value, reference value, target, verdict.

export type Verdict = 'PASS' | 'FAIL' | 'info';

export interface BenchRow {
  metric: string;
  pool: string;
  reference: string;
  target: string;
  verdict: Verdict;
}

/** `valueHeader`: the heading of the measured column (default "Skein pool"). */
export function benchTable(rows: readonly BenchRow[], options: { valueHeader?: string } = {}): string {
  const header: BenchRow = { metric: 'metric', pool: options.valueHeader ?? 'Skein pool', reference: 'reference', target: 'target', verdict: 'info' };
  const cells = (r: BenchRow): string[] => [r.metric, r.pool, r.reference, r.target, r === header ? 'result' : r.verdict];
  const all = [header, ...rows].map(cells);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...all.map((c) => (c[i] as string).length)));
  const line = (c: string[]): string => c.map((s, i) => s.padEnd(widths[i] as number)).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  const [head, ...body] = all;
  return [line(head as string[]), rule, ...body.map(line)].join('\n');
}
