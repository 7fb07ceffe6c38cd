import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findUnauthenticatedSrtp,
  listCrypto,
  removeCrypto,
  setCrypto,
  toPlainRtpProfile,
  toSecureRtpProfile,
} from '../../../../../sbc-engine/sip/sdp/index.ts';
import type { CryptoAttribute } from '../../../../../sbc-engine/sip/sdp/index.ts';
import {
  KEY_30,
  KEY_30_B,
  PBX_OFFER,
  TEAMS_OFFER,
  UM_ANSWER_UNAUTHENTICATED,
  applyRule,
  attributeLines,
  key,
  mustParse,
  sdp,
} from './fixtures.ts';

const HEAD = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0'];
const CRYPTO: CryptoAttribute = {
  tag: 1,
  suite: 'AES_CM_128_HMAC_SHA1_80',
  keyParams: [{ keySalt: key(30, 7), lifetime: '2^31' }],
  sessionParams: [],
};

describe('listCrypto', () => {
  it('reads the offer’s keys in order', () => {
    const results = listCrypto(mustParse(TEAMS_OFFER).media[0]!);
    assert.deepEqual(
      results.map((r) => (r.ok ? [r.value.tag, r.value.keyParams[0]?.keySalt] : r.error)),
      [
        [2, KEY_30],
        [3, KEY_30_B],
      ],
    );
  });

  it('reports lines that are broken, with the field, including those sdp-transform could not read', () => {
    const media = mustParse(
      sdp([
        ...HEAD,
        'm=audio 4000 RTP/SAVP 0',
        `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${key(20)}`,
        'a=crypto:2 AES_CM_128_HMAC_SHA1_80',
        'a=crypto:x',
      ]),
    ).media[0]!;
    assert.deepEqual(
      listCrypto(media).map((r) => (r.ok ? 'ok' : r.field)),
      ['key-params[0].key-salt', 'key-params', 'tag'],
    );
  });

  it('is empty for plain RTP', () => {
    assert.deepEqual(listCrypto(mustParse(PBX_OFFER).media[0]!), []);
  });
});

describe('findUnauthenticatedSrtp (Exchange UM answers it with 488)', () => {
  const cases: [string, string, number[]][] = [
    ['UM-style answer with two session params', UM_ANSWER_UNAUTHENTICATED, [0]],
    ['Teams offer', TEAMS_OFFER, []],
    ['plain RTP', PBX_OFFER, []],
    [
      'second media only, on a line with a bad key',
      sdp([
        ...HEAD,
        'm=audio 4000 RTP/SAVP 0',
        `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30}`,
        'm=video 4002 RTP/SAVP 96',
        'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:short UNAUTHENTICATED_SRTP',
      ]),
      [1],
    ],
  ];
  for (const [name, text, media] of cases) {
    it(name, () => {
      const found = findUnauthenticatedSrtp(mustParse(text));
      assert.deepEqual(
        found.map((f) => f.mediaIndex),
        media,
      );
      for (const f of found) assert.match(f.line, /^a=crypto:\d+ \S+ \S+ .*UNAUTHENTICATED_SRTP/);
    });
  }
});

describe('removeCrypto', () => {
  for (const [name, text] of [
    ['Teams offer', TEAMS_OFFER],
    ['UM answer', UM_ANSWER_UNAUTHENTICATED],
    ['plain RTP', PBX_OFFER],
    ['unparseable crypto line', sdp([...HEAD, 'm=audio 4000 RTP/SAVP 0', 'a=crypto:x', 'a=sendrecv'])],
  ] as const) {
    it(`removes every a=crypto: ${name}`, () => {
      const { text: written, reparsed } = applyRule(removeCrypto, mustParse(text));
      assert.deepEqual(
        attributeLines(written).filter((l) => l.startsWith('a=crypto')),
        [],
      );
      for (const media of reparsed.media) assert.deepEqual(listCrypto(media), []);
    });
  }

  it('with toPlainRtpProfile turns an SRTP answer into plain RTP towards a PBX', () => {
    const { reparsed } = applyRule(
      (s) => toPlainRtpProfile(removeCrypto(s)),
      mustParse(UM_ANSWER_UNAUTHENTICATED),
    );
    assert.equal(reparsed.media[0]!.protocol, 'RTP/AVP');
  });
});

describe('setCrypto', () => {
  it('offers SRTP to Exchange UM: PBX offer → RTP/SAVP with one authenticated key', () => {
    const { text, reparsed } = applyRule(
      (s) => toSecureRtpProfile(setCrypto(s, 0, [CRYPTO]), 0),
      mustParse(PBX_OFFER),
    );
    assert.match(text, /m=audio 31182 RTP\/SAVP 8 0 101\r\n/);
    assert.deepEqual(
      attributeLines(text).filter((l) => l.startsWith('a=crypto')),
      [`a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${key(30, 7)}|2^31`],
    );
    const listed = listCrypto(reparsed.media[0]!);
    assert.deepEqual(listed, [{ ok: true, value: CRYPTO }]);
    assert.deepEqual(findUnauthenticatedSrtp(reparsed), []);
  });

  it('replaces existing lines, including broken ones, and keeps session params', () => {
    const input = mustParse(
      sdp([
        ...HEAD,
        'm=audio 4000 RTP/SAVP 0',
        'a=crypto:x',
        `a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30}`,
      ]),
    );
    const next: CryptoAttribute = { ...CRYPTO, tag: 5, sessionParams: ['UNENCRYPTED_SRTCP', 'KDR=1'] };
    const { reparsed } = applyRule((s) => setCrypto(s, 0, [next]), input);
    assert.deepEqual(listCrypto(reparsed.media[0]!), [{ ok: true, value: next }]);
  });

  it('with an empty list removes the lines of that media only', () => {
    const input = mustParse(
      sdp([
        ...HEAD,
        'm=audio 4000 RTP/SAVP 0',
        `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30}`,
        'm=video 4002 RTP/SAVP 96',
        `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30}`,
      ]),
    );
    const { reparsed } = applyRule((s) => setCrypto(s, 1, []), input);
    assert.equal(listCrypto(reparsed.media[0]!).length, 1);
    assert.equal(listCrypto(reparsed.media[1]!).length, 0);
  });

  const refused: [string, number, CryptoAttribute[], RegExp][] = [
    ['a media index that does not exist', 3, [CRYPTO], /no media section 3/],
    ['a negative media index', -1, [CRYPTO], /no media section -1/],
    ['a short key', 0, [{ ...CRYPTO, keyParams: [{ keySalt: key(29) }] }], /field key-params\[0\]\.key-salt/],
    ['a duplicate tag', 0, [CRYPTO, CRYPTO], /tag 1 is used twice/],
  ];
  for (const [name, index, lines, reason] of refused) {
    it(`throws a RangeError for ${name}`, () => {
      const input = mustParse(PBX_OFFER);
      const before = structuredClone(input);
      assert.throws(
        () => setCrypto(input, index, lines),
        (error: unknown) => {
          assert.ok(error instanceof RangeError);
          assert.match(error.message, reason);
          return true;
        },
      );
      assert.deepEqual(input, before);
    });
  }
});
