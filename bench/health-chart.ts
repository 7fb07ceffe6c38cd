// The 30-day response-time chart of one connection: the issue asks it to render in under 500 ms.
// 30 days of samples (a poll every 30 s for 3 targets, plus a probe every 5 min each: ~285,000 rows)
// go into a history database file like the app's; then the page's path is timed step by step: the
// bucketed query (health.history), the chart geometry, and React rendering the SVG component.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { bucketSize, RANGE_MS } from '../electron/services/health/downsample.ts';
import { SampleStore, type Sample } from '../electron/services/health/sample-store.ts';
import { buildChart, type ChartGeometry } from '../renderer/pages/health/chartGeometry.ts';

// ResponseChart.tsx's props (this project's tsconfig for Node code does not compile JSX).
interface ChartProps {
  geometry: ChartGeometry;
  label: string;
  formatTime: (t: number) => string;
  legend: { mean: string; worst: string; failed: string };
}

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const POLL_MS = 30_000;
const TARGETS = ['tls:sip.pstnhub.microsoft.com:5061', 'tls:sip2.pstnhub.microsoft.com:5061', 'tls:sip3.pstnhub.microsoft.com:5061']; // prettier-ignore

const dir = mkdtempSync(join(tmpdir(), 'health-bench-'));
try {
  const store = await SampleStore.open(join(dir, 'health.sqlite'));
  const to = Date.now();
  const from = to - RANGE_MS['30d'];
  let rows = 0;
  const fill = performance.now();
  for (let day = from; day < to; day += 24 * 3600_000) {
    const batch: Sample[] = [];
    for (let t = day; t < Math.min(day + 24 * 3600_000, to); t += POLL_MS) {
      for (const target of TARGETS) {
        const ok = Math.random() > 0.01;
        const base = { engineId: 'bundled', connectionId: 'teams-1', target, t, tlsDaysLeft: null };
        batch.push({ ...base, source: 'poll', ok, code: ok ? 200 : null, rttMs: ok ? 20 + Math.random() * 30 : null, detail: ok ? 'up' : 'down' }); // prettier-ignore
        if (t % (5 * 60_000) < POLL_MS)
          batch.push({ ...base, source: 'probe', ok, code: ok ? 200 : null, rttMs: ok ? 25 : null, tlsDaysLeft: 200, detail: 'OK' }); // prettier-ignore
      }
    }
    store.insert(batch);
    rows += batch.length;
  }
  console.log(`[bench] ${rows} samples for 30 days written in ${Math.round(performance.now() - fill)} ms`);

  // The component as the renderer builds it (esbuild, as vite does), rendered by React on Node.
  // Beside this file, so that its `react` import resolves to the project's node_modules.
  const bundle = join(import.meta.dirname, `.health-chart-${process.pid}.mjs`);
  await build({
    entryPoints: [join(import.meta.dirname, '..', 'renderer', 'pages', 'health', 'ResponseChart.tsx')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    jsx: 'automatic',
    outfile: bundle,
    logLevel: 'error',
  });
  const { ResponseChart } = (await import(pathToFileURL(bundle).href).finally(() => rmSync(bundle, { force: true }))) as { ResponseChart: (props: ChartProps) => ReactElement }; // prettier-ignore
  const format = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short' });

  const timings: { query: number; geometry: number; render: number; total: number }[] = [];
  let points = 0;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const bucketMs = bucketSize(RANGE_MS['30d'], POLL_MS);
    const start = Math.floor((to - RANGE_MS['30d']) / bucketMs) * bucketMs;
    const history = {
      from: start,
      to,
      bucketMs,
      points: store.history('bundled', 'teams-1', start, to, bucketMs),
    };
    const t1 = performance.now();
    const geometry = buildChart(history, 600, 180);
    const t2 = performance.now();
    const markup = renderToStaticMarkup(
      createElement(ResponseChart, {
        geometry,
        label: 'Response time of Teams 1 over 30 days',
        formatTime: (t: number) => format.format(new Date(t)),
        legend: { mean: 'mean', worst: 'worst', failed: 'no answer' },
      }),
    );
    const t3 = performance.now();
    if (!markup.startsWith('<svg')) throw new Error('the chart did not render');
    points = history.points.length;
    timings.push({ query: t1 - t0, geometry: t2 - t1, render: t3 - t2, total: t3 - t0 });
  }
  store.close();
  const median = (key: keyof (typeof timings)[number]) => {
    const sorted = timings.map((t) => t[key]).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!.toFixed(1);
  };
  const worst = Math.max(...timings.map((t) => t.total)).toFixed(1);
  console.log(`[bench] 30-day chart: ${points} points from ${rows} samples, ${RUNS} runs`);
  console.log(`[bench] median ms: query ${median('query')}, geometry ${median('geometry')}, React render ${median('render')}, total ${median('total')} (worst ${worst}); budget 500 ms`); // prettier-ignore
} finally {
  rmSync(dir, { recursive: true, force: true });
}
