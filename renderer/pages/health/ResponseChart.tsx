// The response-time chart, drawn by hand in SVG from chartGeometry.ts: the mean as a line, the worst
// as a faint line, buckets with failed samples as red bars along the bottom.
import type { ChartGeometry } from './chartGeometry.ts';
import { PADDING } from './chartGeometry.ts';

export interface ResponseChartProps {
  geometry: ChartGeometry;
  label: string;
  formatTime: (t: number) => string;
  legend: { mean: string; worst: string; failed: string };
}

export function ResponseChart({ geometry, label, formatTime, legend }: ResponseChartProps) {
  const { width, height } = geometry;
  const bottom = height - PADDING.bottom;
  return (
    <svg
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      data-testid="health-chart"
      data-points={geometry.avgPath ? geometry.avgPath.split(/[ML]/).length - 1 : 0}
      style={{ maxWidth: '100%', fontSize: 10, fontFamily: 'inherit' }}
    >
      <title>{label}</title>
      {geometry.yTicks.map((tick) => (
        <g key={tick.value}>
          <line x1={PADDING.left} x2={width - PADDING.right} y1={tick.y} y2={tick.y} stroke="#d1d1d1" strokeWidth={0.5} />
          <text x={PADDING.left - 4} y={tick.y + 3} textAnchor="end" fill="#616161">
            {`${Math.round(tick.value)} ms`}
          </text>
        </g>
      ))}
      {geometry.xTicks.map((tick, i) => (
        <text
          key={tick.t}
          x={tick.x}
          y={height - 6}
          textAnchor={i === 0 ? 'start' : i === geometry.xTicks.length - 1 ? 'end' : 'middle'}
          fill="#616161"
        >
          {formatTime(tick.t)}
        </text>
      ))}
      {geometry.failures.map((f) => (
        <rect key={f.x} x={f.x} y={bottom - 6} width={f.width} height={6} fill="#c50f1f" opacity={0.4 + 0.6 * f.share}>
          <title>{legend.failed}</title>
        </rect>
      ))}
      <path d={geometry.maxPath} fill="none" stroke="#0f6cbd" strokeOpacity={0.3} strokeWidth={1}>
        <title>{legend.worst}</title>
      </path>
      <path d={geometry.avgPath} fill="none" stroke="#0f6cbd" strokeWidth={1.5}>
        <title>{legend.mean}</title>
      </path>
    </svg>
  );
} // prettier-ignore
