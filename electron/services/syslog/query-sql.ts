// The search language's terms (sip/query-parse.ts) as SQL over the index, to narrow the rows that
// the reference predicate (sip/query-match.ts) then decides on. The SQL may let through more than
// the predicate keeps, never less, for every term it translates; the terms it cannot express
// (host, peer, dir, reason) are left to the predicate alone.
import { numberDigits } from './sip/numbers.ts';
import type { QueryAst, QueryTerm } from './sip/query-parse.ts';

export interface SqlFilter {
  where: string[];
  params: (string | number)[];
}

/** A string as one FTS5 phrase (double quotes doubled). */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function anyOf(parts: string[]): string {
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

function timeBound(term: QueryTerm, now: number): number {
  const t = term.time!;
  const start = 'agoMs' in t ? now - t.agoMs : t.at;
  if (term.field === 'since') return start;
  return 'agoMs' in t ? start : start + t.spanMs;
}

/**
 * `ftsCursor`: the message id up to which the full-text index is complete; rows above it pass the
 * text filter here and are checked by reading their lines.
 */
export function queryToSql(query: QueryAst, now: number, ftsCursor: number): SqlFilter {
  const where: string[] = [];
  const params: (string | number)[] = [];
  for (const term of query.terms) {
    if (term.negated) {
      // Only the method has an exact negation in the index (rows without SIP pass, as in the predicate).
      if (term.field === 'method') {
        where.push(`(s.method IS NULL OR s.method NOT IN (${term.values.map(() => '?').join(', ')}))`);
        params.push(...term.values.map((v) => v.toUpperCase()));
      }
      continue;
    }
    switch (term.field) {
      case 'callid':
        where.push(anyOf(term.values.map(() => 'instr(lower(s.call_id), ?) > 0')));
        params.push(...term.values.map((v) => v.toLowerCase()));
        break;
      case 'number': {
        const parts: string[] = [];
        for (const value of term.values) {
          const digits = numberDigits(value);
          if (digits.length >= 3) {
            parts.push('m.id IN (SELECT rowid FROM sip_numbers WHERE sip_numbers MATCH ?)');
            params.push(ftsPhrase(digits));
          } else {
            parts.push("instr(replace(s.numbers, '+', ''), ?) > 0");
            params.push(digits);
          }
        }
        where.push(anyOf(parts));
        break;
      }
      case 'method':
        where.push(`s.method IN (${term.values.map(() => '?').join(', ')})`);
        params.push(...term.values.map((v) => v.toUpperCase()));
        break;
      case 'status':
        where.push(anyOf(term.statusRanges!.map(() => 's.status BETWEEN ? AND ?')));
        for (const [lo, hi] of term.statusRanges!) params.push(lo, hi);
        break;
      case 'since':
        where.push('m.ts >= ?');
        params.push(timeBound(term, now));
        break;
      case 'until':
        where.push('m.ts < ?');
        params.push(timeBound(term, now));
        break;
      case 'text': {
        // Trigrams need 3 characters; shorter words are left to the predicate.
        const long = term.values.filter((v) => v.length >= 3);
        if (long.length !== term.values.length) break;
        where.push(
          `(m.id > ? OR ${anyOf(long.map(() => 'm.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)'))})`,
        );
        params.push(ftsCursor, ...long.map(ftsPhrase));
        break;
      }
      default:
        break;
    }
  }
  return { where, params };
}
