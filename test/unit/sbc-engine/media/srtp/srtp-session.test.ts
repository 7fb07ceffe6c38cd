// SRTP and SRTCP sessions (RFC 3711): what a listener would notice — audio bytes come back intact
// across ROC rollover, and forged, replayed, stale or broken packets are dropped with a reason.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SrtpPolicy, SrtpResult, SrtpSuiteName } from '../../../../../sbc-engine/media/srtp/index.ts';
import { SrtpSession } from '../../../../../sbc-engine/media/srtp/index.ts';
import { rtcpPacket, rtpPacket } from './packets.ts';

const SUITES: SrtpSuiteName[] = ['AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32'];

function policy(suite: SrtpSuiteName, extra: Partial<SrtpPolicy> = {}): SrtpPolicy {
  return {
    suite,
    masterKey: Buffer.from('00112233445566778899aabbccddeeff', 'hex'),
    masterSalt: Buffer.from('0102030405060708090a0b0c0d0e', 'hex'),
    ...extra,
  };
}

function ok(result: SrtpResult): Buffer {
  if (!result.ok) assert.fail(`expected a packet, got ${result.reason}: ${result.message}`);
  return Buffer.from(result.packet);
}

function reason(result: SrtpResult): string {
  return result.ok ? 'ok' : result.reason;
}

for (const suite of SUITES) {
  const tagBytes = suite.endsWith('_80') ? 10 : 4;
  describe(`SRTP ${suite}`, () => {
    it('round trips audio, header extension and CSRCs; the header stays readable, the payload does not', () => {
      const sender = new SrtpSession(policy(suite));
      const receiver = new SrtpSession(policy(suite));
      const rtp = rtpPacket({ seq: 7, csrcs: [0xaaaa], extensionWords: 2, padding: 3 });
      const srtp = ok(sender.protectRtp(rtp));
      assert.equal(srtp.length, rtp.length + tagBytes);
      const headerLength = 12 + 4 + 12;
      assert.deepEqual(srtp.subarray(0, headerLength), rtp.subarray(0, headerLength));
      assert.notDeepEqual(srtp.subarray(headerLength, rtp.length), rtp.subarray(headerLength));
      assert.deepEqual(ok(receiver.unprotectRtp(srtp)), rtp);
    });

    it('rolls the ROC over across SEQ 65535 → 0, with a late packet from before the wrap', () => {
      const sender = new SrtpSession(policy(suite));
      const receiver = new SrtpSession(policy(suite));
      const seqs = [65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 2, 3];
      const sent = seqs.map((seq) => ({
        seq,
        rtp: rtpPacket({ seq }),
        srtp: ok(sender.protectRtp(rtpPacket({ seq }))),
      }));
      assert.equal(sender.highestIndex('sent', 0x11223344), 0x10003);
      // Deliver 65535 after 0 and 1: reordered across the wrap.
      const order = [0, 1, 2, 3, 4, 6, 7, 5, 8, 9];
      for (const i of order)
        assert.deepEqual(ok(receiver.unprotectRtp(sent[i]!.srtp)), sent[i]!.rtp, `seq ${seqs[i]}`);
      assert.equal(receiver.highestIndex('received', 0x11223344), 0x10003);
    });

    it('drops a packet whose ROC the receiver guesses wrong instead of playing noise', () => {
      // The receiver joins after the sender's SEQ wrapped: the sender's ROC is 1, the receiver's
      // first guess is 0, so the tag (which covers the ROC) fails.
      const sender = new SrtpSession(policy(suite));
      for (const seq of [65000, 1000]) ok(sender.protectRtp(rtpPacket({ seq })));
      const late = ok(sender.protectRtp(rtpPacket({ seq: 4465 })));
      assert.equal(sender.highestIndex('sent', 0x11223344), 0x10000 + 4465);
      assert.equal(reason(new SrtpSession(policy(suite)).unprotectRtp(late)), 'auth-failed');
    });

    it('refuses a duplicate and a packet older than the replay window, and keeps playing after them', () => {
      const sender = new SrtpSession(policy(suite));
      const receiver = new SrtpSession(policy(suite));
      const packets = Array.from({ length: 100 }, (_, seq) =>
        ok(sender.protectRtp(rtpPacket({ seq: 1000 + seq }))),
      );
      ok(receiver.unprotectRtp(packets[0]!));
      for (const packet of packets.slice(2)) ok(receiver.unprotectRtp(packet));
      assert.equal(reason(receiver.unprotectRtp(packets[50]!)), 'replayed');
      assert.equal(reason(receiver.unprotectRtp(packets[1]!)), 'too-old', 'index 1001 is 98 behind 1099');
      const late = ok(new SrtpSession(policy(suite)).protectRtp(rtpPacket({ seq: 1099 - 63 + 200 })));
      ok(receiver.unprotectRtp(late));
    });

    it('refuses to protect the same sequence number twice (keystream reuse)', () => {
      const sender = new SrtpSession(policy(suite));
      ok(sender.protectRtp(rtpPacket({ seq: 5 })));
      assert.equal(reason(sender.protectRtp(rtpPacket({ seq: 5 }))), 'replayed');
    });

    it('drops tampered tags, payloads, headers and packets under another key, before decrypting', () => {
      const sender = new SrtpSession(policy(suite));
      const srtp = ok(sender.protectRtp(rtpPacket({ seq: 9 })));
      for (const at of [srtp.length - 1, 40, 1, 3, 11]) {
        const tampered = Buffer.from(srtp);
        tampered[at] = tampered[at]! ^ 0x01;
        const result = new SrtpSession(policy(suite)).unprotectRtp(tampered);
        assert.equal(reason(result), 'auth-failed', `byte ${at}`);
        assert.match(!result.ok ? result.message : '', /authentication tag does not match/);
      }
      const other = new SrtpSession(policy(suite, { masterKey: Buffer.alloc(16, 9) }));
      assert.equal(reason(other.unprotectRtp(srtp)), 'auth-failed');
      const receiver = new SrtpSession(policy(suite));
      const tampered = Buffer.from(srtp);
      tampered[40] = tampered[40]! ^ 1;
      receiver.unprotectRtp(tampered);
      assert.deepEqual(
        ok(receiver.unprotectRtp(srtp)),
        rtpPacket({ seq: 9 }),
        'a forgery does not burn the index',
      );
    });

    it('with UNENCRYPTED_SRTP sends the payload in the clear but still authenticates it', () => {
      const options = { encryptRtp: false };
      const rtp = rtpPacket({ seq: 3 });
      const srtp = ok(new SrtpSession(policy(suite, options)).protectRtp(rtp));
      assert.deepEqual(srtp.subarray(0, rtp.length), rtp);
      assert.deepEqual(ok(new SrtpSession(policy(suite, options)).unprotectRtp(srtp)), rtp);
      srtp[20] = srtp[20]! ^ 1;
      assert.equal(reason(new SrtpSession(policy(suite, options)).unprotectRtp(srtp)), 'auth-failed');
    });

    it('with UNAUTHENTICATED_SRTP sends no tag, so a changed byte goes through', () => {
      const options = { authenticateRtp: false };
      const rtp = rtpPacket({ seq: 3 });
      const srtp = ok(new SrtpSession(policy(suite, options)).protectRtp(rtp));
      assert.equal(srtp.length, rtp.length);
      srtp[20] = srtp[20]! ^ 1;
      const back = ok(new SrtpSession(policy(suite, options)).unprotectRtp(srtp));
      assert.equal(back[20], rtp[20]! ^ 1);
    });
  });

  describe(`SRTCP ${suite}`, () => {
    it('round trips a compound packet with E = 1 and a 31-bit index counting from 0, and an 80-bit tag', () => {
      const sender = new SrtpSession(policy(suite));
      const receiver = new SrtpSession(policy(suite));
      for (let i = 0; i < 3; i++) {
        const rtcp = rtcpPacket(0x11223344, i);
        const srtcp = ok(sender.protectRtcp(rtcp));
        assert.equal(srtcp.length, rtcp.length + 4 + 10);
        assert.equal(srtcp.readUInt32BE(rtcp.length), (0x80000000 | i) >>> 0);
        assert.deepEqual(srtcp.subarray(0, 8), rtcp.subarray(0, 8));
        assert.notDeepEqual(srtcp.subarray(8, rtcp.length), rtcp.subarray(8));
        assert.deepEqual(ok(receiver.unprotectRtcp(srtcp)), rtcp);
      }
    });

    it('refuses a replayed or tampered SRTCP packet', () => {
      const sender = new SrtpSession(policy(suite));
      const receiver = new SrtpSession(policy(suite));
      const srtcp = ok(sender.protectRtcp(rtcpPacket()));
      ok(receiver.unprotectRtcp(srtcp));
      assert.equal(reason(receiver.unprotectRtcp(srtcp)), 'replayed');
      const tampered = ok(sender.protectRtcp(rtcpPacket()));
      tampered[tampered.length - 12] = tampered[tampered.length - 12]! ^ 1; // the index word
      assert.equal(reason(receiver.unprotectRtcp(tampered)), 'auth-failed');
    });

    it('sends E = 0 with UNENCRYPTED_SRTCP, and a session that requires encryption refuses it', () => {
      const rtcp = rtcpPacket();
      const clear = ok(new SrtpSession(policy(suite, { encryptRtcp: false })).protectRtcp(rtcp));
      assert.equal(clear.readUInt32BE(rtcp.length), 0);
      assert.deepEqual(clear.subarray(0, rtcp.length), rtcp);
      assert.deepEqual(ok(new SrtpSession(policy(suite, { encryptRtcp: false })).unprotectRtcp(clear)), rtcp);
      const strict = new SrtpSession(policy(suite)).unprotectRtcp(clear);
      assert.equal(reason(strict), 'malformed');
      assert.match(!strict.ok ? strict.message : '', /byte 56: E flag is 0/);
    });
  });
}

describe('SRTP session limits', () => {
  const suite = 'AES_CM_128_HMAC_SHA1_80';

  it('stops using a key after its lifetime in packets', () => {
    const sender = new SrtpSession(policy(suite, { keyLifetime: 3 }));
    ok(sender.protectRtp(rtpPacket({ seq: 1 })));
    ok(sender.protectRtp(rtpPacket({ seq: 2 })));
    ok(sender.protectRtcp(rtcpPacket()));
    assert.equal(reason(sender.protectRtp(rtpPacket({ seq: 3 }))), 'key-expired');
  });

  it('keeps state for a bounded number of SSRCs, and forged packets do not take a place', () => {
    const receiver = new SrtpSession(policy(suite, { maxStreams: 2 }));
    const forged = rtpPacket({ seq: 1, ssrc: 77 });
    for (let ssrc = 100; ssrc < 200; ssrc++) {
      forged.writeUInt32BE(ssrc, 8);
      assert.equal(reason(receiver.unprotectRtp(Buffer.concat([forged, Buffer.alloc(10)]))), 'auth-failed');
    }
    const sender = new SrtpSession(policy(suite));
    ok(receiver.unprotectRtp(ok(sender.protectRtp(rtpPacket({ seq: 1, ssrc: 1 })))));
    ok(receiver.unprotectRtp(ok(sender.protectRtp(rtpPacket({ seq: 1, ssrc: 2 })))));
    assert.equal(
      reason(receiver.unprotectRtp(ok(sender.protectRtp(rtpPacket({ seq: 1, ssrc: 3 }))))),
      'too-many-streams',
    );
  });

  it('names the byte of a malformed packet instead of throwing', () => {
    const session = new SrtpSession(policy(suite));
    const result = session.unprotectRtp(Buffer.from('4000', 'hex'));
    assert.equal(reason(result), 'malformed');
    assert.match(
      !result.ok ? result.message : '',
      /SRTP packet is 2 bytes \(10 of them the authentication tag\)/,
    );
    const padding = rtpPacket({ seq: 1, padding: 2 });
    padding[padding.length - 1] = 200;
    const refused = session.protectRtp(padding);
    assert.match(!refused.ok ? refused.message : '', /RTP byte 173: padding count 200/);
  });

  it('refuses a policy with a key of the wrong length', () => {
    assert.throws(
      () => new SrtpSession(policy(suite, { masterKey: Buffer.alloc(15) })),
      /masterKey: 15 bytes/,
    );
  });
});
