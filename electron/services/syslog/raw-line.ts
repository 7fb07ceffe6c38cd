// One received message as one line of a daily raw file (RAW-FORMAT.md):
//   TIME SP SOURCE SP FLAGS SP RAW LF
// RAW is the message's bytes with line breaks, control bytes, backslashes and bytes that are not
// UTF-8 escaped, so a multi-line SIP message stays on one line, `grep` finds plain text as sent,
// and decodeRaw() gives back the exact bytes. Pure: no I/O.
import { isUtf8 } from 'node:buffer';

/** Flag letters in the FLAGS field; `-` when there are none. */
export const FLAG_TRUNCATED = 't';

const BACKSLASH = 0x5c;
const HEX = '0123456789abcdef';

/** The most bytes encodeRaw() can write for `length` input bytes (every byte as \xHH). */
export function maxEncodedLength(length: number): number {
  return length * 4;
}

function needsEscape(byte: number): boolean {
  return byte < 0x20 || byte === 0x7f || byte === BACKSLASH;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there does not start one. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  let length: number;
  let min: number;
  if (lead >= 0xc2 && lead <= 0xdf) [length, min] = [2, 0x80];
  else if (lead >= 0xe0 && lead <= 0xef) [length, min] = [3, 0x800];
  else if (lead >= 0xf0 && lead <= 0xf4) [length, min] = [4, 0x10000];
  else return 0;
  if (i + length > bytes.length) return 0;
  let code = lead & (0x7f >> length);
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k]!;
    if ((next & 0xc0) !== 0x80) return 0;
    code = (code << 6) | (next & 0x3f);
  }
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 (RFC 3629 §3).
  if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return 0;
  return length;
}

/**
 * Writes the escaped form of `raw` into `out` at `at` and returns the offset after it. `out` needs
 * maxEncodedLength(raw.length) bytes of room.
 */
export function encodeRaw(raw: Uint8Array, out: Buffer, at: number): number {
  let clean = true;
  let ascii = true;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (byte >= 0x80) ascii = false;
    else if (needsEscape(byte)) {
      clean = false;
      break;
    }
  }
  // The common case, plain text: copied as it is.
  if (clean && (ascii || isUtf8(raw))) {
    out.set(raw, at);
    return at + raw.length;
  }
  for (let i = 0; i < raw.length;) {
    const byte = raw[i]!;
    if (byte < 0x80) {
      if (!needsEscape(byte)) out[at++] = byte;
      else {
        out[at++] = BACKSLASH;
        if (byte === 0x0a)
          out[at++] = 0x6e; // \n
        else if (byte === 0x0d)
          out[at++] = 0x72; // \r
        else if (byte === 0x09)
          out[at++] = 0x74; // \t
        else if (byte === BACKSLASH) out[at++] = BACKSLASH;
        else at = writeHexEscape(byte, out, at - 1);
      }
      i++;
      continue;
    }
    const length = utf8SequenceLength(raw, i);
    if (length === 0) {
      at = writeHexEscape(byte, out, at);
      i++;
    } else {
      for (let k = 0; k < length; k++) out[at++] = raw[i + k]!;
      i += length;
    }
  }
  return at;
}

function writeHexEscape(byte: number, out: Buffer, at: number): number {
  out[at++] = BACKSLASH;
  out[at++] = 0x78; // x
  out[at++] = HEX.charCodeAt(byte >> 4);
  out[at++] = HEX.charCodeAt(byte & 15);
  return at;
}

function hexValue(code: number | undefined): number {
  if (code === undefined) return -1;
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  return -1;
}

/** The original bytes of an escaped RAW field. An unknown escape stands for itself. */
export function decodeRaw(escaped: Uint8Array): Buffer {
  if (!escaped.includes(BACKSLASH)) return Buffer.from(escaped);
  const out = Buffer.allocUnsafe(escaped.length);
  let at = 0;
  for (let i = 0; i < escaped.length; i++) {
    const byte = escaped[i]!;
    if (byte !== BACKSLASH || i + 1 >= escaped.length) {
      out[at++] = byte;
      continue;
    }
    const next = escaped[i + 1]!;
    if (next === 0x6e) out[at++] = 0x0a;
    else if (next === 0x72) out[at++] = 0x0d;
    else if (next === 0x74) out[at++] = 0x09;
    else if (next === BACKSLASH) out[at++] = BACKSLASH;
    else if (next === 0x78 && hexValue(escaped[i + 2]) >= 0 && hexValue(escaped[i + 3]) >= 0) {
      out[at++] = (hexValue(escaped[i + 2]) << 4) | hexValue(escaped[i + 3]);
      i += 2;
    } else {
      out[at++] = byte;
      continue;
    }
    i++;
  }
  return out.subarray(0, at);
}

export interface RawLine {
  /** Receive time as written: local ISO 8601 with milliseconds and UTC offset. */
  time: string;
  /** `udp:192.0.2.10:514`, `tcp:[2001:db8::1]:50123`, `tls:…`; `-` when unknown. */
  source: string;
  truncated: boolean;
  raw: Buffer;
}

/** One line of a raw file, without its LF; undefined for a line that is not in the format. */
export function parseRawLine(line: Uint8Array): RawLine | undefined {
  const first = line.indexOf(0x20);
  const second = first < 0 ? -1 : line.indexOf(0x20, first + 1);
  const third = second < 0 ? -1 : line.indexOf(0x20, second + 1);
  if (third < 0) return undefined;
  const text = (start: number, end: number) => Buffer.from(line.buffer, line.byteOffset + start, end - start).toString('latin1'); // prettier-ignore
  const flags = text(second + 1, third);
  return {
    time: text(0, first),
    source: text(first + 1, second),
    truncated: flags.includes(FLAG_TRUNCATED),
    raw: decodeRaw(line.subarray(third + 1)),
  };
}

/** `udp:192.0.2.10:514`; IPv6 addresses in brackets. */
export function formatSource(transport: string, address: string, port: number): string {
  return address.includes(':') ? `${transport}:[${address}]:${port}` : `${transport}:${address}:${port}`;
}
