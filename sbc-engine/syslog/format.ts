// RFC 5424 messages, as bytes: HEADER SP STRUCTURED-DATA [SP MSG]. Pure: time, sequence id and
// origin come in as values, so every byte is decided by the arguments.
import type { SyslogEvent } from './events.ts';
import { priorityValue, type Facility } from './priority.ts';
import {
  SyslogFormatError,
  encodeStructuredData,
  privateSdId,
  type SdElement,
  type SdValue,
} from './structured-data.ts';
import { utf8CutLength } from './utf8-cut.ts';

export const APP_NAME = 'sbc-engine';

/**
 * IANA's private enterprise number for documentation (RFC 5612). It stands in until the product
 * has its own number; the setting that will carry the real one is `enterpriseNumber`.
 */
export const PLACEHOLDER_ENTERPRISE_NUMBER = '32473';

/** The name part of the engine's private SD-ID ("sbc@32473"). */
export const PRIVATE_SD_NAME = 'sbc';

/** Fixed for one sender: who is speaking. */
export interface SyslogOrigin {
  /** §6.2.4: FQDN or address of this host; NILVALUE when unknown. */
  hostname?: string;
  appName?: string;
  /** §6.2.6: the process id, so a restart is visible. */
  procId?: string;
  enterpriseNumber: string;
  facility: Facility;
}

/** Decided by the sender for each message. */
export interface SyslogStamp {
  time: number;
  /** Local offset from UTC in minutes at `time` (+60 for CET). */
  utcOffsetMinutes: number;
  sequenceId: number;
}

export interface EncodedMessage {
  bytes: Buffer;
  /** The MSG's length in bytes before it was cut to fit; absent when it was not cut. */
  truncatedFrom?: number;
}

const NIL = '-';

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** §6.2.3: local time with milliseconds and its offset, "2026-01-01T10:00:00.123+01:00"; NILVALUE if unknown. */
export function formatTimestamp(time: number, utcOffsetMinutes: number): string {
  if (!Number.isFinite(time) || !Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) >= 24 * 60)
    return NIL;
  const local = new Date(time + utcOffsetMinutes * 60_000);
  const year = local.getUTCFullYear();
  // FULL-DATE has a four-digit year.
  if (Number.isNaN(year) || year < 0 || year > 9999) return NIL;
  const date = `${String(year).padStart(4, '0')}-${twoDigits(local.getUTCMonth() + 1)}-${twoDigits(local.getUTCDate())}`;
  const clock = `${twoDigits(local.getUTCHours())}:${twoDigits(local.getUTCMinutes())}:${twoDigits(local.getUTCSeconds())}`;
  const millis = String(local.getUTCMilliseconds()).padStart(3, '0');
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  const offset = abs === 0 ? 'Z' : `${sign}${twoDigits(Math.floor(abs / 60))}:${twoDigits(abs % 60)}`;
  return `${date}T${clock}.${millis}${offset}`;
}

/**
 * §6.2.4-6.2.7: HOSTNAME, APP-NAME, PROCID and MSGID are printable US-ASCII of bounded length. A
 * value from the system (a host name with an umlaut) is made fit rather than refused: a log line
 * with "_" in the host name is better than none.
 */
export function headerField(value: string | undefined, maxLength: number): string {
  if (value === undefined || value === '') return NIL;
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    out += code >= 33 && code <= 126 ? char : '_';
    if (out.length >= maxLength) break;
  }
  return out;
}

function privateParams(event: SyslogEvent, truncatedFrom: number | undefined): [string, SdValue][] {
  const call = event.call ?? {};
  const params: [string, SdValue][] = [
    ['callId', call.callId],
    ['leg', call.leg],
    ['dir', call.dir],
    ['peer', call.peer],
  ];
  // A name repeated here (an event param called "callId") is refused by encodeSdElement.
  params.push(...Object.entries(event.params ?? {}), ['truncated', truncatedFrom]);
  return params;
}

function structuredData(
  origin: SyslogOrigin,
  event: SyslogEvent,
  stamp: SyslogStamp,
  truncatedFrom?: number,
): string {
  const elements: SdElement[] = [{ id: 'meta', params: [['sequenceId', stamp.sequenceId]] }];
  const params = privateParams(event, truncatedFrom);
  if (params.some(([, value]) => value !== undefined))
    elements.push({ id: privateSdId(PRIVATE_SD_NAME, origin.enterpriseNumber), params });
  return encodeStructuredData(elements);
}

/**
 * One RFC 5424 message. With `maxBytes`, a MSG too long to fit is cut at a character boundary and
 * the private element gets truncated="<original MSG bytes>"; header and structured data are never
 * cut, so a message whose header and SD alone exceed maxBytes is refused (SyslogFormatError).
 */
export function encodeSyslogMessage(
  origin: SyslogOrigin,
  event: SyslogEvent,
  stamp: SyslogStamp,
  maxBytes = Infinity,
): EncodedMessage {
  const header = [
    `<${priorityValue(origin.facility, event.severity)}>1`,
    formatTimestamp(stamp.time, stamp.utcOffsetMinutes),
    headerField(origin.hostname, 255),
    headerField(origin.appName ?? APP_NAME, 48),
    headerField(origin.procId, 128),
    headerField(event.msgId, 32),
  ].join(' ');
  // No BOM before MSG, although §6.4 says SHOULD: MSG is always UTF-8 (FORMAT.md says so, for
  // receivers that know the format), and rsyslog and most viewers keep a BOM as three stray bytes
  // at the start of the text, where it breaks grep and a SIP_TRACE's start line. §6.4 allows a MSG
  // without BOM (MSG-ANY).
  const msg = Buffer.from(event.msg ?? '', 'utf8');
  const full = withMsg(`${header} ${structuredData(origin, event, stamp)}`, msg);
  if (full.length <= maxBytes) return { bytes: full };
  const head = `${header} ${structuredData(origin, event, stamp, msg.length)}`;
  const headBytes = Buffer.byteLength(head, 'utf8');
  if (headBytes > maxBytes)
    throw new SyslogFormatError(
      `${event.msgId}: header and structured data are ${headBytes} bytes, over the limit of ${maxBytes}`,
    );
  // The SP before MSG takes one byte of the room.
  const cut = msg.subarray(0, utf8CutLength(msg, Math.max(0, maxBytes - headBytes - 1)));
  return { bytes: withMsg(head, cut), truncatedFrom: msg.length };
}

/** HEADER SP STRUCTURED-DATA, then SP MSG unless MSG is empty. */
function withMsg(head: string, msg: Buffer): Buffer {
  const bytes = Buffer.from(head, 'utf8');
  return msg.length ? Buffer.concat([bytes, Buffer.from(' '), msg]) : bytes;
}
