// RFC 2782 ordering of SRV records: priority first, weighted random selection within a priority.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUnavailableMarker, orderSrvRecords } from '../../../../../sbc-engine/sip/locate/srv-order.ts';
import { seededRandom } from '../../../../helpers/mutate.ts';
import { scriptedRandom, srv } from './zone.ts';

function targets(records: { target: string }[]): string[] {
  return records.map((r) => r.target);
}

describe('orderSrvRecords', () => {
  const rows: { name: string; records: ReturnType<typeof srv>[]; random: number[]; expected: string[] }[] = [
    {
      name: 'lowest priority first, whatever the weights',
      records: [srv(20, 100, 5060, 'c'), srv(10, 0, 5060, 'a'), srv(15, 1, 5060, 'b')],
      random: [0.99],
      expected: ['a', 'b', 'c'],
    },
    {
      // weights 60/40: draw in [0, 100]; 0.5 → 50 ≤ 60 picks the first.
      name: 'a low draw picks the first record by running sum',
      records: [srv(10, 60, 5060, 'a'), srv(10, 40, 5060, 'b')],
      random: [0.5],
      expected: ['a', 'b'],
    },
    {
      // 0.7 → floor(0.7 * 101) = 70 > 60: the second record's running sum (100) is the first ≥ 70.
      name: 'a high draw picks the heavier running sum',
      records: [srv(10, 60, 5060, 'a'), srv(10, 40, 5060, 'b')],
      random: [0.7],
      expected: ['b', 'a'],
    },
    {
      // Zero weights go to the front; a draw of 0 selects the zero-weight record.
      name: 'zero-weight records are placed first and picked by a draw of 0',
      records: [srv(10, 10, 5060, 'a'), srv(10, 0, 5060, 'z')],
      random: [0, 0],
      expected: ['z', 'a'],
    },
    {
      name: 'a non-zero draw skips a zero-weight record',
      records: [srv(10, 0, 5060, 'z'), srv(10, 10, 5060, 'a')],
      random: [0.5, 0],
      expected: ['a', 'z'],
    },
    {
      name: 'all weights zero keep the order of the answer',
      records: [srv(10, 0, 5060, 'a'), srv(10, 0, 5060, 'b'), srv(10, 0, 5060, 'c')],
      random: [0.9],
      expected: ['a', 'b', 'c'],
    },
    {
      name: 'weighted selection repeats within each priority',
      records: [srv(1, 1, 1, 'p1a'), srv(1, 3, 1, 'p1b'), srv(2, 5, 1, 'p2a'), srv(2, 5, 1, 'p2b')],
      // p1: total 4, 0.9 → 4 → p1b; then p1a. p2: total 10, 0.9 → 9 → p2b; then p2a.
      random: [0.9],
      expected: ['p1b', 'p1a', 'p2b', 'p2a'],
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      assert.deepEqual(targets(orderSrvRecords(row.records, scriptedRandom(...row.random))), row.expected);
    });
  }

  it('spreads the first choice by weight over many seeded draws', () => {
    const random = seededRandom(2782);
    const records = [srv(10, 60, 5060, 'a'), srv(10, 30, 5060, 'b'), srv(10, 10, 5060, 'c')];
    const firsts = { a: 0, b: 0, c: 0 } as Record<string, number>;
    const runs = 20000;
    for (let i = 0; i < runs; i++) firsts[orderSrvRecords(records, random)[0]!.target]! += 1;
    // RFC 2782 draws from [0, sum] inclusive, so the first record gets one extra share in 101.
    assert.ok(Math.abs(firsts.a! / runs - 61 / 101) < 0.02, JSON.stringify(firsts));
    assert.ok(Math.abs(firsts.b! / runs - 30 / 101) < 0.02, JSON.stringify(firsts));
    assert.ok(Math.abs(firsts.c! / runs - 10 / 101) < 0.02, JSON.stringify(firsts));
  });

  it('is reproducible with the same seed and keeps every record once', () => {
    const records = Array.from({ length: 8 }, (_, i) => srv(i % 2, i * 7, 5060, `t${i}`));
    const one = targets(orderSrvRecords(records, seededRandom(1)));
    const two = targets(orderSrvRecords(records, seededRandom(1)));
    assert.deepEqual(one, two);
    assert.deepEqual([...one].sort(), targets(records).sort());
    assert.deepEqual(one.slice(0, 4).sort(), ['t0', 't2', 't4', 't6'], 'priority 0 before priority 1');
  });

  it('knows the "." target as "service not available"', () => {
    assert.equal(isUnavailableMarker(srv(0, 0, 0, '.')), true);
    assert.equal(isUnavailableMarker(srv(0, 0, 5060, 'sip.example.com')), false);
  });
});
