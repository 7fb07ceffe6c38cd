// The response-time chart as plain geometry: SVG path strings for the mean and the worst round trip,
// gaps where buckets are missing, red marks where samples failed, and round axis ticks. Pure, so
// the 30-day chart's cost is measured in bench/ and its shape tested without a browser.
import type { Output } from '../../../electron/api/contract.ts';

export type History = Output<'health.history'>;

export interface ChartGeometry {
  width: number;
  height: number;
  avgPath: string;
  maxPath: string;
  failures: { x: number; width: number; share: number }[];
  yMax: number;
  yTicks: { y: number; value: number }[];
  xTicks: { x: number; t: number }[];
  empty: boolean;
}

export const PADDING = { left: 44, right: 8, top: 8, bottom: 22 };

/** 1, 2 or 5 times a power of ten at or above `value`, so the axis reads 0, 50, 100 ms. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value) ?? 10) * power;
}

function round(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

/** One path with a new segment (M) after every gap longer than one bucket. */
function pathOf(points: { t: number; v: number | null }[], x: (t: number) => number, y: (v: number) => number, bucketMs: number): string {
  let d = '';
  let previous: number | undefined;
  for (const point of points) {
    if (point.v === null) {
      previous = undefined;
      continue;
    }
    const joined = previous !== undefined && point.t - previous <= bucketMs * 1.5;
    d += `${joined ? 'L' : 'M'}${round(x(point.t))} ${round(y(point.v))}`;
    previous = point.t;
  }
  return d;
} // prettier-ignore

export function buildChart(history: History, width: number, height: number, xTickCount = 6): ChartGeometry {
  const plotW = width - PADDING.left - PADDING.right;
  const plotH = height - PADDING.top - PADDING.bottom;
  const span = Math.max(1, history.to - history.from);
  const x = (t: number) => PADDING.left + ((t - history.from) / span) * plotW;
  let highest = 0;
  for (const p of history.points) highest = Math.max(highest, p.maxRttMs ?? 0);
  const yMax = niceCeiling(highest);
  const y = (v: number) => PADDING.top + plotH - (v / yMax) * plotH;
  const bucketW = Math.max(1, (history.bucketMs / span) * plotW);
  return {
    width,
    height,
    avgPath: pathOf(
      history.points.map((p) => ({ t: p.t, v: p.avgRttMs })),
      x,
      y,
      history.bucketMs,
    ),
    maxPath: pathOf(
      history.points.map((p) => ({ t: p.t, v: p.maxRttMs })),
      x,
      y,
      history.bucketMs,
    ),
    failures: history.points
      .filter((p) => p.failures > 0)
      .map((p) => ({ x: x(p.t), width: bucketW, share: p.failures / p.samples })),
    yMax,
    yTicks: [0, 0.5, 1].map((f) => ({ y: y(yMax * f), value: yMax * f })),
    xTicks: Array.from({ length: xTickCount }, (_, i) => {
      const t = history.from + (span * i) / (xTickCount - 1);
      return { x: x(t), t };
    }),
    empty: history.points.length === 0,
  };
}
