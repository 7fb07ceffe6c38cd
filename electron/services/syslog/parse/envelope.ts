// The envelope of a syslog message, read only as far as the index needs it: priority, time, host,
// app, process id, MSGID, structured data (for the engine's [meta sequenceId]) and where MSG starts.
// RFC 5424 (§6) and RFC 3164 (§4.1) headers, tolerant of what real devices send: missing parts,
// several spaces, BSD dates without a year, Cisco's "123: *Mar  1 00:00:00.123 UTC:" prefix, ISO
// dates in BSD headers, bad structured data. Whatever cannot be read stays undefined; a message
// without a recognisable header is format 'unknown' with MSG = the whole text. Never throws. Pure.

export interface SdElement {
  id: string;
  params: [string, string][];
}

export type EnvelopeFormat = 'rfc5424' | 'rfc3164' | 'unknown';

export interface Envelope {
  format: EnvelopeFormat;
  facility?: number;
  severity?: number;
  /** The header's time in ms since the epoch; undefined when missing or unreadable. */
  time?: number;
  host?: string;
  app?: string;
  procId?: string;
  msgId?: string;
  structuredData: SdElement[];
  /** RFC 5424 structured data that was not well formed; it is left in MSG. */
  badStructuredData?: boolean;
  /** [meta sequenceId] (RFC 5424 §7.3.1), when it is a number. */
  sequenceId?: number;
  /** Index in the text where MSG starts (text.length when there is none). */
  msgStart: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MS = 86_400_000;
// "Mar  1 00:00:00", "Mar 1 2026 00:00:00.123", "Mar 01 00:00:00.123456 UTC", then an optional ":".
const BSD_TIME =
  /^([A-Za-z]{3}) +(\d{1,2}) +(?:(\d{4}) +)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?: +([A-Z]{2,5}|[+-]\d{2}:?\d{2}))?:?(?= |$)/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function skipSpaces(text: string, at: number): number {
  while (text.charCodeAt(at) === 0x20) at++;
  return at;
}

/** The token from `at` to the next space (or end), and where it ends. */
function token(text: string, at: number): [string, number] {
  const space = text.indexOf(' ', at);
  const end = space < 0 ? text.length : space;
  return [text.slice(at, end), end];
}

function nil(value: string): string | undefined {
  return value === '' || value === '-' ? undefined : value;
}

/** RFC 3339 time; more than 3 fraction digits are fine (Date.parse takes only some forms). */
export function parseIsoTime(value: string): number | undefined {
  if (!ISO_TIME.test(value)) return undefined;
  const normalized = value.replace(/(\.\d{3})\d+/, '$1').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? undefined : ms;
}

function parsePri(text: string): { pri: number; end: number } | undefined {
  if (text.charCodeAt(0) !== 0x3c) return undefined;
  const close = text.indexOf('>', 1);
  if (close < 2 || close > 4) return undefined;
  const digits = text.slice(1, close);
  if (!/^\d+$/.test(digits)) return undefined;
  const pri = Number(digits);
  return pri > 191 ? undefined : { pri, end: close + 1 };
}

/** RFC 5424 §6.3 structured data at `at`: the elements and where they end, or undefined if malformed. */
export function parseStructuredData(
  text: string,
  at: number,
): { elements: SdElement[]; end: number } | undefined {
  const elements: SdElement[] = [];
  while (text[at] === '[') {
    at++;
    const idEnd = searchAny(text, at, ' ]');
    if (idEnd < 0 || idEnd === at) return undefined;
    const element: SdElement = { id: text.slice(at, idEnd), params: [] };
    at = idEnd;
    for (;;) {
      if (text[at] === ']') {
        at++;
        break;
      }
      if (text[at] !== ' ') return undefined;
      at = skipSpaces(text, at);
      if (text[at] === ']') continue;
      const eq = text.indexOf('=', at);
      if (eq < 0 || text[eq + 1] !== '"') return undefined;
      const name = text.slice(at, eq);
      if (name.length === 0 || /[ \]"]/.test(name)) return undefined;
      // PARAM-VALUE: `"`, `\` and `]` are escaped with a backslash; other backslashes stand as they are.
      let value = '';
      let i = eq + 2;
      for (;;) {
        if (i >= text.length) return undefined;
        const char = text[i]!;
        if (char === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\' || text[i + 1] === ']')) {
          value += text[i + 1];
          i += 2;
        } else if (char === '"') break;
        else {
          value += char;
          i++;
        }
      }
      element.params.push([name, value]);
      at = i + 1;
    }
    elements.push(element);
  }
  return { elements, end: at };
}

function searchAny(text: string, from: number, chars: string): number {
  for (let i = from; i < text.length; i++) if (chars.includes(text[i]!)) return i;
  return -1;
}

function sequenceIdOf(elements: SdElement[]): number | undefined {
  const meta = elements.find((element) => element.id === 'meta');
  const value = meta?.params.find(([name]) => name === 'sequenceId')?.[1];
  return value !== undefined && /^\d{1,10}$/.test(value) ? Number(value) : undefined;
}

function parse5424(text: string, at: number, envelope: Envelope): Envelope {
  envelope.format = 'rfc5424';
  const fields: (string | undefined)[] = [];
  for (let k = 0; k < 5; k++) {
    at = skipSpaces(text, at);
    if (at >= text.length) {
      envelope.msgStart = text.length;
      break;
    }
    const [value, end] = token(text, at);
    fields.push(nil(value));
    at = end;
  }
  const [time, host, app, procId, msgId] = fields;
  if (time !== undefined) envelope.time = parseIsoTime(time);
  if (host !== undefined) envelope.host = host;
  if (app !== undefined) envelope.app = app;
  if (procId !== undefined) envelope.procId = procId;
  if (msgId !== undefined) envelope.msgId = msgId;
  if (fields.length < 5) return envelope;
  at = skipSpaces(text, at);
  if (text[at] === '-' && (at + 1 === text.length || text[at + 1] === ' ')) at++;
  else if (text[at] === '[') {
    const sd = parseStructuredData(text, at);
    if (!sd) {
      envelope.badStructuredData = true;
      envelope.msgStart = at;
      return envelope;
    }
    envelope.structuredData = sd.elements;
    envelope.sequenceId = sequenceIdOf(sd.elements);
    at = sd.end;
  }
  if (text[at] === ' ') at++;
  if (text.startsWith('\uFEFF', at)) at++; // RFC 5424 §6.4 BOM
  envelope.msgStart = Math.min(at, text.length);
  return envelope;
}

function bsdTime(match: RegExpExecArray, receivedAt: number): number | undefined {
  const month = MONTHS.indexOf(match[1]!.toLowerCase());
  if (month < 0) return undefined;
  const [day, hour, minute, second] = [match[2], match[4], match[5], match[6]].map(Number) as number[];
  const ms = match[7] ? Number(match[7].slice(0, 3).padEnd(3, '0')) : 0;
  // RFC 3164 has no year: the receive year, or the one before for "Dec 31" read on Jan 1.
  let year = match[3] ? Number(match[3]) : new Date(receivedAt).getFullYear();
  const zone = match[8];
  const build = () =>
    zone === 'UTC' || zone === 'GMT'
      ? Date.UTC(year, month, day!, hour, minute, second, ms)
      : new Date(year, month, day!, hour, minute, second, ms).getTime();
  let time = build();
  if (!match[3] && time > receivedAt + DAY_MS) {
    year--;
    time = build();
  }
  return Number.isNaN(time) || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 60
    ? undefined
    : time;
}

/** A TAG as in "sshd[42]:" or "kernel:"; undefined when the token is not one. */
function parseTag(text: string, at: number): { app: string; procId?: string; end: number } | undefined {
  const match = /^([^\s:[\]]{1,48})(?:\[([^\]\s]{1,128})\])?:(?= |$)/.exec(text.slice(at, at + 200));
  if (!match) return undefined;
  return { app: match[1]!, ...(match[2] ? { procId: match[2] } : {}), end: at + match[0].length };
}

function parse3164(text: string, at: number, envelope: Envelope, receivedAt: number): Envelope {
  const start = at;
  // Cisco IOS: an optional message counter "123: " and "*" (clock not synchronised) or "." before the date.
  const counter = /^\d{1,10}: /.exec(text.slice(at, at + 12));
  if (counter) at += counter[0].length;
  if (text[at] === '*' || text[at] === '.') at++;
  const head = text.slice(at, at + 64);
  const bsd = BSD_TIME.exec(head);
  let timeFound = false;
  if (bsd) {
    envelope.time = bsdTime(bsd, receivedAt);
    at += bsd[0].length;
    timeFound = true;
  } else {
    const [value, end] = token(text, at);
    const iso = parseIsoTime(value.endsWith(':') ? value.slice(0, -1) : value);
    if (iso !== undefined) {
      envelope.time = iso;
      at = end;
      timeFound = true;
    }
  }
  if (!timeFound) at = start;
  else envelope.format = 'rfc3164';
  at = skipSpaces(text, at);
  // HOSTNAME comes after the date; without a date, or when the next token is a TAG, there is none.
  if (timeFound && !parseTag(text, at)) {
    const [value, end] = token(text, at);
    if (value && !value.startsWith('%') && !value.endsWith(':')) {
      envelope.host = value;
      at = skipSpaces(text, end);
    }
  }
  const tag = parseTag(text, at);
  if (tag) {
    envelope.app = tag.app;
    if (tag.procId) envelope.procId = tag.procId;
    at = tag.end;
    if (text[at] === ' ') at++;
    if (!timeFound) envelope.format = 'rfc3164';
  }
  envelope.msgStart = at;
  return envelope;
}

/** Reads the header of one message. `receivedAt` gives BSD dates their year. */
export function parseEnvelope(text: string, receivedAt: number): Envelope {
  const envelope: Envelope = { format: 'unknown', structuredData: [], msgStart: 0 };
  const pri = parsePri(text);
  if (!pri) {
    // No PRI (RFC 3164 §4.3.3 lets a relay add one): still try the BSD header.
    const bsd = parse3164(text, 0, envelope, receivedAt);
    if (bsd.format === 'unknown' || bsd.time === undefined) return { format: 'unknown', structuredData: [], msgStart: 0 }; // prettier-ignore
    return bsd;
  }
  envelope.facility = pri.pri >> 3;
  envelope.severity = pri.pri & 7;
  const version = /^[1-9]\d{0,2}(?= |$)/.exec(text.slice(pri.end, pri.end + 4));
  if (version) return parse5424(text, pri.end + version[0].length, envelope);
  const parsed = parse3164(text, pri.end, envelope, receivedAt);
  // A PRI alone is enough to call it a BSD message (RFC 3164 §4.3.2: the rest is MSG).
  parsed.format = 'rfc3164';
  return parsed;
}

/** Value of a structured-data parameter, e.g. sdParam(envelope, 'meta', 'sequenceId'). */
export function sdParam(envelope: Envelope, id: string, name: string): string | undefined {
  return envelope.structuredData.find((element) => element.id === id)?.params.find(([n]) => n === name)?.[1];
}
