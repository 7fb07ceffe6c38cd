// AST → predicate over one log record. The store may translate the same AST into SQL for its
// index; this predicate is the reference the translation is tested against, and what the live
// tail uses.
import { formatEndpoint } from './endpoint.ts';
import { numberDigits } from './numbers.ts';
import type { QueryAst, QueryTerm } from './query-parse.ts';
import type { SipExtract } from './types.ts';

export interface QueryRecord {
  /** Epoch ms. */
  time?: number;
  /** The logging device. */
  host?: string;
  /** The raw log text. */
  text?: string;
  sip?: SipExtract;
}

export interface MatchOptions {
  /** Now, epoch ms, for relative times (since:15m). Passed in so the predicate stays pure. */
  now: number;
}

function contains(haystack: string | undefined, needle: string): boolean {
  return haystack !== undefined && haystack.toLowerCase().includes(needle.toLowerCase());
}

function numbersOf(sip: SipExtract): string[] {
  const out: string[] = [];
  for (const party of [sip.from, sip.to, sip.pai]) if (party?.number) out.push(numberDigits(party.number));
  const uriUser = /^(?:sips?|tel):\+?([\d\-.()]+)/i.exec(sip.uri ?? '');
  if (uriUser) out.push(numberDigits(uriUser[1]!));
  return out;
}

function matchTerm(term: QueryTerm, record: QueryRecord, now: number): boolean {
  const { sip } = record;
  const any = (test: (value: string) => boolean) => term.values.some(test);
  switch (term.field) {
    case 'callid':
      return !!sip && any((v) => contains(sip.callId, v));
    case 'number':
      return !!sip && any((v) => numbersOf(sip).some((n) => n.includes(numberDigits(v))));
    case 'method':
      // A response belongs to its request's method (CSeq), so -method:OPTIONS hides the 200s too.
      return !!sip && any((v) => (sip.method ?? sip.cseq?.method)?.toUpperCase() === v.toUpperCase());
    case 'status':
      return (
        !!sip &&
        sip.status !== undefined &&
        term.statusRanges!.some(([lo, hi]) => sip.status! >= lo && sip.status! <= hi)
      );
    case 'reason':
      return !!sip && any((v) => contains(sip.reason, v));
    case 'host':
      return any(
        (v) =>
          contains(record.host, v) ||
          contains(sip?.peer?.host, v) ||
          contains(sip?.via?.host, v) ||
          contains(sip?.local?.host, v),
      );
    case 'peer':
      return !!sip?.peer && any((v) => contains(formatEndpoint(sip.peer!), v));
    case 'dir':
      return !!sip?.direction && any((v) => v.toLowerCase() === sip.direction);
    case 'since':
    case 'until': {
      if (record.time === undefined) return false;
      const t = term.time!;
      const start = 'agoMs' in t ? now - t.agoMs : t.at;
      if (term.field === 'since') return record.time >= start;
      // until: through the end of what was written: a day, a minute, a second.
      return record.time < ('agoMs' in t ? start : start + t.spanMs);
    }
    case 'text':
      return any((v) => contains(record.text, v) || contains(sip?.sipText, v));
  }
}

export function compileQuery(query: QueryAst, options: MatchOptions): (record: QueryRecord) => boolean {
  const terms = [...query.terms];
  return (record) => terms.every((term) => matchTerm(term, record, options.now) !== term.negated);
}
