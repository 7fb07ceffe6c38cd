import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compareFingerprints,
  comparePrefix,
  fingerprintHex,
  groupFingerprint,
  MIN_PREFIX_HEX_DIGITS,
} from '../../../../../renderer/pages/engines/fingerprint.ts';

// A SHA-256 fingerprint as Node prints it (X509Certificate.fingerprint256).
const FP = '8F:0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8';
const OTHER = FP.replace(/^8F/, '8E');

describe('groupFingerprint', () => {
  it('splits 32 bytes into 8 groups of 4 colon-joined bytes', () => {
    const groups = groupFingerprint(FP);
    assert.equal(groups.length, 8);
    assert.equal(groups[0], '8F:0A:1B:2C');
    assert.equal(groups[7], '93:A4:B5:C6:D7:E8'.slice(6));
    assert.equal(groups.join(':'), FP);
  });

  it('accepts lower case and no colons', () => {
    assert.deepEqual(groupFingerprint('8f0a1b2c3d'), ['8F:0A:1B:2C', '3D']);
  });
});

describe('compareFingerprints', () => {
  it('matches regardless of case and separators', () => {
    assert.equal(compareFingerprints(FP, fingerprintHex(FP).toLowerCase()), 'match');
  });

  it('reports one differing digit as a mismatch', () => {
    assert.equal(compareFingerprints(FP, OTHER), 'mismatch');
  });

  it('cannot judge when one side is missing', () => {
    assert.equal(compareFingerprints(FP, undefined), 'unknown');
    assert.equal(compareFingerprints('', FP), 'unknown');
  });
});

describe('comparePrefix (what the engine printed on its console)', () => {
  const table: [string, string, ReturnType<typeof comparePrefix>['kind']][] = [
    ['the 8 bytes the engine prints', '8F:0A:1B:2C:3D:4E:5F:60', 'match'],
    ['lower case without colons', '8f0a1b2c3d4e5f60', 'match'],
    ['with spaces', '8F0A 1B2C 3D4E 5F60', 'match'],
    [
      'the whole console line',
      '[mgmt] management certificate SHA-256 begins 8F:0A:1B:2C:3D:4E:5F:60',
      'match',
    ],
    ['the full fingerprint', FP, 'match'],
    ['one wrong digit', '8F:0A:1B:2C:3D:4E:5F:61', 'mismatch'],
    ['another certificate', OTHER, 'mismatch'],
    ['a wrong beginning, even short', '8E', 'mismatch'],
    ['a right but short beginning', '8F:0A:1B', 'too-short'],
    ['nothing', '   ', 'empty'],
    ['a letter O instead of zero', '8F:OA:1B:2C:3D:4E:5F:60', 'invalid'],
    ['longer than the fingerprint', FP + ':00', 'mismatch'],
  ];
  for (const [name, typed, kind] of table) {
    it(`${name} → ${kind}`, () => assert.equal(comparePrefix(FP, typed).kind, kind));
  }

  it('says how many hex digits the user has so far', () => {
    assert.deepEqual(comparePrefix(FP, '8F:0A:1B'), { kind: 'too-short', have: 6 });
    assert.equal(MIN_PREFIX_HEX_DIGITS, 16);
  });
});
