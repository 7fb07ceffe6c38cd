// One syslog message in, the SIP message inside it out (or undefined when there is none).
// Works on a whole line or on its MSG part: the vendor prefix is read for direction, far end and
// session ids, the SIP text is un-escaped and parsed with the engine's parser through a tolerant
// wrapper. Never throws: a log analyzer must keep going on whatever a device sends.
import { getHeader, getHeaderValues, parseCSeq, parseVia } from '../../../../sbc-engine/sip/index.ts';
import type { SipMessage } from '../../../../sbc-engine/sip/index.ts';
import { readEngineContext } from './engine-context.ts';
import { unescapeLineBreaks } from './line-breaks.ts';
import { readParty } from './numbers.ts';
import { findStartLine } from './start-line.ts';
import { tolerantParse } from './tolerant-parse.ts';
import type { Party, SipExtract } from './types.ts';
import { readVendorContext } from './vendor-context.ts';

/** Longest input looked at; syslog messages are far smaller, an import may hand over more. */
export const MAX_INPUT_CHARS = 256 * 1024;

const decoder = new TextDecoder('utf-8');

function firstParty(values: string[]): Party | undefined {
  let first: Party | undefined;
  for (const value of values) {
    const party = readParty(value);
    if (!party) continue;
    if (party.number) return party;
    first ??= party;
  }
  return first;
}

function fill(extract: SipExtract, message: SipMessage): void {
  if (message.type === 'request') {
    extract.method = message.method.toUpperCase();
    extract.uri = message.uri;
  } else {
    extract.status = message.status;
    extract.reason = message.reason;
  }
  const callId = getHeader(message, 'Call-ID');
  if (callId) extract.callId = callId.trim();
  const cseqText = getHeader(message, 'CSeq');
  if (cseqText) {
    const cseq = parseCSeq(cseqText);
    if (cseq.ok) extract.cseq = { seq: cseq.value.seq, method: cseq.value.method.toUpperCase() };
  }
  const from = getHeader(message, 'From');
  const to = getHeader(message, 'To');
  const fromParty = from ? readParty(from) : undefined;
  const toParty = to ? readParty(to) : undefined;
  if (fromParty) extract.from = fromParty;
  if (toParty) extract.to = toParty;
  const pai = firstParty(getHeaderValues(message, 'P-Asserted-Identity'));
  if (pai) extract.pai = pai;
  const topVia = getHeaderValues(message, 'Via')[0];
  if (topVia) {
    const via = parseVia(topVia);
    if (via.ok) {
      const branch = via.value.params.find(([name]) => name === 'branch')?.[1];
      if (branch) extract.branch = branch;
      extract.via = { transport: via.value.transport, host: via.value.host };
      if (via.value.port !== undefined) extract.via.port = via.value.port;
    } else {
      const branch = /;\s*branch=([^;,\s]+)/i.exec(topVia);
      if (branch) extract.branch = branch[1]!;
    }
  }
  const contentType = getHeader(message, 'Content-Type');
  if (contentType) extract.contentType = contentType.split(';')[0]!.trim().toLowerCase();
  if (message.body.length > 0) extract.body = decoder.decode(message.body);
}

export function extractSip(input: string | Uint8Array): SipExtract | undefined {
  try {
    const whole = typeof input === 'string' ? input : decoder.decode(input);
    const text = whole.length > MAX_INPUT_CHARS ? whole.slice(0, MAX_INPUT_CHARS) : whole;
    const start = findStartLine(text);
    if (!start) return undefined;
    const prefix = text.slice(0, start.index);
    const engine = readEngineContext(prefix);
    const vendor = engine ? undefined : readVendorContext(prefix);

    // A vendor trailer after the message (AudioCodes "[Time:...]") is not part of the SIP text.
    const trailer = /(?:\s|#01[25])*\[Time:[^\]]*\]\s*$/.exec(text.slice(start.index));
    const end = trailer ? start.index + trailer.index : text.length;
    const rest = text.slice(start.index, end);
    const parsed = tolerantParse(unescapeLineBreaks(rest));
    if (!parsed) return undefined;
    const extract: SipExtract = {
      vendor: engine ? 'sbc-engine' : vendor!.vendor,
      kind: parsed.message.type,
      sipText: parsed.text,
      span: { start: start.index, end },
      truncated: parsed.truncated || whole.length > MAX_INPUT_CHARS || engine?.truncatedBytes !== undefined,
    };
    if (parsed.parseError) extract.parseError = parsed.parseError;
    fill(extract, parsed.message);
    if (engine) {
      if (!extract.callId && engine.callId) extract.callId = engine.callId;
      if (engine.leg) extract.leg = engine.leg;
      if (engine.direction) extract.direction = engine.direction;
      if (engine.peer) extract.peer = engine.peer;
      if (engine.linkedCallId) extract.linkedCallId = engine.linkedCallId;
      if (engine.connection) extract.connection = engine.connection;
    } else if (vendor) {
      if (vendor.direction) extract.direction = vendor.direction;
      if (vendor.peer) extract.peer = vendor.peer;
      if (vendor.local) extract.local = vendor.local;
      if (vendor.sessionId) extract.sessionId = vendor.sessionId;
      if (vendor.connection) extract.connection = vendor.connection;
      if (!extract.callId && vendor.callId) extract.callId = vendor.callId;
    }
    return extract;
  } catch {
    return undefined;
  }
}
