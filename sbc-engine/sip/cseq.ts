import { isToken } from './text.ts';

/** RFC 3261 §8.1.1.5: the sequence number must be below 2^31. */
export const MAX_CSEQ = 2 ** 31 - 1;

export type CSeqResult = { ok: true; value: { seq: number; method: string } } | { ok: false; error: string };

export function parseCSeq(text: string): CSeqResult {
  const match = /^\s*(\d+)\s+(\S+)\s*$/.exec(text);
  if (!match) return { ok: false, error: `"${text.slice(0, 40)}" is not "number METHOD"` };
  if (match[1]!.length > 10 || Number(match[1]) > MAX_CSEQ)
    return { ok: false, error: `the sequence number ${match[1]!.slice(0, 20)} is not below 2^31` };
  if (!isToken(match[2]!)) return { ok: false, error: `"${match[2]}" is not a method name` };
  return { ok: true, value: { seq: Number(match[1]), method: match[2]! } };
}
