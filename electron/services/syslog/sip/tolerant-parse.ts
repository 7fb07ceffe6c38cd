// The engine's strict parser behind a wrapper that copes with what logs do to SIP: trailing
// blanks, indented or wrapped header lines, a lost empty line before the SDP, a body cut short,
// vendor trailers. It never throws; when the strict parser still refuses the repaired text, the
// header fields are read line by line so the index gets what is there.
import { canonicalHeaderName, parseMessage } from '../../../../sbc-engine/sip/index.ts';
import type { SipHeader, SipMessage, SipRequest, SipResponse } from '../../../../sbc-engine/sip/index.ts';
import { splitLines } from './line-breaks.ts';

export interface TolerantResult {
  message: SipMessage;
  /** The message as repaired, CRLF line ends, original Content-Length kept. */
  text: string;
  truncated: boolean;
  /** Set when the fields come from the line reader instead of the engine's parser. */
  parseError?: string;
}

/** Vendor trailers after a message: AudioCodes "[Time:19-12@12:44:56.587]". */
const TRAILER = /^\s*\[Time:[^\]]*\]\s*$/;
// Looks like "Name: value", also with a name a strict parser refuses (a space in it).
const HEADER_LINE = /^[A-Za-z][A-Za-z0-9 \-.!%*_+`'~]{0,40}:/;

interface Sections {
  startLine: string;
  headerLines: string[];
  bodyLines: string[];
  sawEmptyLine: boolean;
}

function splitSections(text: string): Sections {
  const lines = splitLines(text);
  while (
    lines.length > 1 &&
    (TRAILER.test(lines[lines.length - 1]!) || lines[lines.length - 1]!.trim() === '')
  )
    lines.pop();
  if (lines.length && TRAILER.test(lines[lines.length - 1]!)) lines.pop();
  const startLine = (lines[0] ?? '').replace(/[ \t]+$/, '');
  const raw: string[] = [];
  let i = 1;
  let sawEmptyLine = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      sawEmptyLine = true;
      i++;
      break;
    }
    // An SDP body right after the headers, its empty line lost on the way (seen in debug output).
    if (/^v=0\s*$/.test(line)) break;
    raw.push(line.replace(/[ \t]+$/, ''));
  }
  const bodyLines = lines.slice(i);
  return { startLine, headerLines: repairHeaderLines(raw), bodyLines, sawEmptyLine };
}

/** Undo vendor indentation and fixed-width wrapping; keep real RFC 3261 folding. */
function repairHeaderLines(lines: string[]): string[] {
  if (lines.length === 0) return lines;
  // Every line indented: the vendor indents, nothing is folded.
  const indented = lines.every((l) => /^[ \t]/.test(l));
  const input = indented ? lines.map((l) => l.replace(/^[ \t]+/, '')) : lines;
  const out: string[] = [];
  for (const line of input) {
    if (out.length > 0 && !HEADER_LINE.test(line) && !/^[ \t]/.test(line)) {
      // A line without "name:" that is not folding: the previous line was wrapped at a width.
      out[out.length - 1] += line;
    } else {
      out.push(line);
    }
  }
  return out;
}

function lenientHeaders(lines: string[]): SipHeader[] {
  const headers: SipHeader[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && headers.length) {
      headers[headers.length - 1]!.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    if (!/^[A-Za-z0-9\-.!%*_+`'~]+$/.test(name)) continue;
    headers.push({ name: canonicalHeaderName(name), value: line.slice(colon + 1).trim() });
  }
  return headers;
}

type StartLine = Omit<SipRequest, 'headers' | 'body'> | Omit<SipResponse, 'headers' | 'body'>;

function lenientStartLine(line: string): StartLine | undefined {
  const response = /^(SIP\/2\.0) (\d{3})(?: (.*))?$/i.exec(line);
  if (response)
    return { type: 'response', version: 'SIP/2.0', status: Number(response[2]), reason: response[3] ?? '' };
  const request = /^([A-Za-z][A-Za-z_-]*) (\S+) (SIP\/2\.0)/i.exec(line);
  if (request) return { type: 'request', method: request[1]!, uri: request[2]!, version: 'SIP/2.0' };
  return undefined;
}

const utf8 = new TextEncoder();

export function tolerantParse(text: string): TolerantResult | undefined {
  const { startLine, headerLines, bodyLines, sawEmptyLine } = splitSections(text);
  const start = lenientStartLine(startLine);
  if (!start) return undefined;
  const body = bodyLines.join('\r\n');
  const bodyBytes = utf8.encode(body).length;
  const lengthLine = headerLines.findIndex((l) => /^(Content-Length|l)[ \t]*:/i.test(l));
  const declared =
    lengthLine >= 0 ? Number(/:\s*(\d{1,10})\s*$/.exec(headerLines[lengthLine]!)?.[1]) : undefined;
  let truncated = false;
  if (declared !== undefined && Number.isFinite(declared) && declared > bodyBytes + 2) truncated = true;
  // No empty line after the headers: complete only if "Content-Length: 0" said nothing was due.
  // (Log systems drop trailing empty lines, so the empty line itself proves nothing.)
  if (!sawEmptyLine && bodyLines.length === 0 && declared !== 0) truncated = true;

  const shownText = [startLine, ...headerLines].join('\r\n') + '\r\n\r\n' + body;
  // For the strict parser, a Content-Length that the log cut short is set to what arrived.
  const parseLines = headerLines.map((l, i) =>
    i === lengthLine && declared !== undefined && declared > bodyBytes ? `Content-Length: ${bodyBytes}` : l,
  );
  const parseText = [startLine, ...parseLines].join('\r\n') + '\r\n\r\n' + body;
  try {
    const strict = parseMessage(Buffer.from(parseText, 'utf8'), { transport: 'datagram' });
    if (strict.ok) return { message: strict.message, text: shownText, truncated };
    const error = strict.error;
    const message = {
      ...start,
      headers: lenientHeaders(headerLines),
      body: utf8.encode(body),
    } as SipMessage;
    return {
      message,
      text: shownText,
      truncated,
      parseError: `line ${error.line}${error.field ? ` (${error.field})` : ''}: ${error.reason}`,
    };
  } catch (error) {
    // The strict parser is not meant to throw; if it does, the line reader still answers.
    const message = { ...start, headers: lenientHeaders(headerLines), body: utf8.encode(body) } as SipMessage;
    return { message, text: shownText, truncated, parseError: String(error) };
  }
}
