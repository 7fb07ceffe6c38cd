// SDES (RFC 4568): a=crypto lines into SRTP policies and back, and offer/answer with fresh keys
// from an injected random source. Lines mirror what Teams, Telekom and PBXs send.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  acceptSdesAnswer,
  answerSdesOffer,
  createSdesOffer,
  cryptoFromPolicy,
  DEFAULT_SDES_PREFERENCES,
  formatCryptoAttribute,
  parseCryptoAttribute,
  parseKeyLifetime,
  policyFromCryptoLine,
  SrtpSession,
  STRICT_SDES_RULES,
} from '../../../../../sbc-engine/media/srtp/index.ts';
import type { CryptoAttribute, SdesPreferences } from '../../../../../sbc-engine/media/srtp/index.ts';
import { rtpPacket } from './packets.ts';

const KEY = 'WnD7c1ksDGs+dIefCEo8omPg4uO8DYIinNGL5yxQ';

/** Counting bytes: every call gives different, predictable keys. */
function countingRandom(): (length: number) => Uint8Array {
  let next = 0;
  return (length) => Uint8Array.from({ length }, () => next++ & 0xff);
}

function parsed(value: string): CryptoAttribute {
  const result = parseCryptoAttribute(value);
  assert.ok(result.ok, value);
  return result.value;
}

describe('policyFromCryptoLine', () => {
  it('splits inline key||salt into the 16-byte key and the 14-byte salt', () => {
    const result = policyFromCryptoLine(`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31`, STRICT_SDES_RULES);
    assert.ok(result.ok);
    const bytes = Buffer.from(KEY, 'base64');
    assert.deepEqual(Buffer.from(result.policy.masterKey), bytes.subarray(0, 16));
    assert.deepEqual(Buffer.from(result.policy.masterSalt), bytes.subarray(16));
    assert.equal(result.policy.keyLifetime, 2 ** 31);
    assert.equal(result.policy.suite, 'AES_CM_128_HMAC_SHA1_80');
  });

  const rows: { line: string; reason: RegExp }[] = [
    {
      line: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^20|1:4`,
      reason: /MKI 1:4 is not supported; offer the key without an MKI/,
    },
    {
      line: `1 AES_256_CM_HMAC_SHA1_80 inline:${Buffer.alloc(46, 1).toString('base64')}`,
      reason: /AES_256_CM_HMAC_SHA1_80 is not supported/,
    },
    {
      line: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY} UNAUTHENTICATED_SRTP`,
      reason: /UNAUTHENTICATED_SRTP: this connection requires authenticated SRTP/,
    },
    {
      line: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY} UNENCRYPTED_SRTP`,
      reason: /UNENCRYPTED_SRTP: this connection requires encrypted SRTP/,
    },
    {
      line: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY} UNENCRYPTED_SRTCP`,
      reason: /UNENCRYPTED_SRTCP: this connection requires encrypted SRTCP/,
    },
    {
      line: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY} KDR=20`,
      reason: /KDR=20: a key derivation rate is not supported/,
    },
    {
      line: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY} WSH=10`,
      reason: /WSH=10: the window size hint must be a number of at least 64/,
    },
    {
      line: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY} FEC_KEY=inline:${KEY}`,
      reason: /session parameter FEC_KEY=.* is not supported/,
    },
    {
      line: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^49`,
      reason: /lifetime 2\^49 is not a packet count from 1 to 2\^48/,
    },
    { line: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY};inline:${KEY}`, reason: /2 keys in one line need MKIs/ },
    {
      line: `1 AES_CM_128_HMAC_SHA1_80 inline:AAAA`,
      reason: /key\|\|salt is 3 bytes; AES_CM_128_HMAC_SHA1_80 needs 30/,
    },
  ];
  for (const row of rows) {
    it(`refuses ${row.line.split(' ').slice(2).join(' ').replace(KEY, 'KEY')} with a reason`, () => {
      const result = policyFromCryptoLine(row.line, STRICT_SDES_RULES);
      assert.equal(result.ok, false);
      assert.match(!result.ok ? result.reason : '', row.reason);
    });
  }

  it('takes the RFC 3711 options where the rules allow them', () => {
    const result = policyFromCryptoLine(
      `2 AES_CM_128_HMAC_SHA1_32 inline:${KEY} UNENCRYPTED_SRTCP UNAUTHENTICATED_SRTP UNENCRYPTED_SRTP WSH=256`,
      { allowUnauthenticatedSrtp: true, allowUnencryptedSrtp: true, allowUnencryptedSrtcp: true },
    );
    assert.ok(result.ok);
    assert.equal(result.policy.encryptRtp, false);
    assert.equal(result.policy.encryptRtcp, false);
    assert.equal(result.policy.authenticateRtp, false);
    assert.equal(result.policy.replayWindow, 256);
  });

  it('reads lifetimes as 2^n or a decimal count', () => {
    assert.equal(parseKeyLifetime('2^48'), 2 ** 48);
    assert.equal(parseKeyLifetime('1000'), 1000);
    assert.equal(parseKeyLifetime('0'), undefined);
    assert.equal(parseKeyLifetime('2^x'), undefined);
  });

  it('writes a policy back as the same a=crypto line', () => {
    const line = `5 AES_CM_128_HMAC_SHA1_80 inline:${KEY} UNENCRYPTED_SRTCP`;
    const result = policyFromCryptoLine(line, { ...STRICT_SDES_RULES, allowUnencryptedSrtcp: true });
    assert.ok(result.ok);
    assert.equal(formatCryptoAttribute(cryptoFromPolicy(5, result.policy)), line);
  });
});

describe('SDES offer/answer', () => {
  it('offers one line per suite, each with its own fresh key, and new keys on the next offer', () => {
    const random = countingRandom();
    const offer = createSdesOffer(DEFAULT_SDES_PREFERENCES, random);
    assert.deepEqual(
      offer.map((line) => `${line.tag} ${line.suite}`),
      ['1 AES_CM_128_HMAC_SHA1_80', '2 AES_CM_128_HMAC_SHA1_32'],
    );
    assert.notEqual(offer[0]!.keyParams[0]!.keySalt, offer[1]!.keyParams[0]!.keySalt);
    const again = createSdesOffer(DEFAULT_SDES_PREFERENCES, random);
    assert.notEqual(again[0]!.keyParams[0]!.keySalt, offer[0]!.keyParams[0]!.keySalt);
    assert.equal(Buffer.from(offer[0]!.keyParams[0]!.keySalt, 'base64').length, 30);
  });

  it("picks the offerer's first usable line, skipping what we do not support or allow", () => {
    const offer = [
      parseCryptoAttribute(`1 AEAD_AES_256_GCM inline:${Buffer.alloc(44, 1).toString('base64')}`),
      parseCryptoAttribute(`2 AES_CM_128_HMAC_SHA1_80 inline:${KEY} UNAUTHENTICATED_SRTP`),
      parseCryptoAttribute(`3 AES_CM_128_HMAC_SHA1_32 inline:${KEY}`),
      parseCryptoAttribute(`4 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`),
    ];
    const result = answerSdesOffer(offer, DEFAULT_SDES_PREFERENCES, countingRandom());
    assert.ok(result.ok);
    assert.equal(result.answer.tag, 3);
    assert.equal(result.answer.suite, 'AES_CM_128_HMAC_SHA1_32');
    assert.notEqual(result.answer.keyParams[0]!.keySalt, KEY, 'our key is fresh, not an echo');
    assert.deepEqual(
      Buffer.from(result.agreement.inbound.masterKey),
      Buffer.from(KEY, 'base64').subarray(0, 16),
    );
  });

  it('explains a refusal line by line, for the 488', () => {
    const preferences: SdesPreferences = { ...DEFAULT_SDES_PREFERENCES, suites: ['AES_CM_128_HMAC_SHA1_80'] };
    const result = answerSdesOffer(
      [
        parseCryptoAttribute(`1 AES_CM_128_HMAC_SHA1_32 inline:${KEY}`),
        parseCryptoAttribute(`2 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31|7:1`),
        parseCryptoAttribute(`x AES_CM_128_HMAC_SHA1_80 inline:${KEY}`),
      ],
      preferences,
      countingRandom(),
    );
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.refused.length, 3);
    assert.match(result.refused[0]!, /AES_CM_128_HMAC_SHA1_32: crypto-suite not enabled for this connection/);
    assert.match(result.refused[1]!, /MKI 7:1 is not supported/);
    assert.match(result.refused[2]!, /tag "x" must be 1 to 9 digits/);
    assert.match(result.reason, /^no acceptable a=crypto line in the offer/);
    assert.equal(answerSdesOffer([], preferences, countingRandom()).ok, false);
  });

  it('agrees on keys both ways: what the offerer protects, the answerer unprotects, and back', () => {
    const random = countingRandom();
    const offer = createSdesOffer(DEFAULT_SDES_PREFERENCES, random);
    const answered = answerSdesOffer(offer, DEFAULT_SDES_PREFERENCES, random);
    assert.ok(answered.ok);
    const accepted = acceptSdesAnswer(offer, answered.answer, STRICT_SDES_RULES);
    assert.ok(accepted.ok);
    const offerer = accepted.agreement;
    const answerer = answered.agreement;
    const rtp = rtpPacket({ seq: 42 });
    const toAnswerer = new SrtpSession(offerer.outbound).protectRtp(rtp);
    assert.ok(toAnswerer.ok);
    assert.deepEqual(new SrtpSession(answerer.inbound).unprotectRtp(toAnswerer.packet), {
      ...toAnswerer,
      packet: rtp,
    });
    const toOfferer = new SrtpSession(answerer.outbound).protectRtp(rtp);
    assert.ok(toOfferer.ok);
    const back = new SrtpSession(offerer.inbound).unprotectRtp(toOfferer.packet);
    assert.ok(back.ok);
    assert.deepEqual(Buffer.from(back.packet), rtp);
  });

  it('offers UNENCRYPTED_SRTCP when configured, and the answer carries it back', () => {
    const preferences = { ...DEFAULT_SDES_PREFERENCES, encryptRtcp: false, allowUnencryptedSrtcp: true };
    const offer = createSdesOffer(preferences, countingRandom());
    assert.deepEqual(offer[0]!.sessionParams, ['UNENCRYPTED_SRTCP']);
    const answered = answerSdesOffer(offer, preferences, countingRandom());
    assert.ok(answered.ok);
    assert.deepEqual(answered.answer.sessionParams, ['UNENCRYPTED_SRTCP']);
    assert.equal(answered.agreement.outbound.encryptRtcp, false);
    // A strict answerer refuses it instead.
    assert.equal(answerSdesOffer(offer, DEFAULT_SDES_PREFERENCES, countingRandom()).ok, false);
  });

  it('refuses an answer with a tag or suite we did not offer, or one that turns authentication off', () => {
    const offer = createSdesOffer(DEFAULT_SDES_PREFERENCES, countingRandom());
    const wrongTag = acceptSdesAnswer(
      offer,
      parsed(`9 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`),
      STRICT_SDES_RULES,
    );
    assert.match(!wrongTag.ok ? wrongTag.reason : '', /tag 9 is not one we offered/);
    const wrongSuite = acceptSdesAnswer(
      offer,
      parsed(`1 AES_CM_128_HMAC_SHA1_32 inline:${KEY}`),
      STRICT_SDES_RULES,
    );
    assert.match(
      !wrongSuite.ok ? wrongSuite.reason : '',
      /names AES_CM_128_HMAC_SHA1_32; we offered AES_CM_128_HMAC_SHA1_80/,
    );
    const downgrade = acceptSdesAnswer(
      offer,
      parsed(`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY} UNAUTHENTICATED_SRTP`),
      { ...STRICT_SDES_RULES, allowUnauthenticatedSrtp: true },
    );
    assert.match(
      !downgrade.ok ? downgrade.reason : '',
      /does not agree with our offer on UNAUTHENTICATED_SRTP/,
    );
  });
});
