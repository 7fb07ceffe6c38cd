import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serializeSdp, stripRtcpMux } from '../../../../../sbc-engine/sip/sdp/index.ts';
import { PBX_OFFER, TEAMS_OFFER, applyRule, attributeLines, mustParse, sdp } from './fixtures.ts';

const HEAD = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0'];

describe('stripRtcpMux', () => {
  const cases: [string, string][] = [
    ['Teams/Lync offer', TEAMS_OFFER],
    ['rtcp-mux-only (RFC 8858)', sdp([...HEAD, 'm=audio 4000 RTP/AVP 0', 'a=rtcp-mux', 'a=rtcp-mux-only'])],
    ['only rtcp-mux-only', sdp([...HEAD, 'm=audio 4000 RTP/AVP 0', 'a=rtcp-mux-only'])],
    [
      'two media',
      sdp([...HEAD, 'm=audio 4000 RTP/AVP 0', 'a=rtcp-mux', 'm=video 4002 RTP/AVP 96', 'a=rtcp-mux']),
    ],
    ['nothing to strip', PBX_OFFER],
  ];
  for (const [name, text] of cases) {
    it(`removes a=rtcp-mux and a=rtcp-mux-only: ${name}`, () => {
      const input = mustParse(text);
      const { output, text: written } = applyRule(stripRtcpMux, input);
      assert.deepEqual(
        attributeLines(written).filter((line) => line.startsWith('a=rtcp-mux')),
        [],
      );
      for (const media of output.media) assert.equal(media.rtcpMux, undefined);
      // Everything else is what it was.
      const lines = attributeLines(serializeSdp(input)).filter((line) => !line.startsWith('a=rtcp-mux'));
      assert.deepEqual(attributeLines(written), lines);
    });
  }

  it('keeps a=rtcp so RTCP still has its port (RFC 3605)', () => {
    const { output } = applyRule(stripRtcpMux, mustParse(TEAMS_OFFER));
    assert.equal(output.media[0]!.rtcp?.port, 50021);
  });
});
