// RFC 3711 Appendix B.2 (AES-CM keystream) and B.3 (key derivation), byte for byte.
import assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import { describe, it } from 'node:test';
import { createAesCm } from '../../../../../sbc-engine/media/srtp/aes-cm.ts';
import {
  deriveKey,
  deriveSessionKeys,
  LABEL,
  packetIv,
} from '../../../../../sbc-engine/media/srtp/key-derivation.ts';
import { SRTP_SUITES } from '../../../../../sbc-engine/media/srtp/suites.ts';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

describe('RFC 3711 B.2: AES-CM keystream', () => {
  const sessionKey = hex('2B7E151628AED2A6ABF7158809CF4F3C');
  const sessionSalt = hex('F0F1F2F3F4F5F6F7F8F9FAFBFCFD');

  it('builds the B.2 counter from the salt with SSRC, ROC and SEQ all zero', () => {
    assert.equal(toHex(packetIv(sessionSalt, 0, 0)), 'F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000');
  });

  it('gives the first and last three blocks of the 1,044,512-byte segment', () => {
    const stream = createAesCm(sessionKey).keystream(packetIv(sessionSalt, 0, 0), 1044512);
    assert.equal(stream.length, 1044512);
    assert.equal(
      toHex(stream.subarray(0, 48)),
      'E03EAD0935C95E80E166B16DD92B4EB4D23513162B02D0F72A43A2FE4A5F97AB41E95B3BB0A2E8DD477901E4FCA894C0',
    );
    assert.equal(
      toHex(stream.subarray(stream.length - 48)),
      'EC8CDF7398607CB0F2D21675EA9EA1E4362B7C3C6773516318A077D7FC5073AE6A2CC3787889374FBEB4C81B17BA6C44',
    );
  });

  it('agrees with OpenSSL AES-128-CTR, also when the counter carries past the low 16 bits', () => {
    const iv = hex('000102030405060708090A0B0C0DFFFE');
    const ours = createAesCm(sessionKey).keystream(iv, 100);
    const openssl = createCipheriv('aes-128-ctr', sessionKey, iv).update(Buffer.alloc(100));
    assert.equal(toHex(ours), toHex(openssl));
  });

  it('puts the SSRC and the 48-bit index where §4.1.1 says', () => {
    const salt = Buffer.alloc(14);
    assert.equal(toHex(packetIv(salt, 0xdecafbad, 0x123456789abc)), '00000000DECAFBAD123456789ABC0000');
  });
});

describe('RFC 3711 B.3: key derivation', () => {
  const masterKey = hex('E1F97A0D3E018BE0D64FA32C06DE4139');
  const masterSalt = hex('0EC675AD498AFEEBB6960B3AABE6');

  it('derives the cipher key, cipher salt and authentication key of the appendix', () => {
    assert.equal(
      toHex(deriveKey(masterKey, masterSalt, LABEL.rtpEncryption, 16)),
      'C61E7A93744F39EE10734AFE3FF7A087',
    );
    assert.equal(toHex(deriveKey(masterKey, masterSalt, LABEL.rtpSalt, 14)), '30CBBC08863D8C85D49DB34A9AE1');
    assert.equal(
      toHex(deriveKey(masterKey, masterSalt, LABEL.rtpAuthentication, 94)),
      'CEBE321F6FF7716B6FD4AB49AF256A156D38BAA48F0A0ACF3C34E2359E6CDBCE' +
        'E049646C43D9327AD175578EF72270986371C10C9A369AC2F94A8C5FBCDDDC25' +
        '6D6E919A48B610EF17C2041E474035766B68642C59BBFC2F34DB60DBDFB2',
    );
  });

  it('uses the first 20 bytes of that output as the HMAC-SHA1 key, and other labels for SRTCP', () => {
    const keys = deriveSessionKeys(SRTP_SUITES.AES_CM_128_HMAC_SHA1_80, masterKey, masterSalt);
    assert.equal(toHex(keys.rtp.encryptionKey), 'C61E7A93744F39EE10734AFE3FF7A087');
    assert.equal(toHex(keys.rtp.salt), '30CBBC08863D8C85D49DB34A9AE1');
    assert.equal(toHex(keys.rtp.authenticationKey), 'CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4');
    assert.notEqual(toHex(keys.rtcp.encryptionKey), toHex(keys.rtp.encryptionKey));
    assert.equal(keys.rtcp.authenticationKey.length, 20);
    assert.equal(keys.rtcp.salt.length, 14);
  });
});
