// Which header fields of an incoming INVITE cross to the other leg, and how a connection's header
// rules (config connections[].headers) rewrite them: identity from the trunk's number block,
// Privacy, History-Info <-> Diversion, X-MS-SBC. Everything not listed here stays on its own leg,
// so the outside never sees the inside's Via, Record-Route, Route, Contact or Call-ID (topology
// hiding). Pure: a request and the facts in, header fields out.
import type { Connection } from '../config/schema/connections.ts';
import { parseNameAddr } from '../sip/address.ts';
import { getHeaderValues } from '../sip/headers.ts';
import type { SipHeader, SipRequest } from '../sip/message.ts';
import { getParam } from '../sip/text.ts';
import { isSipUri, parseUri, unescapeUriPart } from '../sip/uri.ts';

export type HeaderRules = Connection['headers'];
export type NumberBlock = NonNullable<Connection['numberBlock']>;

/** Option tags the B2BUA can carry end to end (RFC 3262 reliable provisionals, RFC 4028 timers). */
export const PASSED_OPTION_TAGS = ['100rel', 'timer'];

/** Copied as they are (before the identity and history rules), each a header of its own meaning. */
const PASSED_AS_IS = ['Session-Expires', 'Min-SE', 'Subject', 'Priority', 'Accept', 'Alert-Info'];
/** A chain of diversions longer than this is cut; nothing legitimate has more. */
const MAX_HISTORY_ENTRIES = 10;

export interface HeaderFacts {
  rules: HeaderRules;
  fqdn: string | null;
  /** Host for identity URIs when the SBC has no FQDN (the listener address). */
  localHost: string;
  /** voip.xMsSbc, "Vendor/Model/Version". */
  xMsSbc: string;
  numberBlock: NumberBlock | null;
  /** The calling number after route translation. */
  calling: string;
  /** The outgoing Request-URI: the current target at the end of a History-Info chain. */
  requestUri: string;
}

/** The user part of a SIP URI or name-addr, unescaped; '' when there is none. */
export function userOf(text: string): string {
  const nameAddr = parseNameAddr(text);
  const uri = parseUri(nameAddr.ok ? nameAddr.value.uri : text);
  if (!uri.ok || !isSipUri(uri.value)) return '';
  return unescapeUriPart(uri.value.user ?? '');
}

/** True when the number lies in the block: as many digits, and between first and last. */
export function inNumberBlock(number: string, block: NumberBlock): boolean {
  return number.length === block.first.length && number >= block.first && number <= block.last;
}

/**
 * The number the SBC asserts toward a trunk: the calling number when the trunk owns it, else the
 * block's first number (providers.md: Telekom rejects or replaces a calling number from outside
 * the block).
 */
export function identityNumber(calling: string, block: NumberBlock | null): string {
  if (!block) return calling;
  const e164 = /^\+/.test(calling) ? calling : `+${calling}`;
  return inNumberBlock(e164, block) ? e164 : block.first;
}

function filterTags(values: string[]): string {
  const wanted = new Set(PASSED_OPTION_TAGS);
  return [...new Set(values.map((v) => v.toLowerCase()).filter((v) => wanted.has(v)))].join(', ');
}

/** The header fields for the outgoing INVITE, in the order they are written. */
export function crossingHeaders(inbound: SipRequest, facts: HeaderFacts): SipHeader[] {
  const out: SipHeader[] = [];
  const { rules } = facts;
  // Replaces is never offered (providers.md: Teams rejects it since 2022), nor other unknown tags.
  const supported = filterTags(getHeaderValues(inbound, 'Supported'));
  if (supported) out.push({ name: 'Supported', value: supported });
  const require = filterTags(getHeaderValues(inbound, 'Require'));
  if (require) out.push({ name: 'Require', value: require });
  for (const name of PASSED_AS_IS) for (const value of fieldValues(inbound, name)) out.push({ name, value });

  out.push(...identityHeaders(inbound, facts));
  if (rules.privacy === 'as-received')
    for (const value of fieldValues(inbound, 'Privacy')) out.push({ name: 'Privacy', value });
  out.push(...historyHeaders(inbound, rules.callHistory, facts.requestUri));
  if (rules.xMsSbc) out.push({ name: 'X-MS-SBC', value: facts.xMsSbc });
  return out;
}

/** Whole field values (not split at commas): the header is copied as it came. */
function fieldValues(request: SipRequest, name: string): string[] {
  const lower = name.toLowerCase();
  return request.headers.filter((h) => h.name.toLowerCase() === lower).map((h) => h.value);
}

function identityHeaders(inbound: SipRequest, facts: HeaderFacts): SipHeader[] {
  const mode = facts.rules.identity;
  if (mode === 'remove') return [];
  if (mode === 'as-received') {
    return [
      ...fieldValues(inbound, 'P-Asserted-Identity').map((value) => ({ name: 'P-Asserted-Identity', value })),
      ...fieldValues(inbound, 'P-Preferred-Identity').map((value) => ({
        name: 'P-Preferred-Identity',
        value,
      })),
    ];
  }
  const number = identityNumber(facts.calling, facts.numberBlock);
  const host = facts.fqdn ?? facts.localHost;
  const name = mode === 'p-asserted-identity' ? 'P-Asserted-Identity' : 'P-Preferred-Identity';
  return [{ name, value: `<sip:${number}@${hostText(host)};user=phone>` }];
}

export function hostText(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

// After RFC 6044's mapping between a History-Info cause (RFC 4458) and a Diversion reason (RFC 5806).
const CAUSE_TO_REASON: Readonly<Record<string, string>> = {
  '302': 'unconditional',
  '486': 'user-busy',
  '408': 'no-answer',
  '480': 'unavailable',
  '503': 'unavailable',
  '487': 'away',
  '404': 'unknown',
};
const REASON_TO_CAUSE: Readonly<Record<string, string>> = {
  unconditional: '302',
  'user-busy': '486',
  'no-answer': '408',
  unavailable: '503',
  away: '487',
  unknown: '404',
  'time-of-day': '302',
  'do-not-disturb': '302',
  deflection: '480',
  'follow-me': '302',
  'out-of-service': '503',
};

interface HistoryEntry {
  /** The URI without its ?headers part. */
  uri: string;
  /** The SIP cause carried in its Reason (History-Info) or mapped from its reason (Diversion). */
  cause: string | undefined;
}

function historyHeaders(
  inbound: SipRequest,
  mode: HeaderRules['callHistory'],
  requestUri: string,
): SipHeader[] {
  const history = getHeaderValues(inbound, 'History-Info');
  const diversion = getHeaderValues(inbound, 'Diversion');
  if (mode === 'remove') return [];
  if (mode === 'as-received' || (mode === 'history-info-to-diversion' && history.length === 0)) {
    return [
      ...fieldValues(inbound, 'History-Info').map((value) => ({ name: 'History-Info', value })),
      ...fieldValues(inbound, 'Diversion').map((value) => ({ name: 'Diversion', value })),
    ];
  }
  if (mode === 'history-info-to-diversion') return historyToDiversion(history);
  if (diversion.length === 0)
    return fieldValues(inbound, 'History-Info').map((value) => ({ name: 'History-Info', value }));
  return diversionToHistory(diversion, requestUri);
}

function parseHistoryEntry(value: string): HistoryEntry | undefined {
  const parsed = parseNameAddr(value);
  if (!parsed.ok) return undefined;
  const question = parsed.value.uri.indexOf('?');
  const uri = question < 0 ? parsed.value.uri : parsed.value.uri.slice(0, question);
  const headers = question < 0 ? '' : decodeURIComponent(parsed.value.uri.slice(question + 1));
  const cause = /(?:^|&)Reason=SIP\s*;(?:.*;)?\s*cause=(\d{3})/i.exec(headers)?.[1];
  return { uri, cause };
}

/**
 * RFC 7044 lists every target in order, the current one last, and the cause of a retargeting on
 * the entry it led to; Diversion (RFC 5806) lists the diverting users, most recent first.
 */
export function historyToDiversion(values: string[]): SipHeader[] {
  const entries = values
    .slice(0, MAX_HISTORY_ENTRIES)
    .map(parseHistoryEntry)
    .filter((e): e is HistoryEntry => e !== undefined);
  const out: SipHeader[] = [];
  for (let i = entries.length - 2; i >= 0; i--) {
    const reason = CAUSE_TO_REASON[entries[i + 1]!.cause ?? ''] ?? 'unknown';
    out.push({ name: 'Diversion', value: `<${entries[i]!.uri}>;reason=${reason};counter=1` });
  }
  return out;
}

export function diversionToHistory(values: string[], requestUri: string): SipHeader[] {
  const diverting: HistoryEntry[] = [];
  for (const value of values.slice(0, MAX_HISTORY_ENTRIES)) {
    const parsed = parseNameAddr(value);
    if (!parsed.ok) continue;
    const reason = getParam(parsed.value.params, 'reason') ?? 'unknown';
    diverting.push({ uri: parsed.value.uri, cause: REASON_TO_CAUSE[reason.toLowerCase()] ?? '404' });
  }
  if (diverting.length === 0) return [];
  // Oldest first, then the current target, which carries the cause of the last diversion.
  diverting.reverse();
  const chain = [...diverting.map((d) => d.uri), requestUri];
  return chain.map((uri, i) => {
    const index = ['1', ...Array<string>(i).fill('1')].join('.');
    const cause = i === 0 ? undefined : diverting[i - 1]!.cause;
    const reason = cause ? `?Reason=SIP%3Bcause%3D${cause}` : '';
    return { name: 'History-Info', value: `<${uri}${reason}>;index=${index}` };
  });
}
