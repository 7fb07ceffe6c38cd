// SDP bodies written for these tests (documentation addresses, made-up keys), shaped like what an
// SBC sees from Teams/Lync clients, from Exchange UM and from a plain IP-PBX.
import assert from 'node:assert/strict';
import { parseSdp, serializeSdp } from '../../../../../sbc-engine/sip/sdp/index.ts';
import type { Sdp } from '../../../../../sbc-engine/sip/sdp/index.ts';

/** base64 of `length` bytes counting up from `first`: a key||salt of a known size. */
export function key(length: number, first = 1): string {
  return Buffer.from(Array.from({ length }, (_, i) => (first + i) & 0xff)).toString('base64');
}

export const KEY_30 = key(30);
export const KEY_30_B = key(30, 100);

export function sdp(lines: readonly string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}

/** Teams/Lync-style offer: ICE (ufrag, pwd, host/srflx/relay candidates), rtcp-mux, two crypto lines. */
export const TEAMS_OFFER = sdp([
  'v=0',
  'o=- 0 1 IN IP4 203.0.113.10',
  's=session',
  'c=IN IP4 203.0.113.10',
  'b=CT:10000000',
  't=0 0',
  'a=ice-lite',
  'a=ice-options:trickle',
  'm=audio 50020 RTP/SAVP 104 9 111 18 0 8 103 97 13 118 101',
  'c=IN IP4 203.0.113.10',
  'a=rtcp:50021',
  'a=ice-ufrag:q7Fa',
  'a=ice-pwd:Zc4bWhvMhKp1QyXl8rR0tF2A',
  'a=candidate:1 1 UDP 2130706431 10.20.0.15 50020 typ host',
  'a=candidate:1 2 UDP 2130705918 10.20.0.15 50021 typ host',
  'a=candidate:2 1 UDP 1694498815 203.0.113.10 50020 typ srflx raddr 10.20.0.15 rport 50020',
  'a=candidate:3 1 UDP 16648703 198.51.100.77 52118 typ relay raddr 203.0.113.10 rport 50020',
  'a=end-of-candidates',
  'a=rtcp-mux',
  `a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30}|2^31|1:1`,
  `a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30_B}|2^31`,
  'a=label:main-audio',
  'a=mid:1',
  'a=sendrecv',
  'a=rtpmap:104 SILK/16000',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:111 SIREN/16000',
  'a=fmtp:111 bitrate=16000',
  'a=rtpmap:18 G729/8000',
  'a=fmtp:18 annexb=no',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:103 SILK/8000',
  'a=rtpmap:97 RED/8000',
  'a=rtpmap:13 CN/8000',
  'a=rtpmap:118 CN/16000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16',
  'a=ptime:20',
]);

/** An answer in Exchange UM style whose only crypto line turns SRTP authentication off. */
export const UM_ANSWER_UNAUTHENTICATED = sdp([
  'v=0',
  'o=- 312 0 IN IP4 198.51.100.24',
  's=session',
  'c=IN IP4 198.51.100.24',
  'b=CT:10000000',
  't=0 0',
  'm=audio 49170 RTP/SAVP 0 101',
  'c=IN IP4 198.51.100.24',
  'a=label:main-audio',
  'a=sendrecv',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16',
  'a=ptime:20',
  `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${KEY_30} UNENCRYPTED_SRTCP UNAUTHENTICATED_SRTP`,
]);

/** A plain IP-PBX offer: RTP/AVP, no keys, audio and a rejected video stream. */
export const PBX_OFFER = sdp([
  'v=0',
  'o=pbx 94213 1 IN IP4 192.0.2.52',
  's=SIP Call',
  'c=IN IP4 192.0.2.52',
  't=0 0',
  'm=audio 31182 RTP/AVP 8 0 101',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
  'a=ptime:20',
  'a=sendrecv',
  'm=video 0 RTP/AVPF 96',
  'a=rtpmap:96 H264/90000',
]);

export function mustParse(text: string): Sdp {
  const result = parseSdp(text);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.value;
}

/** Runs a rule the way every rule test must: the input stays as it was, the output is a new
 *  object, and what it writes parses again. */
export function applyRule(
  rule: (input: Sdp) => Sdp,
  input: Sdp,
): { output: Sdp; text: string; reparsed: Sdp } {
  const before = structuredClone(input);
  const output = rule(input);
  assert.deepEqual(input, before, 'the rule modified its input');
  assert.notEqual(output, input);
  output.media.forEach((media, index) => assert.notEqual(media, input.media[index]));
  const text = serializeSdp(output);
  return { output, text, reparsed: mustParse(text) };
}

/** The a= lines of the written SDP, for assertions that read like the wire. */
export function attributeLines(text: string): string[] {
  return text.split('\r\n').filter((line) => line.startsWith('a='));
}
