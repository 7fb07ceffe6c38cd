import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSdp, serializeSdp } from '../../../../../sbc-engine/sip/sdp/index.ts';
import { KEY_30, PBX_OFFER, TEAMS_OFFER, UM_ANSWER_UNAUTHENTICATED, mustParse, sdp } from './fixtures.ts';

const HEAD = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0'];
const AUDIO = ['m=audio 4000 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000'];

describe('parseSdp accepts real bodies', () => {
  const cases: [string, string, number][] = [
    ['Teams/Lync offer', TEAMS_OFFER, 1],
    ['Exchange UM answer', UM_ANSWER_UNAUTHENTICATED, 1],
    ['IP-PBX offer', PBX_OFFER, 2],
    ['LF line ends', sdp([...HEAD, ...AUDIO]).replaceAll('\r\n', '\n'), 1],
    ['no final line end', [...HEAD, ...AUDIO].join('\r\n'), 1],
    ['extra blank lines at the end', `${sdp([...HEAD, ...AUDIO])}\r\n\r\n`, 1],
    [
      'c= only in media',
      sdp([...HEAD.filter((l) => !l.startsWith('c=')), ...AUDIO, 'c=IN IP4 192.0.2.1']),
      1,
    ],
    ['IPv6', sdp(['v=0', 'o=- 1 1 IN IP6 2001:db8::1', 's= ', 'c=IN IP6 2001:db8::1', 't=0 0', ...AUDIO]), 1],
    ['session only', sdp(HEAD), 0],
  ];
  for (const [name, text, media] of cases) {
    it(name, () => {
      const parsed = mustParse(text);
      assert.equal(parsed.media.length, media);
    });
  }

  it('reads the fields the SBC rules use', () => {
    const offer = mustParse(TEAMS_OFFER);
    const audio = offer.media[0]!;
    assert.equal(audio.protocol, 'RTP/SAVP');
    assert.equal(audio.port, 50020);
    assert.equal(audio.candidates?.length, 4);
    assert.equal(audio.rtcpMux, 'rtcp-mux');
    assert.equal(audio.crypto?.[0]?.config, `inline:${KEY_30}|2^31|1:1`);
    assert.equal(offer.icelite, 'ice-lite');
  });
});

describe('parseSdp refuses what is not SDP, and says where', () => {
  const without = (prefix: string) => HEAD.filter((line) => !line.startsWith(prefix));
  const cases: [string, string, RegExp][] = [
    ['empty body', '', /empty/],
    ['whitespace only', ' \r\n', /empty/],
    ['HTML', '<html><body>Bad gateway</body></html>', /line 1 .*v=0/],
    ['v=1', sdp(['v=1', ...HEAD.slice(1)]), /line 1 .*v=0/],
    ['v= not first', sdp([HEAD[1]!, HEAD[0]!, ...HEAD.slice(2)]), /line 1 .*v=0/],
    ['missing o=', sdp(without('o=')), /missing o=/],
    ['missing s=', sdp(without('s=')), /missing s=/],
    ['missing t=', sdp(without('t=')), /missing t=/],
    ['two o= lines', sdp([...HEAD, HEAD[1]!]), /2 o= lines/],
    ['two t= lines', sdp([...HEAD, 't=0 0']), /2 t= lines/],
    ['no c= anywhere', sdp([...without('c='), ...AUDIO]), /line 5 .*media 0 has no c= line/],
    [
      'c= missing in the second media',
      sdp([...without('c='), ...AUDIO, 'c=IN IP4 192.0.2.1', 'm=video 0 RTP/AVP 96']),
      /line 8 .*media 1 has no c= line/,
    ],
    ['bad o=', sdp(['v=0', 'o=- x 1 IN IP4 192.0.2.1', ...HEAD.slice(2)]), /line 2 .*bad o=/],
    ['bad c=', sdp(['v=0', HEAD[1]!, 's=-', 'c=IN IP4', 't=0 0']), /line 4 .*bad c=/],
    ['bad t=', sdp(['v=0', HEAD[1]!, 's=-', 't=now']), /line 4 .*bad t=/],
    ['m= without formats', sdp([...HEAD, 'm=audio 4000 RTP/AVP']), /line 6 .*bad m= line/],
    ['m= with a bad port', sdp([...HEAD, 'm=audio x RTP/AVP 0']), /line 6 .*bad m= line/],
    ['m= port out of range', sdp([...HEAD, 'm=audio 70000 RTP/AVP 0']), /line 6 .*out of range/],
    ['m= port count', sdp([...HEAD, 'm=audio 4000/2 RTP/AVP 0']), /line 6 .*port count/],
    ['m= with two spaces', sdp([...HEAD, 'm=audio  4000 RTP/AVP 0']), /line 6 .*bad m= line/],
    ['rtpmap without payload type', sdp([...HEAD, ...AUDIO, 'a=rtpmap: PCMA/8000']), /line 8 .*bad a=rtpmap/],
    ['rtpmap with a bad clock rate', sdp([...HEAD, ...AUDIO, 'a=rtpmap:8 PCMA/8k']), /line 8 .*bad a=rtpmap/],
    ['rtpmap payload type 200', sdp([...HEAD, ...AUDIO, 'a=rtpmap:200 X/8000']), /line 8 .*bad a=rtpmap/],
    ['fmtp without parameters', sdp([...HEAD, ...AUDIO, 'a=fmtp:101']), /line 8 .*bad a=fmtp/],
    ['upper-case type', sdp([...HEAD, 'A=sendrecv']), /line 6 .*<type>=<value>/],
    ['space before =', sdp([...HEAD, 'a =sendrecv']), /line 6 .*<type>=<value>/],
    ['unknown type', sdp([...HEAD, 'x=1']), /line 6 .*unknown type "x="/],
    ['SIP header', sdp([...HEAD, 'Content-Type: application/sdp']), /line 6 /],
    ['blank line inside', sdp([...HEAD.slice(0, 3), '', ...HEAD.slice(3)]), /line 4 .*empty/],
    ['o= inside media', sdp([...HEAD, ...AUDIO, HEAD[1]!]), /line 8 .*session level/],
    ['NUL byte', sdp([...HEAD, 'a=tool:x\0y']), /line 6 .*NUL/],
    [
      'U+FFFD from a lenient decoder',
      sdp([...HEAD, 's=M\uFFFCller'.replace('\uFFFC', '\uFFFD')]),
      /line 6 .*UTF-8/,
    ],
    ['lone surrogate', sdp([...HEAD.slice(0, 2), 's=\uD800', ...HEAD.slice(3)]), /line 3 .*surrogate/],
  ];
  for (const [name, text, reason] of cases) {
    it(name, () => {
      const result = parseSdp(text);
      assert.equal(result.ok, false, 'accepted');
      assert.match(result.ok ? '' : result.error, reason);
    });
  }

  it('does not throw for a value that is not a string', () => {
    assert.equal(parseSdp(undefined as unknown as string).ok, false);
  });
});

describe('repairs what sdp-transform loses', () => {
  it('keeps every crypto session parameter', () => {
    const answer = mustParse(UM_ANSWER_UNAUTHENTICATED);
    assert.equal(answer.media[0]!.crypto?.[0]?.sessionConfig, 'UNENCRYPTED_SRTCP UNAUTHENTICATED_SRTP');
    assert.match(serializeSdp(answer), /inline:\S+ UNENCRYPTED_SRTCP UNAUTHENTICATED_SRTP\r\n/);
  });

  it('keeps a=rtcp-mux-only apart from a=rtcp-mux', () => {
    const only = mustParse(sdp([...HEAD, ...AUDIO, 'a=rtcp-mux-only']));
    assert.equal(only.media[0]!.rtcpMux, undefined);
    assert.match(serializeSdp(only), /a=rtcp-mux-only\r\n/);
    assert.doesNotMatch(serializeSdp(only), /a=rtcp-mux\r\n/);
    const both = mustParse(sdp([...HEAD, ...AUDIO, 'a=rtcp-mux', 'a=rtcp-mux-only']));
    assert.equal(both.media[0]!.rtcpMux, 'rtcp-mux');
    assert.match(serializeSdp(both), /a=rtcp-mux\r\n[^]*a=rtcp-mux-only\r\n/);
  });

  it('writes a 64-bit sess-version exactly (RFC 3264 §8 compares it)', () => {
    const text = sdp([
      'v=0',
      'o=- 18446744073709551615 18446744073709551614 IN IP4 192.0.2.1',
      ...HEAD.slice(2),
    ]);
    assert.match(
      serializeSdp(mustParse(text)),
      /^v=0\r\no=- 18446744073709551615 18446744073709551614 IN IP4/,
    );
  });
});

describe('serializeSdp', () => {
  for (const [name, text] of [
    ['Teams/Lync offer', TEAMS_OFFER],
    ['Exchange UM answer', UM_ANSWER_UNAUTHENTICATED],
    ['IP-PBX offer', PBX_OFFER],
  ] as const) {
    it(`round-trips the ${name}`, () => {
      const parsed = mustParse(text);
      const before = structuredClone(parsed);
      const written = serializeSdp(parsed);
      assert.deepEqual(parsed, before, 'serializeSdp modified its input');
      assert.ok(written.endsWith('\r\n'));
      assert.deepEqual(mustParse(written), parsed);
      // Same lines, possibly in sdp-transform's attribute order.
      assert.deepEqual(written.split('\r\n').sort(), text.split('\r\n').sort());
    });
  }
});
