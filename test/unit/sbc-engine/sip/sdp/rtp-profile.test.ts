import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toPlainRtpProfile, toSecureRtpProfile } from '../../../../../sbc-engine/sip/sdp/index.ts';
import { applyRule, mustParse, sdp } from './fixtures.ts';

const HEAD = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0'];

function offer(...protocols: string[]): string {
  return sdp([
    ...HEAD,
    ...protocols.map((proto, i) => `m=${i === 0 ? 'audio' : 'video'} ${4000 + 2 * i} ${proto} 0`),
  ]);
}

describe('RTP profile', () => {
  const secure: [string[], string[]][] = [
    [['RTP/AVP'], ['RTP/SAVP']],
    [['RTP/AVPF'], ['RTP/SAVPF']],
    [['RTP/SAVP'], ['RTP/SAVP']],
    [['UDP/TLS/RTP/SAVPF'], ['UDP/TLS/RTP/SAVPF']],
    [['udptl'], ['udptl']],
    [
      ['RTP/AVP', 'RTP/AVPF'],
      ['RTP/SAVP', 'RTP/SAVPF'],
    ],
  ];
  for (const [from, to] of secure) {
    it(`toSecureRtpProfile: ${from.join(', ')} → ${to.join(', ')}`, () => {
      const { reparsed } = applyRule(toSecureRtpProfile, mustParse(offer(...from)));
      assert.deepEqual(
        reparsed.media.map((m) => m.protocol),
        to,
      );
    });
    it(`toPlainRtpProfile: ${to.join(', ')} → ${from.join(', ')} (unless not RTP/(S)AVP(F))`, () => {
      const { reparsed } = applyRule(toPlainRtpProfile, mustParse(offer(...to)));
      const expected = to.map((p) => (p === 'RTP/SAVP' ? 'RTP/AVP' : p === 'RTP/SAVPF' ? 'RTP/AVPF' : p));
      assert.deepEqual(
        reparsed.media.map((m) => m.protocol),
        expected,
      );
    });
  }

  it('changes only the media section asked for', () => {
    const input = mustParse(offer('RTP/AVP', 'RTP/AVP'));
    const { reparsed } = applyRule((s) => toSecureRtpProfile(s, 1), input);
    assert.deepEqual(
      reparsed.media.map((m) => m.protocol),
      ['RTP/AVP', 'RTP/SAVP'],
    );
  });
});
