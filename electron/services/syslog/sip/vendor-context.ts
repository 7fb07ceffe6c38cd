// What vendors write in front of a SIP message: direction, far end, session ids. Each reader
// looks at the prefix (the text before the start line) and returns only what the vendor states;
// nothing is guessed from the SIP headers here.
import { parseEndpoint } from './endpoint.ts';
import type { Direction, Endpoint, VendorId } from './types.ts';

export interface VendorContext {
  vendor: VendorId;
  direction?: Direction;
  peer?: Endpoint;
  local?: Endpoint;
  sessionId?: string;
  connection?: string;
  /** A Call-ID the vendor names in its prefix (Ribbon). */
  callId?: string;
}

const HOST = String.raw`(\[[0-9A-Fa-f:.]+\]|[0-9A-Za-z.-]+|[0-9A-Fa-f:]+)`;

// AudioCodes Mediant: "[SID=2ed1c8:96:5]" (SID=<MAC tail>:<resets>:<session>) or, on older
// firmware, "[SID:1034099026]". An SBC session spans both legs (User's Manual, Syslog chapter).
const AUDIOCODES_SID = /\[SID[=:]([0-9A-Za-z:]+)\]/;
// "---- Incoming SIP Message from 192.0.2.1:5061 to SIPInterface #2 (Teams) TLS TO(#134) ... ----"
// and older "Incoming SIP Message from 10.0.0.5:5060 to SIP#0 UDP".
const AUDIOCODES_MESSAGE = new RegExp(
  String.raw`(Incoming|Outgoing) SIP Message (?:from|to) ${HOST}:(\d{1,5}) (?:to|from) (?:SIPInterface #(\d+)(?: \(([^)]*)\))?|SIP#(\d+)\w*)(?:\s+(UDP|TCP|TLS|WSS?))?`,
  'gi',
);

// Ribbon (Sonus) SBC call trace: "GCID=0x00000DDB" and
// "Ingress: received msg for CallId:<id> gcid:0xDDB from IP/port:10.1.1.1/5060, Local IP/port:10.2.2.2/5060".
const RIBBON_MESSAGE =
  /(Ingress|Egress): (?:received|sent) msg for CallId:(\S+?) gcid:(0x[0-9A-Fa-f]+) (?:from|to) IP\/port:([^\s,]+), Local IP\/port:([^\s,]+)/g;
const RIBBON_GCID = /\bGCID=(0x[0-9A-Fa-f]+)/;

// Cisco IOS / CUBE, debug ccsip messages: "//<call id>/<GUID>/SIP/Msg/ccsipDisplayMsg:" then
// "Received:" or "Sent:". The GUID is the same on both legs of a CUBE call; all x's when unknown.
const CISCO_MESSAGE =
  /\/\/(-?\d+)\/([0-9A-Fa-fx]+)\/SIP\/Msg\/ccsipDisplayMsg:[\s\S]*?\b(Received|Sent):\s*$/;

// Kamailio's own prefix: "kamailio[1234]:" (RFC 3164 tag) or an xlog "<script>:" marker.
const KAMAILIO = /\bkamailio\[\d+\]:|<script>:/;

// Generic phrases: "received ... from udp:1.2.3.4:5060", "sent ... to 1.2.3.4:5060".
const GENERIC_IN = new RegExp(
  String.raw`\b(?:received|receive|recv|rcvd|incoming|inbound|rx|in)\b[^\n]{0,80}?\bfrom\s+(?:(udp|tcp|tls|sctp|wss?)[:/ ]\s*)?${HOST}[:/](\d{1,5})\b`,
  'gi',
);
const GENERIC_OUT = new RegExp(
  String.raw`\b(?:sent|send|sending|outgoing|outbound|tx|out|forwarded|forwarding|relayed)\b[^\n]{0,80}?\bto\s+(?:(udp|tcp|tls|sctp|wss?)[:/ ]\s*)?${HOST}[:/](\d{1,5})\b`,
  'gi',
);

function endpoint(host: string, port: string, transport?: string): Endpoint | undefined {
  const parsed = parseEndpoint(
    `${host.replace(/^\[|\]$/g, '').includes(':') ? `[${host.replace(/^\[|\]$/g, '')}]` : host}:${port}`,
  );
  if (parsed && transport) parsed.transport = transport.toUpperCase();
  return parsed;
}

function audiocodes(prefix: string): VendorContext | undefined {
  const sid = AUDIOCODES_SID.exec(prefix);
  const message = lastMatch(AUDIOCODES_MESSAGE, prefix);
  if (!sid && !message) return undefined;
  const context: VendorContext = { vendor: 'audiocodes' };
  if (sid) context.sessionId = sid[1]!;
  if (message) {
    context.direction = message[1]!.toLowerCase() === 'incoming' ? 'in' : 'out';
    const peer = endpoint(message[2]!, message[3]!, message[7]);
    if (peer) context.peer = peer;
    if (message[5]) context.connection = message[5];
    else if (message[4] !== undefined) context.connection = `SIPInterface #${message[4]}`;
    else if (message[6] !== undefined) context.connection = `SIP#${message[6]}`;
  }
  return context;
}

function ribbon(prefix: string): VendorContext | undefined {
  const message = lastMatch(RIBBON_MESSAGE, prefix);
  const gcid = RIBBON_GCID.exec(prefix);
  if (!message && !gcid) return undefined;
  const context: VendorContext = { vendor: 'ribbon' };
  if (message) {
    context.direction = message[1] === 'Ingress' ? 'in' : 'out';
    context.callId = message[2]!;
    context.sessionId = normaliseHex(message[3]!);
    const peer = parseEndpoint(message[4]!);
    const local = parseEndpoint(message[5]!);
    if (peer) context.peer = peer;
    if (local) context.local = local;
  } else if (gcid) {
    context.sessionId = normaliseHex(gcid[1]!);
  }
  return context;
}

/** GCID=0x00000DDB in one line and gcid:0xDDB in the next name the same call. */
function normaliseHex(text: string): string {
  return `0x${text
    .slice(2)
    .replace(/^0+(?=.)/, '')
    .toLowerCase()}`;
}

function cisco(prefix: string): VendorContext | undefined {
  const message = CISCO_MESSAGE.exec(prefix);
  if (!message) return undefined;
  const context: VendorContext = { vendor: 'cisco', direction: message[3] === 'Received' ? 'in' : 'out' };
  if (!/^x+$/i.test(message[2]!)) context.sessionId = message[2]!.toUpperCase();
  return context;
}

function generic(prefix: string, vendor: VendorId): VendorContext {
  const context: VendorContext = { vendor };
  // The phrase nearest to the SIP message wins: a prefix may repeat earlier events.
  const tail = prefix.slice(-400);
  const inbound = lastMatch(GENERIC_IN, tail);
  const outbound = lastMatch(GENERIC_OUT, tail);
  const pick =
    inbound && outbound ? (inbound.index > outbound.index ? inbound : outbound) : (inbound ?? outbound);
  if (pick) {
    context.direction = pick === inbound ? 'in' : 'out';
    const peer = endpoint(pick[2]!, pick[3]!, pick[1]);
    if (peer) context.peer = peer;
  } else if (/\b(?:Received|Recv|RX)\s*:\s*$/.test(tail)) {
    context.direction = 'in';
  } else if (/\b(?:Sent|Send|TX)\s*:\s*$/.test(tail)) {
    context.direction = 'out';
  }
  return context;
}

/** The last match of a global pattern (its lastIndex is reset before and used during the scan). */
function lastMatch(global: RegExp, text: string): RegExpExecArray | undefined {
  global.lastIndex = 0;
  let last: RegExpExecArray | undefined;
  for (let n = 0; n < 64; n++) {
    const match = global.exec(text);
    if (!match) break;
    last = match;
    if (match[0].length === 0) global.lastIndex++;
  }
  return last;
}

/** The vendor's statements about the SIP message that follows `prefix`. */
export function readVendorContext(prefix: string): VendorContext {
  const found = audiocodes(prefix) ?? ribbon(prefix) ?? cisco(prefix);
  if (found) return found;
  return generic(prefix, KAMAILIO.test(prefix) ? 'kamailio' : 'generic');
}
