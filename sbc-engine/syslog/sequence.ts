// RFC 5424 §7.3.1: meta sequenceId counts the messages an originator sends, from 1 up to 2147483647,
// then starts again at 1. A receiver that sees a gap knows how many messages went missing.
export const MAX_SEQUENCE_ID = 2_147_483_647;

export class SequenceCounter {
  private last: number;

  /** `last` is the id handed out before the first next(); tests start near the wrap. */
  constructor(last = 0) {
    if (!Number.isInteger(last) || last < 0 || last > MAX_SEQUENCE_ID)
      throw new RangeError(`sequenceId ${last} is outside 0..${MAX_SEQUENCE_ID}`);
    this.last = last;
  }

  next(): number {
    this.last = this.last >= MAX_SEQUENCE_ID ? 1 : this.last + 1;
    return this.last;
  }
}
