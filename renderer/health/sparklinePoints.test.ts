// The sparkline puts slow round trips high, fast ones low, and the newest at the right edge.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sparklinePoints } from './sparklinePoints.js';

const box = { width: 100, height: 20, pad: 2 };

const parse = (points: string) => points.split(' ').map((p) => p.split(',').map(Number) as [number, number]);

test('a full series spans the box; the largest value is at the top, the smallest at the bottom', () => {
  const pts = parse(sparklinePoints([1, 3, 2], box, 3));
  assert.deepEqual(pts, [
    [0, 18],
    [50, 2],
    [100, 10],
  ]);
});

test('a short series ends at the right edge, spaced as the full one will be', () => {
  const pts = parse(sparklinePoints([5, 10], box, 11));
  assert.deepEqual(
    pts.map(([x]) => x),
    [90, 100],
  );
});

test('a flat series is a flat line through the middle, and no values draw nothing', () => {
  assert.deepEqual(
    parse(sparklinePoints([4, 4, 4], box, 3)).map(([, y]) => y),
    [10, 10, 10],
  );
  assert.equal(sparklinePoints([], box, 60), '');
});
