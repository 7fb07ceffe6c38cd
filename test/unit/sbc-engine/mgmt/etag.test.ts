import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIfMatch } from '../../../../sbc-engine/mgmt/etag.ts';

const TAG = '"7-0123456789abcdef"';

describe('parseIfMatch', () => {
  for (const [header, expected] of [
    [TAG, true],
    ['*', true],
    [`"1-aaaa", ${TAG}`, true],
    [`"1-aaaa",${TAG}`, true],
    ['7-0123456789abcdef', true], // quotes lost on the way through a JSON body
    [`W/${TAG}`, false], // RFC 9110 §13.1.1: strong comparison
    ['"7-0123456789abcdee"', false],
    ['"6-0123456789abcdef"', false],
    ['', false],
    ['"', false],
    [',,,', false],
  ] as const) {
    it(`${JSON.stringify(header)} ${expected ? 'matches' : 'does not match'}`, () => {
      assert.equal(parseIfMatch(header).matches(TAG), expected);
    });
  }
});
