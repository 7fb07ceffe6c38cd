// Linking the two legs of a B2BUA call when the vendor gives no shared id: the device logs an
// inbound INVITE and, shortly after, an outbound INVITE between the same numbers. Only links that
// cannot be confused are made: two unrelated calls between the same numbers a second apart stay
// two calls, and a call that hunted over several outbound legs stays unlinked rather than guessed.
import type { Leg } from './legs.ts';
import { numberDigits } from './numbers.ts';

export interface CorrelationOptions {
  /** Longest delay between the inbound and the outbound INVITE, in milliseconds. */
  windowMs: number;
}

/** Shortest number compared by its end ("300100" inside "+4989300100"): shorter ones are too common. */
const MIN_SUFFIX_DIGITS = 6;

export function sameNumber(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  // Leading zeros are dialling prefixes (0 national, 00 international): +49 40 987654 = 040987654.
  const x = numberDigits(a).replace(/^0+/, '');
  const y = numberDigits(b).replace(/^0+/, '');
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= MIN_SUFFIX_DIGITS && long.endsWith(short);
}

function consistent(a: Leg, b: Leg): boolean {
  // The B2BUA relays the outbound leg's answer to the inbound leg: b answers first, and an
  // answered b with an unanswered a (or the reverse) is not the same call.
  const aAnswered = a.answerTime !== undefined;
  const bAnswered = b.answerTime !== undefined;
  if (aAnswered && !bAnswered) return false;
  // b answered while a is still setting up: the relayed 200 may simply not be logged yet.
  if (bAnswered && !aAnswered) return a.state === 'trying' || a.state === 'ringing';
  return !(aAnswered && bAnswered && b.answerTime! > a.answerTime!);
}

/**
 * Pairs (inbound, outbound) of call legs that belong together. Legs must carry a direction; the
 * outbound leg goes to the latest inbound leg between the same numbers that started before it
 * within the window, on the same logging host, and each inbound leg may take only one.
 */
export function correlateLegs(legs: Leg[], options: CorrelationOptions): [Leg, Leg][] {
  const inbound = legs
    .filter((l) => l.kind === 'call' && l.direction === 'in')
    .sort((x, y) => x.startTime - y.startTime);
  const outbound = legs.filter((l) => l.kind === 'call' && l.direction === 'out');
  const claims = new Map<Leg, Leg[]>();
  for (const b of outbound) {
    const candidates = inbound.filter(
      (a) =>
        a.startTime <= b.startTime &&
        b.startTime - a.startTime <= options.windowMs &&
        (a.host === undefined || b.host === undefined || a.host === b.host) &&
        sameNumber(a.callerNumber, b.callerNumber) &&
        sameNumber(a.calleeNumber, b.calleeNumber),
    );
    if (candidates.length === 0) continue;
    const latest = candidates[candidates.length - 1]!;
    // Two inbound legs that started at the same moment: no way to tell which one this is.
    if (candidates.length > 1 && candidates[candidates.length - 2]!.startTime === latest.startTime) continue;
    const list = claims.get(latest) ?? [];
    list.push(b);
    claims.set(latest, list);
  }
  const pairs: [Leg, Leg][] = [];
  for (const [a, bs] of claims) {
    if (bs.length !== 1) continue;
    if (!consistent(a, bs[0]!)) continue;
    pairs.push([a, bs[0]!]);
  }
  return pairs;
}
