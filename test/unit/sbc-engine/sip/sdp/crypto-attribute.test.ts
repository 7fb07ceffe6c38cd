import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkCryptoAttribute,
  formatCryptoAttribute,
  parseCryptoAttribute,
} from '../../../../../sbc-engine/sip/sdp/index.ts';
import type { CryptoAttribute } from '../../../../../sbc-engine/sip/sdp/index.ts';
import { KEY_30, key } from './fixtures.ts';

describe('parseCryptoAttribute (RFC 4568 §9)', () => {
  const valid: [string, CryptoAttribute][] = [
    [
      `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30}`,
      { tag: 1, suite: 'AES_CM_128_HMAC_SHA1_80', keyParams: [{ keySalt: KEY_30 }], sessionParams: [] },
    ],
    [
      `2 AES_CM_128_HMAC_SHA1_32 inline:${KEY_30}|2^20|1:32`,
      {
        tag: 2,
        suite: 'AES_CM_128_HMAC_SHA1_32',
        keyParams: [{ keySalt: KEY_30, lifetime: '2^20', mki: { value: '1', length: 32 } }],
        sessionParams: [],
      },
    ],
    [
      `3 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30}|1:4;inline:${key(30, 50)}|2:4 UNENCRYPTED_SRTCP KDR=20`,
      {
        tag: 3,
        suite: 'AES_CM_128_HMAC_SHA1_80',
        keyParams: [
          { keySalt: KEY_30, mki: { value: '1', length: 4 } },
          { keySalt: key(30, 50), mki: { value: '2', length: 4 } },
        ],
        sessionParams: ['UNENCRYPTED_SRTCP', 'KDR=20'],
      },
    ],
    [
      `1 AES_256_CM_HMAC_SHA1_80 inline:${key(46)}|1048576 UNAUTHENTICATED_SRTP`,
      {
        tag: 1,
        suite: 'AES_256_CM_HMAC_SHA1_80',
        keyParams: [{ keySalt: key(46), lifetime: '1048576' }],
        sessionParams: ['UNAUTHENTICATED_SRTP'],
      },
    ],
    [
      `5 AES_192_CM_HMAC_SHA1_80 inline:${key(38)}`,
      { tag: 5, suite: 'AES_192_CM_HMAC_SHA1_80', keyParams: [{ keySalt: key(38) }], sessionParams: [] },
    ],
    [
      `9 AEAD_AES_128_GCM inline:${key(28)}`,
      { tag: 9, suite: 'AEAD_AES_128_GCM', keyParams: [{ keySalt: key(28) }], sessionParams: [] },
    ],
    [
      `10 AEAD_AES_256_GCM inline:${key(44)}`,
      { tag: 10, suite: 'AEAD_AES_256_GCM', keyParams: [{ keySalt: key(44) }], sessionParams: [] },
    ],
    [
      `7 F8_128_HMAC_SHA1_80 inline:${KEY_30}`,
      { tag: 7, suite: 'F8_128_HMAC_SHA1_80', keyParams: [{ keySalt: KEY_30 }], sessionParams: [] },
    ],
    // Unknown suites are parsed (an answerer skips them, RFC 4568 §5.1.2); their key length is unknown.
    [
      `4 FUTURE_SUITE_X inline:${key(10)}`,
      { tag: 4, suite: 'FUTURE_SUITE_X', keyParams: [{ keySalt: key(10) }], sessionParams: [] },
    ],
    // Without '=' padding: 46 bytes are 62 base64 characters.
    [
      `1 AES_256_CM_HMAC_SHA1_32 inline:${key(46).replace(/=+$/, '')}`,
      {
        tag: 1,
        suite: 'AES_256_CM_HMAC_SHA1_32',
        keyParams: [{ keySalt: key(46).replace(/=+$/, '') }],
        sessionParams: [],
      },
    ],
  ];
  for (const [value, expected] of valid) {
    it(`reads ${value.slice(0, 48)}…`, () => {
      const result = parseCryptoAttribute(value);
      assert.deepEqual(result, { ok: true, value: expected });
      assert.equal(formatCryptoAttribute(expected), value, 'formats back to the same text');
      assert.deepEqual(checkCryptoAttribute(expected), { ok: true, value: expected });
    });
  }

  const invalid: [string, string, RegExp][] = [
    [`x AES_CM_128_HMAC_SHA1_80 inline:${KEY_30}`, 'tag', /tag "x"/],
    [`1234567890 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30}`, 'tag', /1 to 9 digits/],
    [`1 AES-CM inline:${KEY_30}`, 'crypto-suite', /crypto-suite/],
    ['1 AES_CM_128_HMAC_SHA1_80', 'key-params', /missing/],
    [`1 AES_CM_128_HMAC_SHA1_80 uri:${KEY_30}`, 'key-params[0].method', /inline:/],
    ['1 AES_CM_128_HMAC_SHA1_80 inline:not*base64', 'key-params[0].key-salt', /not base64/],
    [
      `1 AES_CM_128_HMAC_SHA1_80 inline:${key(16)}`,
      'key-params[0].key-salt',
      /16 bytes; AES_CM_128_HMAC_SHA1_80 needs 30/,
    ],
    [
      `1 AES_256_CM_HMAC_SHA1_80 inline:${KEY_30}`,
      'key-params[0].key-salt',
      /30 bytes; AES_256_CM_HMAC_SHA1_80 needs 46/,
    ],
    [`1 AEAD_AES_128_GCM inline:${KEY_30}`, 'key-params[0].key-salt', /needs 28/],
    [
      `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30};inline:${key(29)}`,
      'key-params[1].key-salt',
      /key-params\[1\]/,
    ],
    [`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30}|2^x`, 'key-params[0].lifetime', /bad "2\^x"/],
    [`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30}|1:200`, 'key-params[0].mki', /MKI length 200/],
    [`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30}|1:4|2^20`, 'key-params[0].mki', /bad "2\^20"/],
    [`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30}|2^20|1:4|x`, 'key-params[0]', /more than lifetime and MKI/],
    [`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30}  UNENCRYPTED_SRTP`, 'session-params[0]', /empty/],
  ];
  for (const [value, field, reason] of invalid) {
    it(`refuses ${value.slice(0, 60)} (${field})`, () => {
      const result = parseCryptoAttribute(value);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.field, field);
      assert.match(result.error, reason);
      assert.equal(result.line, `a=crypto:${value}`);
    });
  }

  it('checkCryptoAttribute refuses what would not read back', () => {
    const base: CryptoAttribute = {
      tag: 1,
      suite: 'AES_CM_128_HMAC_SHA1_80',
      keyParams: [{ keySalt: KEY_30 }],
      sessionParams: [],
    };
    assert.equal(checkCryptoAttribute({ ...base, sessionParams: ['UNENCRYPTED_SRTP KDR=1'] }).ok, false);
    assert.equal(checkCryptoAttribute({ ...base, tag: 1.5 }).ok, false);
    assert.equal(checkCryptoAttribute({ ...base, keyParams: [] }).ok, false);
    assert.equal(checkCryptoAttribute({ ...base, keyParams: [{ keySalt: `${KEY_30}|2^20` }] }).ok, false);
  });
});
