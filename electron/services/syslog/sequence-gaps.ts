// Loss seen through the engine's [meta sequenceId] (RFC 5424 §7.3.1; sbc-engine/syslog/FORMAT.md):
// each sender process numbers its messages 1, 2, … 2147483647, then 1 again, and starts at 1 with a
// new PROCID. A jump forward is that many messages lost on the way; a number at or below the last
// one is a late (reordered) or repeated datagram. Pure.

export const MAX_SEQUENCE_ID = 2147483647;

export interface SenderSequence {
  /** `source host app procid`: one sender process. */
  key: string;
  last: number;
  received: number;
  missing: number;
  outOfOrder: number;
}

/** The sender key: source address (without the port, which changes per TCP connection) and header. */
export function senderKey(source: string, host = '-', app = '-', procId = '-'): string {
  const address = source.replace(/:\d+$/, '').replace(/^(tcp|tls):/, 'stream:');
  return `${address} ${host} ${app} ${procId}`;
}

/** Applies one sequence id to a sender's state (a new state for a sender seen first). */
export function observeSequence(state: SenderSequence | undefined, key: string, id: number): SenderSequence {
  if (!state) return { key, last: id, received: 1, missing: 0, outOfOrder: 0 };
  state.received++;
  const expected = state.last === MAX_SEQUENCE_ID ? 1 : state.last + 1;
  if (id === expected) state.last = id;
  else if (id > state.last) {
    state.missing += id - expected;
    state.last = id;
  } else if (state.last - id > MAX_SEQUENCE_ID / 2) {
    // Wrapped past 2147483647 with some lost around the wrap.
    state.missing += MAX_SEQUENCE_ID - state.last + id - 1;
    state.last = id;
  } else {
    // A late datagram fills a gap counted earlier.
    state.outOfOrder++;
    if (state.missing > 0) state.missing--;
  }
  return state;
}
