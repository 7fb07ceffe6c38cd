// Bytes → SipMessage (RFC 3261 §7). The parser checks the framing: start line, header field
// syntax, folding, character set and Content-Length. What a header value means is checked by the
// layer that uses it (see validate.ts), so that a syntactically odd but unused header does not
// cost a call, and the answer can be the one the RFC asks for (400, 416, 505 …).
import { canonicalHeaderName } from './header-names.ts';
import type { SipHeader, SipMessage } from './message.ts';
import { isToken } from './text.ts';

export interface SipParseError {
  /** 1-based line of the message where the problem is (0: the message as a whole). */
  line: number;
  /** The header field concerned, when there is one. */
  field?: string;
  reason: string;
}

export type ParseFailure = { ok: false; error: SipParseError };
export type ParseResult = { ok: true; message: SipMessage } | ParseFailure;

export interface ParseOptions {
  /** Stream transports must carry Content-Length (RFC 3261 §18.3); datagrams may omit it. */
  transport?: 'datagram' | 'stream';
  /** Largest header section accepted, in bytes. */
  maxHeaderBytes?: number;
}

const DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
const VERSION = /^SIP\/\d+\.\d+$/i;
const decoder = new TextDecoder('utf-8', { fatal: true });

function fail(line: number, reason: string, field?: string): ParseFailure {
  return { ok: false, error: field ? { line, field, reason } : { line, reason } };
}

/** Where the header section ends: index of the empty line's first byte and the body's start. */
function findHeaderEnd(bytes: Buffer, from: number): { end: number; bodyStart: number } | undefined {
  for (let i = from; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return { end: i, bodyStart: i + 2 };
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return { end: i, bodyStart: i + 3 };
  }
  return undefined;
}

function lineOfOffset(bytes: Buffer, offset: number, firstLine: number): number {
  let line = firstLine;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

export function parseMessage(data: Uint8Array, options: ParseOptions = {}): ParseResult {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // RFC 3261 §7.5: empty lines before the start line are ignored (keepalives on streams).
  let start = 0;
  let skippedLines = 0;
  while (start < bytes.length && (bytes[start] === 0x0d || bytes[start] === 0x0a)) {
    if (bytes[start] === 0x0a) skippedLines++;
    start++;
  }
  if (start >= bytes.length) return fail(0, 'the message is empty');
  const headerEnd = findHeaderEnd(bytes, start);
  if (!headerEnd) return fail(0, 'no empty line ends the header section');
  const maxHeader = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  if (headerEnd.end - start > maxHeader) return fail(0, `the header section exceeds ${maxHeader} bytes`);

  const headerBytes = bytes.subarray(start, headerEnd.end);
  let text: string;
  try {
    text = decoder.decode(headerBytes);
  } catch {
    const bad = firstInvalidUtf8(headerBytes);
    return fail(
      lineOfOffset(headerBytes, bad, skippedLines + 1),
      `byte ${bad} of the header section is not valid UTF-8`,
    );
  }
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  for (let i = 0; i < lines.length; i++) {
    const column = firstBareControl(lines[i]!);
    if (column >= 0) {
      const code = lines[i]!.charCodeAt(column).toString(16).padStart(2, '0');
      return fail(skippedLines + i + 1, `control character 0x${code} at column ${column + 1}`);
    }
  }

  const firstLine = skippedLines + 1;
  const headers: SipHeader[] = [];
  const lineOfHeader: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNumber = firstLine + i;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      // RFC 3261 §7.3.1: a line starting with white space continues the previous field.
      const previous = headers[headers.length - 1];
      if (!previous) return fail(lineNumber, 'a folded line comes before any header field');
      previous.value = trimWhitespace(`${previous.value} ${trimWhitespace(line)}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) return fail(lineNumber, `"${line.slice(0, 40)}" is not a header field: no colon`);
    const name = line.slice(0, colon).replace(/[ \t]+$/, '');
    if (!isToken(name)) return fail(lineNumber, `"${name.slice(0, 40)}" is not a valid header name`);
    headers.push({ name: canonicalHeaderName(name), value: trimWhitespace(line.slice(colon + 1)) });
    lineOfHeader.push(lineNumber);
  }

  const startLine = parseStartLine(lines[0]!, firstLine);
  if (!startLine.ok) return startLine;

  const contentLength = readContentLength(headers, lineOfHeader);
  if (typeof contentLength === 'object') return contentLength;
  const available = bytes.length - headerEnd.bodyStart;
  let body: Buffer;
  if (contentLength === undefined) {
    if (options.transport === 'stream')
      return fail(0, 'Content-Length is required on stream transports', 'Content-Length');
    body = bytes.subarray(headerEnd.bodyStart);
  } else {
    if (contentLength > available) {
      const line = lineOfHeader[headers.findIndex((h) => h.name === 'Content-Length')] ?? 0;
      return fail(
        line,
        `Content-Length is ${contentLength} but the message carries ${available} body bytes`,
        'Content-Length',
      );
    }
    // RFC 3261 §18.3: bytes past Content-Length in a datagram are discarded.
    body = bytes.subarray(headerEnd.bodyStart, headerEnd.bodyStart + contentLength);
  }
  return { ok: true, message: { ...startLine.value, headers, body } as SipMessage };
}

type StartLine =
  | { ok: true; value: { type: 'request'; method: string; uri: string; version: string } }
  | { ok: true; value: { type: 'response'; version: string; status: number; reason: string } };

function parseStartLine(line: string, lineNumber: number): StartLine | ParseFailure {
  if (/^SIP\//i.test(line)) {
    // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (the reason may be empty).
    const match = /^(SIP\/\d+\.\d+) (\d{3})(?: (.*))?$/i.exec(line);
    if (!match) return fail(lineNumber, `"${line.slice(0, 60)}" is not a valid status line`);
    const status = Number(match[2]);
    if (status < 100) return fail(lineNumber, `status code ${status} is below 100`);
    return {
      ok: true,
      value: { type: 'response', version: match[1]!.toUpperCase(), status, reason: match[3] ?? '' },
    };
  }
  // Request-Line = Method SP Request-URI SP SIP-Version: exactly one space each (RFC 3261 §7.1).
  const parts = line.split(' ');
  if (parts.length !== 3 || parts.some((p) => p === '')) {
    return fail(
      lineNumber,
      `"${line.slice(0, 60)}" is not a valid request line (Method SP Request-URI SP SIP-Version)`,
    );
  }
  const [method, uri, version] = parts as [string, string, string];
  if (!isToken(method)) return fail(lineNumber, `"${method}" is not a valid method name`);
  if (!VERSION.test(version)) return fail(lineNumber, `"${version}" is not a SIP version`);
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) {
    return fail(lineNumber, `"${uri.slice(0, 60)}" is not an absolute URI`);
  }
  return { ok: true, value: { type: 'request', method, uri, version: version.toUpperCase() } };
}

function readContentLength(headers: SipHeader[], lines: number[]): number | undefined | ParseFailure {
  let value: number | undefined;
  for (let i = 0; i < headers.length; i++) {
    const header = headers[i]!;
    if (header.name !== 'Content-Length') continue;
    if (!/^\d{1,10}$/.test(header.value)) {
      return fail(
        lines[i]!,
        `Content-Length "${header.value.slice(0, 20)}" is not a byte count`,
        'Content-Length',
      );
    }
    const n = Number(header.value);
    if (value !== undefined && value !== n) {
      return fail(lines[i]!, 'two Content-Length fields disagree', 'Content-Length');
    }
    value = n;
  }
  return value;
}

function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    try {
      decoder.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return 0;
}

/** SIP white space is space and tab only (RFC 3261 §25.1); String.trim() would also eat U+FEFF. */
function trimWhitespace(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '');
}

/**
 * Column of the first control character that is not allowed, or -1. Tab is white space, and a
 * control character right after a backslash is a quoted-pair (RFC 3261 §25.1), legal in quoted strings.
 */
function firstBareControl(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) {
      if (i > 0 && line[i - 1] === '\\' && code !== 0x0a && code !== 0x0d) continue;
      return i;
    }
  }
  return -1;
}
