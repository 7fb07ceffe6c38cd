// The ladder diagram's drawing from the pure layout (electron/services/syslog/sip/ladder.ts): one
// geometry for the page's SVG and for the exported .svg file, so both show the same picture.
import type { LadderView } from '../../../electron/api/contract.ts';

export type ArrowTone = 'request' | 'response' | 'error' | 'warning';

export interface ArrowShape {
  index: number;
  messageId: number | string;
  x1: number;
  x2: number;
  y: number;
  label: string;
  labelX: number;
  time: number;
  tone: ArrowTone;
  dashed: boolean;
  /** The same host on both ends (a device logging to itself): drawn as a loop. */
  loop: boolean;
  problems: string[];
}

export interface LadderGeometry {
  width: number;
  height: number;
  columns: { x: number; label: string; aliases: string[]; logging: boolean }[];
  arrows: ArrowShape[];
}

function tone(arrow: LadderView['arrows'][number]): ArrowTone {
  if (arrow.problems.some((p) => p === 'error-response' || p === 'sdp-rejected' || p === 'missing-ack'))
    return 'error';
  if (arrow.problems.includes('retransmission')) return 'warning';
  return arrow.kind;
}

export function ladderGeometry(ladder: LadderView): LadderGeometry {
  const problemText = new Map<number, string[]>();
  for (const p of ladder.problems) problemText.set(p.arrow, [...(problemText.get(p.arrow) ?? []), p.text]);
  return {
    width: Math.max(ladder.width, 300),
    height: ladder.height,
    columns: ladder.columns.map((c) => ({ x: c.x, label: c.label, aliases: c.aliases, logging: c.logging })),
    arrows: ladder.arrows.map((a) => {
      const x1 = ladder.columns[a.from]?.x ?? 0;
      const x2 = ladder.columns[a.to]?.x ?? 0;
      return {
        index: a.index,
        messageId: a.messageId,
        x1,
        x2,
        y: a.y,
        label: a.label,
        labelX: x1 === x2 ? x1 + 40 : (x1 + x2) / 2,
        time: a.time,
        tone: tone(a),
        dashed: a.retransmission,
        loop: x1 === x2,
        problems: problemText.get(a.index) ?? [],
      };
    }),
  };
}

export const TONE_COLOURS: Record<ArrowTone, string> = {
  request: '#0f6cbd',
  response: '#107c10',
  error: '#c50f1f',
  warning: '#bc4b09',
};

function xml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

/** SVG path of an arrow (a loop for the same column). */
export function arrowPath(a: Pick<ArrowShape, 'x1' | 'x2' | 'y' | 'loop'>): string {
  if (a.loop) return `M ${a.x1} ${a.y - 6} h 30 v 12 h -30`;
  return `M ${a.x1} ${a.y} H ${a.x2}`;
}

/** Arrow head at the receiving end. */
export function headPath(a: Pick<ArrowShape, 'x1' | 'x2' | 'y' | 'loop'>): string {
  const dir = a.loop ? -1 : a.x2 >= a.x1 ? 1 : -1;
  const x = a.loop ? a.x1 : a.x2;
  const y = a.loop ? a.y + 6 : a.y;
  return `M ${x} ${y} l ${-8 * dir} -4 v 8 z`;
}

/** A standalone SVG document of the ladder, for "Export as SVG". */
export function ladderSvgDocument(geometry: LadderGeometry, title: string, times: string[]): string {
  const { width, height } = geometry;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Segoe UI, sans-serif" font-size="12">`,
    `<title>${xml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  for (const c of geometry.columns) {
    parts.push(`<text x="${c.x}" y="20" text-anchor="middle" font-weight="${c.logging ? 'bold' : 'normal'}">${xml(c.label)}</text>`); // prettier-ignore
    parts.push(`<line x1="${c.x}" y1="30" x2="${c.x}" y2="${height - 10}" stroke="#8a8886" stroke-dasharray="4 3"/>`); // prettier-ignore
  }
  geometry.arrows.forEach((a, i) => {
    const colour = TONE_COLOURS[a.tone];
    parts.push(`<text x="4" y="${a.y + 4}" fill="#605e5c" font-size="10">${xml(times[i] ?? '')}</text>`);
    parts.push(`<path d="${arrowPath(a)}" stroke="${colour}" fill="none" stroke-width="1.5"${a.dashed ? ' stroke-dasharray="5 3"' : ''}/>`); // prettier-ignore
    parts.push(`<path d="${headPath(a)}" fill="${colour}"/>`);
    parts.push(`<text x="${a.labelX}" y="${a.y - 5}" text-anchor="middle" fill="${colour}">${xml(a.label)}</text>`); // prettier-ignore
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
