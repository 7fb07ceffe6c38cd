// RFC 3711 Appendix A: the receiver's guess of the ROC from SEQ and the highest index so far.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateIndex } from '../../../../../sbc-engine/media/srtp/packet-index.ts';

const index = (roc: number, seq: number) => roc * 0x10000 + seq;

describe('estimateIndex', () => {
  const rows: { name: string; highest: number | undefined; seq: number; expected: number }[] = [
    { name: 'first packet: ROC 0', highest: undefined, seq: 65530, expected: index(0, 65530) },
    { name: 'next in order', highest: index(0, 100), seq: 101, expected: index(0, 101) },
    { name: 'SEQ wrapped 65535 → 0: next ROC', highest: index(0, 65535), seq: 0, expected: index(1, 0) },
    { name: 'late packet from before the wrap', highest: index(1, 3), seq: 65534, expected: index(0, 65534) },
    { name: 'late packet, same ROC', highest: index(3, 40000), seq: 39990, expected: index(3, 39990) },
    {
      name: 'jump ahead less than half the space',
      highest: index(2, 1000),
      seq: 30000,
      expected: index(2, 30000),
    },
    { name: 'far behind s_l ≥ 2^15: next ROC', highest: index(2, 50000), seq: 10, expected: index(3, 10) },
    { name: 'before the first packet of ROC 0', highest: index(0, 10), seq: 65000, expected: -1 },
  ];
  for (const row of rows) {
    it(row.name, () => assert.equal(estimateIndex(row.highest, row.seq), row.expected));
  }
});
