// A small line of a connection's recent keep-alive round trips, with the same facts in words for screen readers.
import { formatRtt } from './formatRtt.js';
import { sparklinePoints } from './sparklinePoints.js';

const BOX = { width: 96, height: 22, pad: 3 };

export function RttSparkline({ values, capacity }: { values: readonly number[]; capacity: number }) {
  if (values.length === 0) return <span className="muted">no keep-alive answered yet</span>;
  const points = sparklinePoints(values, BOX, capacity);
  const last = points.split(' ').pop()?.split(',') ?? ['0', '0'];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const words =
    values.length === 1
      ? `Round trip ${formatRtt(values[0] ?? null)}`
      : `Round trips of the last ${values.length} keep-alives: from ${formatRtt(min)} to ${formatRtt(max)}, last ${formatRtt(values[values.length - 1] ?? null)}`;
  return (
    <span className="rtt">
      <svg className="rtt-sparkline" width={BOX.width} height={BOX.height} viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={words}>
        <title>{words}</title>
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" />
        <circle cx={last[0]} cy={last[1]} r="2.2" fill="currentColor" />
      </svg>
      <span className="rtt-last" aria-hidden="true">
        {formatRtt(values[values.length - 1] ?? null)}
      </span>
    </span>
  );
}
