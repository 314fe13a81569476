// Where an RTT sparkline's points go: the values spread left to right, the slowest at the top, in an SVG box.

export interface SparklineBox {
  width: number;
  height: number;
  /** Room kept free at the top and bottom so the stroke is not cut. */
  pad: number;
}

/**
 * An SVG polyline `points` string. Scaled between the smallest and largest value, so a jump from
 * 1 ms to 3 ms shows; a flat series draws a flat line through the middle. The newest value is on
 * the right edge whatever the count, so a new connection's line grows from the right.
 */
export function sparklinePoints(values: readonly number[], box: SparklineBox, capacity: number): string {
  if (values.length === 0) return '';
  const slots = Math.max(capacity, values.length, 2) - 1;
  const step = box.width / slots;
  const first = slots - (values.length - 1);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  const inner = box.height - 2 * box.pad;
  const round = (n: number) => Math.round(n * 100) / 100;
  return values
    .map((v, i) => {
      const x = (first + i) * step;
      const y = span < 1e-9 ? box.height / 2 : box.pad + inner * (1 - (v - min) / span);
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}
