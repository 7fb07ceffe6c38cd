// The RTP header as the SRTP boundary reads it (RFC 3550 §5.1, §5.3.1): where the payload starts,
// and a clear error naming the byte for every way a header can be broken.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkRtpPadding,
  parseRtcpHeader,
  parseRtpHeader,
} from '../../../../../sbc-engine/media/srtp/rtp-header.ts';
import { rtcpPacket, rtpPacket } from './packets.ts';

describe('parseRtpHeader', () => {
  it('finds the payload after the CSRC list and the header extension', () => {
    const packet = rtpPacket({
      seq: 513,
      ssrc: 0xdecafbad,
      csrcs: [1, 2],
      extensionWords: 3,
      payloadType: 8,
    });
    const parsed = parseRtpHeader(packet);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.header, {
      padding: false,
      extension: true,
      csrcCount: 2,
      marker: false,
      payloadType: 8,
      sequenceNumber: 513,
      timestamp: 513 * 160,
      ssrc: 0xdecafbad,
      headerLength: 12 + 8 + 4 + 12,
    });
  });

  const broken: { name: string; packet: Buffer; trailer?: number; error: RegExp }[] = [
    {
      name: 'shorter than 12 bytes',
      packet: Buffer.from('8000000100', 'hex'),
      error: /5 bytes; an RTP header needs 12/,
    },
    {
      name: 'only the tag after a short header',
      packet: rtpPacket({ seq: 1, payload: Buffer.alloc(0) }).subarray(0, 12),
      trailer: 10,
      error: /12 bytes \(10 of them the authentication tag\)/,
    },
    {
      name: 'version 1',
      packet: Buffer.from('40000001000000000000000100', 'hex'),
      error: /byte 0: RTP version is 1; must be 2/,
    },
    {
      name: 'CSRC count beyond the packet',
      packet: Buffer.from('8f000001000000000000000100000000', 'hex'),
      error: /byte 0: 15 CSRCs need 72 header bytes; the packet has 16/,
    },
    {
      name: 'X bit without an extension header',
      packet: Buffer.from('90000001000000000000000100', 'hex'),
      error: /byte 12: header extension announced \(X bit\) but only 1 bytes follow/,
    },
    {
      name: 'extension length past the end',
      packet: Buffer.from('90000001000000000000000cbede00ff00000000', 'hex'),
      error: /byte 14: header extension of 255 words runs past the packet's 20 bytes/,
    },
  ];
  for (const row of broken) {
    it(`refuses ${row.name}`, () => {
      const parsed = parseRtpHeader(row.packet, row.trailer ?? 0);
      assert.equal(parsed.ok, false);
      assert.match(!parsed.ok ? parsed.error : '', row.error);
    });
  }
});

describe('checkRtpPadding', () => {
  it('accepts padding that fits and names the byte of a count that does not', () => {
    const good = rtpPacket({ seq: 1, payload: Buffer.alloc(20), padding: 4 });
    const header = parseRtpHeader(good);
    assert.ok(header.ok);
    assert.equal(checkRtpPadding(good, header.header, good.length), undefined);

    const tooMuch = Buffer.from(good);
    tooMuch[tooMuch.length - 1] = 25;
    assert.match(
      checkRtpPadding(tooMuch, header.header, tooMuch.length) ?? '',
      /byte 35: padding count 25 is more than the 24 payload bytes/,
    );
    const zero = Buffer.from(good);
    zero[zero.length - 1] = 0;
    assert.match(checkRtpPadding(zero, header.header, zero.length) ?? '', /byte 35: padding count is 0/);
  });
});

describe('parseRtcpHeader', () => {
  it('reads the sender SSRC and checks the first length field', () => {
    const packet = rtcpPacket(0xcafe0001);
    const parsed = parseRtcpHeader(packet);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.header, { packetType: 201, ssrc: 0xcafe0001 });
    const lying = Buffer.from(packet);
    lying.writeUInt16BE(200, 2);
    const refused = parseRtcpHeader(lying);
    assert.match(
      !refused.ok ? refused.error : '',
      /byte 2: the first RTCP packet's length is 804 bytes; only 56 are there/,
    );
    const old = Buffer.from(packet);
    old[0] = 0x01;
    assert.match(
      !parseRtcpHeader(old).ok ? (parseRtcpHeader(old) as { error: string }).error : '',
      /byte 0: RTCP version is 0/,
    );
  });
});
