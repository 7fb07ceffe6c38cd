import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serializeSdp, stripIce } from '../../../../../sbc-engine/sip/sdp/index.ts';
import { PBX_OFFER, TEAMS_OFFER, applyRule, attributeLines, mustParse, sdp } from './fixtures.ts';

const ICE = /^a=(candidate|ice-|remote-candidates|end-of-candidates)/;
const HEAD = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0'];

describe('stripIce', () => {
  const cases: [string, string, number][] = [
    // [name, SDP, ICE lines in it]
    ['Teams/Lync offer', TEAMS_OFFER, 9],
    [
      'session-level ufrag/pwd, remote-candidates',
      sdp([
        ...HEAD,
        'a=ice-ufrag:8hhY',
        'a=ice-pwd:asd88fgpdd777uzjYhagZg',
        'm=audio 4000 RTP/AVP 0',
        'a=remote-candidates:1 192.0.2.3 45664 2 192.0.2.3 45665',
        'a=sendrecv',
      ]),
      3,
    ],
    [
      'malformed candidate, ice-mismatch and ice-pacing',
      sdp([
        ...HEAD,
        'a=ice-pacing:50',
        'm=audio 4000 RTP/AVP 0',
        'a=candidate:broken',
        'a=ice-ufrag',
        'a=ice-mismatch',
        'a=rtpmap:0 PCMU/8000',
      ]),
      4,
    ],
    ['an offer without ICE', PBX_OFFER, 0],
  ];
  for (const [name, text, ice] of cases) {
    it(`removes every ICE line: ${name}`, () => {
      const input = mustParse(text);
      const before = attributeLines(serializeSdp(input));
      const { output, text: written } = applyRule(stripIce, input);
      assert.equal(before.filter((line) => ICE.test(line)).length, ice);
      // Exactly the ICE lines are gone.
      assert.deepEqual(
        attributeLines(written),
        before.filter((line) => !ICE.test(line)),
      );
      assert.equal(output.icelite, undefined);
    });
  }

  it('keeps media, connection, a=rtcp, crypto and codecs', () => {
    const { output, text } = applyRule(stripIce, mustParse(TEAMS_OFFER));
    const audio = output.media[0]!;
    assert.equal(audio.port, 50020);
    assert.equal(audio.connection?.ip, '203.0.113.10');
    assert.equal(audio.rtcp?.port, 50021);
    assert.equal(audio.crypto?.length, 2);
    assert.equal(audio.rtp.length, 11);
    assert.match(text, /a=rtcp-mux\r\n/, 'rtcp-mux is a separate rule');
  });
});
