// The chart's geometry: lines break at gaps, failures are marked, the axis ends on a round value,
// and a full 30-day history stays within the point budget.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  buildChart,
  niceCeiling,
  PADDING,
  type History,
} from '../../../../../renderer/pages/health/chartGeometry.ts';

const point = (t: number, avg: number | null, failures = 0) => ({
  t,
  avgRttMs: avg,
  maxRttMs: avg === null ? null : avg * 2,
  samples: 2,
  failures,
});

it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
  assert.equal(niceCeiling(0), 1);
  assert.equal(niceCeiling(37), 50);
  assert.equal(niceCeiling(120), 200);
  assert.equal(niceCeiling(1000), 1000);
  assert.equal(niceCeiling(0.3), 0.5);
});

it('draws one segment per run of buckets and starts a new one after a gap; failures become marks', () => {
  const history: History = {
    from: 0,
    to: 10_000,
    bucketMs: 1000,
    points: [point(0, 10), point(1000, 20), point(2000, null, 2), point(5000, 30), point(6000, 40, 1)],
  };
  const chart = buildChart(history, 400, 100);
  assert.equal((chart.avgPath.match(/M/g) ?? []).length, 2, chart.avgPath);
  assert.equal((chart.avgPath.match(/L/g) ?? []).length, 2);
  assert.equal(chart.yMax, 100, 'worst is 80 ms: the axis ends at 100');
  assert.deepEqual(
    chart.failures.map((f) => f.share),
    [1, 0.5],
  );
  assert.ok(chart.failures[0]!.x > PADDING.left);
  assert.equal(chart.xTicks[0]!.x, PADDING.left);
  assert.equal(chart.xTicks.at(-1)!.x, 400 - PADDING.right);
  assert.equal(chart.empty, false);
});

it('30 days in hourly buckets: 720 points, one line, every x inside the plot', () => {
  const hour = 3_600_000;
  const points = Array.from({ length: 720 }, (_, i) => point(i * hour, 20 + (i % 7)));
  const chart = buildChart({ from: 0, to: 720 * hour, bucketMs: hour, points }, 600, 180);
  const xs = [...chart.avgPath.matchAll(/[ML]([\d.]+) /g)].map((m) => Number(m[1]));
  assert.equal(xs.length, 720);
  assert.ok(xs.every((x) => x >= PADDING.left && x <= 600 - PADDING.right));
  assert.equal((chart.avgPath.match(/M/g) ?? []).length, 1);
});

it('says when there is nothing to draw', () => {
  assert.equal(buildChart({ from: 0, to: 1000, bucketMs: 100, points: [] }, 300, 100).empty, true);
});
