// The 48-bit SRTP packet index i = 2^16·ROC + SEQ (RFC 3711 §3.3.1). Only SEQ travels in the
// packet; each side keeps the highest index it has seen and guesses the ROC of a new packet as in
// RFC 3711 Appendix A, so reordering around a wrap of SEQ lands on the right ROC.

export const MAX_SRTP_INDEX = 2 ** 48 - 1;

/** The index of a packet with sequence number `seq`, given the highest index so far (undefined
 *  before the first packet, when the ROC is `initialRoc`). -1 when the guess falls before index 0:
 *  a packet from before the first one, which can only be a replay or a stray. */
export function estimateIndex(highest: number | undefined, seq: number, initialRoc = 0): number {
  if (highest === undefined) return initialRoc * 0x10000 + seq;
  const roc = Math.floor(highest / 0x10000);
  const sl = highest % 0x10000;
  let v = roc;
  // Appendix A: a SEQ far behind s_l belongs to the next ROC, far ahead of it to the previous one.
  if (sl < 0x8000) {
    if (seq - sl > 0x8000) v = roc - 1;
  } else if (sl - 0x8000 > seq) {
    v = roc + 1;
  }
  if (v < 0) return -1;
  return v * 0x10000 + seq;
}

/** The ROC part of an index, as authenticated after the packet (RFC 3711 §4.2). */
export function rocOf(index: number): number {
  return Math.floor(index / 0x10000);
}
