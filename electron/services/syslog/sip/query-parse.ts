// The analyzer's search language: text → AST. Terms are ANDed; `-` negates a term; a field's
// values separated by commas are alternatives. The grammar and every field are in QUERY.md.
// Errors carry the character position (0-based) where the problem starts.

export const QUERY_FIELDS = [
  'callid',
  'number',
  'method',
  'status',
  'reason',
  'host',
  'peer',
  'dir',
  'since',
  'until',
  'text',
] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

/** A point in time: absolute epoch ms, or "this long before now". `spanMs` is the precision. */
export type TimeValue = { at: number; spanMs: number } | { agoMs: number };

export interface QueryTerm {
  field: QueryField;
  /** The alternatives as typed (quotes removed). */
  values: string[];
  negated: boolean;
  /** Where the term starts in the query text. */
  position: number;
  /** status: inclusive ranges, one per value. */
  statusRanges?: [number, number][];
  /** since / until. */
  time?: TimeValue;
}

export interface QueryAst {
  terms: QueryTerm[];
}

export interface QueryError {
  position: number;
  message: string;
}

export type QueryParseResult = { ok: true; query: QueryAst } | { ok: false; error: QueryError };

/** Words before ':' that start a URI, searched as text rather than refused as unknown fields. */
const URI_SCHEMES = new Set(['sip', 'sips', 'tel', 'http', 'https', 'urn', 'udp', 'tcp', 'tls']);
const MAX_QUERY_CHARS = 4096;

class Fail extends Error {
  readonly position: number;
  constructor(position: number, message: string) {
    super(message);
    this.position = position;
  }
}

function readQuoted(text: string, at: number): { value: string; end: number } {
  // at points at the opening quote
  let value = '';
  let i = at + 1;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\' && i + 1 < text.length) i++;
    value += text[i];
    i++;
  }
  if (i >= text.length) throw new Fail(at, 'this quote is not closed');
  return { value, end: i + 1 };
}

function readBare(text: string, at: number): { value: string; end: number } {
  let i = at;
  while (i < text.length && !/\s/.test(text[i]!)) i++;
  return { value: text.slice(at, i), end: i };
}

function statusRange(value: string, position: number): [number, number] {
  const exact = /^([1-6]\d\d)$/.exec(value);
  if (exact) return [Number(value), Number(value)];
  const wild = /^([1-6])(\d?)(x{1,2})$/i.exec(value);
  if (wild && wild[2]!.length + wild[3]!.length === 2) {
    const base = Number(`${wild[1]}${wild[2]}`.padEnd(3, '0'));
    return [base, base + (wild[3]!.length === 2 ? 99 : 9)];
  }
  const range = /^([1-6]\d\d)-([1-6]\d\d)$/.exec(value);
  if (range && Number(range[1]) <= Number(range[2])) return [Number(range[1]), Number(range[2])];
  throw new Fail(position, `"${value}" is not a status: write 486, 4xx, 48x or 400-499`);
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** ISO 8601 date or date-time; without an offset it is local time, as an admin reads a clock. */
export function parseTime(value: string): TimeValue | undefined {
  const relative = /^(\d{1,6})([smhd])$/.exec(value);
  if (relative) return { agoMs: Number(relative[1]) * UNIT_MS[relative[2]!]! };
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      value,
    );
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  const parts = [
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
    Number((ms ?? '0').padEnd(3, '0')),
  ] as const;
  if (parts[1] > 11 || parts[2] < 1 || parts[2] > 31 || parts[3] > 23 || parts[4] > 59 || parts[5] > 60)
    return undefined;
  const spanMs = h === undefined ? UNIT_MS.d! : s === undefined ? UNIT_MS.m! : ms === undefined ? 1000 : 1;
  let at: number;
  if (zone) {
    const utc = Date.UTC(...parts);
    const offset =
      zone === 'Z'
        ? 0
        : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    at = utc - offset * 60_000;
  } else {
    at = new Date(...parts).getTime();
  }
  if (!Number.isFinite(at)) return undefined;
  return { at, spanMs };
}

function checkValues(field: QueryField, values: string[], position: number, term: QueryTerm): void {
  if (values.some((v) => v === '')) throw new Fail(position, `${field}: needs a value`);
  switch (field) {
    case 'status':
      term.statusRanges = values.map((v) => statusRange(v, position));
      break;
    case 'dir':
      for (const v of values)
        if (v.toLowerCase() !== 'in' && v.toLowerCase() !== 'out')
          throw new Fail(position, `dir: is "in" or "out", not "${v}"`);
      break;
    case 'number':
      for (const v of values) if (!/\d/.test(v)) throw new Fail(position, `number: "${v}" has no digits`);
      break;
    case 'method':
      for (const v of values)
        if (!/^[A-Za-z_-]+$/.test(v)) throw new Fail(position, `method: "${v}" is not a method name`);
      break;
    case 'since':
    case 'until': {
      if (values.length !== 1) throw new Fail(position, `${field}: takes one time`);
      const time = parseTime(values[0]!);
      if (!time)
        throw new Fail(
          position,
          `${field}: "${values[0]}" is not a time: write 2026-11-23T10:00, 2026-11-23 or 15m`,
        );
      term.time = time;
      break;
    }
    default:
      break;
  }
}

export function parseQuery(text: string): QueryParseResult {
  try {
    if (text.length > MAX_QUERY_CHARS)
      throw new Fail(MAX_QUERY_CHARS, `the query is longer than ${MAX_QUERY_CHARS} characters`);
    const terms: QueryTerm[] = [];
    let i = 0;
    while (i < text.length) {
      if (/\s/.test(text[i]!)) {
        i++;
        continue;
      }
      const position = i;
      let negated = false;
      if (text[i] === '-' && i + 1 < text.length && !/\s/.test(text[i + 1]!)) {
        negated = true;
        i++;
      }
      if (text[i] === '"') {
        const quoted = readQuoted(text, i);
        if (quoted.value === '') throw new Fail(position, 'empty quotes: put the text to find between them');
        terms.push({ field: 'text', values: [quoted.value], negated, position });
        i = quoted.end;
        continue;
      }
      const field = /^([A-Za-z]+):/.exec(text.slice(i, i + 20));
      const name = field?.[1]!.toLowerCase();
      if (field && (QUERY_FIELDS as readonly string[]).includes(name!)) {
        i += field[0].length;
        let raw: string;
        if (text[i] === '"') {
          const quoted = readQuoted(text, i);
          raw = quoted.value;
          i = quoted.end;
        } else {
          const bare = readBare(text, i);
          raw = bare.value;
          i = bare.end;
        }
        const fieldName = name as QueryField;
        // Text and reason take commas literally; other fields list alternatives.
        const values = fieldName === 'text' || fieldName === 'reason' ? [raw] : raw.split(',');
        const term: QueryTerm = { field: fieldName, values, negated, position };
        checkValues(fieldName, values, position, term);
        terms.push(term);
        continue;
      }
      if (field && !URI_SCHEMES.has(name!)) {
        throw new Fail(
          position + (negated ? 1 : 0),
          `unknown field "${field[1]}": use one of ${QUERY_FIELDS.join(', ')}, or quote the text`,
        );
      }
      const bare = readBare(text, i);
      terms.push({ field: 'text', values: [bare.value], negated, position });
      i = bare.end;
    }
    return { ok: true, query: { terms } };
  } catch (error) {
    if (error instanceof Fail)
      return { ok: false, error: { position: error.position, message: error.message } };
    return { ok: false, error: { position: 0, message: String(error) } };
  }
}
