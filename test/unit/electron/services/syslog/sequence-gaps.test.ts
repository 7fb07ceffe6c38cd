// Loss counted from the engine's [meta sequenceId]: gaps, late datagrams, wrap-around, senders apart.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_SEQUENCE_ID, observeSequence, senderKey, type SenderSequence } from '../../../../../electron/services/syslog/sequence-gaps.ts'; // prettier-ignore

function run(ids: number[]): SenderSequence {
  let state: SenderSequence | undefined;
  for (const id of ids) state = observeSequence(state, 'k', id);
  return state!;
}

describe('sequence gaps', () => {
  const table: [string, number[], number, number][] = [
    ['in order: nothing missing', [1, 2, 3, 4], 0, 0],
    ['a jump is that many lost', [1, 2, 6, 7], 3, 0],
    ['a late datagram fills its gap', [1, 3, 2, 4], 0, 1],
    ['a repeat counts as out of order', [1, 2, 2, 3], 0, 1],
    ['wrap to 1 after the maximum', [MAX_SEQUENCE_ID - 1, MAX_SEQUENCE_ID, 1, 2], 0, 0],
    ['loss across the wrap', [MAX_SEQUENCE_ID - 1, 2], 2, 0],
    ['first message seen need not be 1', [500, 501], 0, 0],
  ];
  for (const [name, ids, missing, outOfOrder] of table)
    it(name, () => {
      const state = run(ids);
      assert.equal(state.missing, missing);
      assert.equal(state.outOfOrder, outOfOrder);
      assert.equal(state.received, ids.length);
    });

  it('one key per sender process; the TCP source port does not split a sender', () => {
    assert.equal(senderKey('tcp:10.0.0.1:40000', 'h', 'sbc-engine', '1'), senderKey('tcp:10.0.0.1:40001', 'h', 'sbc-engine', '1')); // prettier-ignore
    assert.notEqual(senderKey('udp:10.0.0.1:5', 'h', 'sbc-engine', '1'), senderKey('udp:10.0.0.1:5', 'h', 'sbc-engine', '2')); // prettier-ignore
  });
});
