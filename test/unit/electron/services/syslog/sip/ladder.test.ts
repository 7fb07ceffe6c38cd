import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutLadder, LAYOUT } from '../../../../../../electron/services/syslog/sip/ladder.ts';
import { guessSdpCauses } from '../../../../../../electron/services/syslog/sip/sdp-cause.ts';
import { ack, bye, dialog, type DialogSpec, invite, logged, response } from './sip-log.ts';

const A: DialogSpec = {
  callId: 'a-1',
  from: '+4930123456',
  to: '+4940987654',
  hop: { dir: 'in', peer: 'udp:192.0.2.10:5060' },
};
const B: DialogSpec = {
  callId: 'b-1',
  from: '+4930123456',
  to: '040987654',
  hop: { dir: 'out', peer: 'udp:198.51.100.1:5060' },
};

function sdp(lines: string[], proto = 'RTP/SAVP'): string {
  return [
    'v=0',
    'o=- 1 1 IN IP4 192.0.2.5',
    's=-',
    'c=IN IP4 192.0.2.5',
    't=0 0',
    `m=audio 40000 ${proto} 0`,
    ...lines,
    '',
  ].join('\r\n');
}

describe('ladder layout', () => {
  it('puts caller, SBC and callee in columns and draws each message between them', () => {
    const messages = [
      ...dialog(0, A, { answerAfter: 3000, talkMs: 5000 }),
      ...dialog(10, B, { answerAfter: 2980, talkMs: 5000 }),
    ];
    const ladder = layoutLadder(messages);
    assert.deepEqual(
      ladder.columns.map((c) => [c.label, c.logging]),
      [
        ['192.0.2.10', false],
        ['sbc1', true],
        ['198.51.100.1', false],
      ],
    );
    // The SBC's own Via address on its outbound INVITE is merged into its column.
    assert.deepEqual(ladder.columns[1]!.aliases, ['192.0.2.5', 'sbc1']);
    const first = ladder.arrows[0]!;
    assert.deepEqual([first.label, first.from, first.to], ['INVITE', 0, 1]);
    const bInvite = ladder.arrows.find((a) => a.callId === 'b-1' && a.label === 'INVITE')!;
    assert.deepEqual([bInvite.from, bInvite.to], [1, 2]);
    const bOk = ladder.arrows.find((a) => a.callId === 'b-1' && a.label === '200 OK')!;
    assert.deepEqual([bOk.from, bOk.to], [2, 1]);
    // Arrows are in time order and spaced evenly; columns spaced evenly.
    assert.deepEqual(
      ladder.arrows.map((a) => a.y),
      ladder.arrows.map((_, i) => LAYOUT.top + i * LAYOUT.rowHeight),
    );
    assert.ok(ladder.arrows.every((a, i) => i === 0 || a.time >= ladder.arrows[i - 1]!.time));
    assert.equal(ladder.columns[2]!.x - ladder.columns[1]!.x, LAYOUT.columnWidth);
    assert.deepEqual(ladder.problems, []);
  });

  it("merges a host's name and address when a message says they are one", () => {
    const viaByName = logged(0, { dir: 'in', peer: 'udp:192.0.2.10:5060' }, [
      'INVITE sip:+4940987654@sbc1 SIP/2.0',
      'Via: SIP/2.0/UDP pbx.contoso.com:5060;branch=z9hG4bK-n1',
      'From: <sip:+4930123456@pbx.contoso.com>;tag=1',
      'To: <sip:+4940987654@sbc1>',
      'Call-ID: alias-1',
      'CSeq: 1 INVITE',
    ]);
    const ringing = logged(50, { dir: 'out', peer: 'udp:192.0.2.10:5060' }, [
      'SIP/2.0 180 Ringing',
      'Via: SIP/2.0/UDP pbx.contoso.com:5060;branch=z9hG4bK-n1',
      'From: <sip:+4930123456@pbx.contoso.com>;tag=1',
      'To: <sip:+4940987654@sbc1>;tag=2',
      'Call-ID: alias-1',
      'CSeq: 1 INVITE',
    ]);
    const ladder = layoutLadder([viaByName, ringing]);
    assert.equal(ladder.columns.length, 2);
    assert.equal(ladder.columns[0]!.label, 'pbx.contoso.com');
    assert.deepEqual(ladder.columns[0]!.aliases, ['192.0.2.10', 'pbx.contoso.com']);
  });

  it('marks retransmissions and 4xx-6xx finals', () => {
    const messages = [
      invite(0, B),
      invite(500, B),
      response(520, B, 100, 'Trying'),
      response(900, B, 503, 'Service Unavailable'),
      ack(905, B),
    ];
    const ladder = layoutLadder(messages);
    assert.deepEqual(
      ladder.arrows.map((a) => a.retransmission),
      [false, true, false, false, false],
    );
    assert.deepEqual(
      ladder.problems.map((p) => [p.kind, p.arrow]),
      [
        ['retransmission', 1],
        ['error-response', 3],
      ],
    );
    assert.deepEqual(ladder.arrows[3]!.problems, ['error-response']);
  });

  it('reports a missing ACK after a 2xx once the dialog went on, the 2xx came again, or 32 s passed', () => {
    const base = [invite(0, A), response(10, A, 200, 'OK')];
    assert.deepEqual(layoutLadder(base).problems, [], 'at the end of the log an ACK may still come');
    assert.deepEqual(
      layoutLadder(base, { now: 40_000 }).problems.map((p) => p.kind),
      ['missing-ack'],
    );
    const retransmitted = layoutLadder([...base, response(510, A, 200, 'OK')]);
    assert.deepEqual(
      retransmitted.problems.map((p) => [p.kind, p.arrow]),
      [
        ['missing-ack', 1],
        ['retransmission', 2],
      ],
    );
    const byeWithoutAck = layoutLadder([...base, bye(5000, A)]);
    assert.deepEqual(
      byeWithoutAck.problems.map((p) => p.kind),
      ['missing-ack'],
    );
    assert.deepEqual(layoutLadder([...base, ack(20, A), bye(5000, A)]).problems, []);
  });

  it('explains a 488 from Exchange UM with the offer it refused', () => {
    const um: DialogSpec = { ...B, callId: 'um-1', to: '+4940555000' };
    const offer = logged(
      0,
      um.hop,
      [
        'INVITE sip:+4940555000@0a1b2c3d.um.outlook.com;transport=tls SIP/2.0',
        'Via: SIP/2.0/TLS sbc1.contoso.com:5061;branch=z9hG4bK-um1',
        'From: <sip:+4930123456@sbc1.contoso.com>;tag=1',
        'To: <sip:+4940555000@0a1b2c3d.um.outlook.com>',
        'Call-ID: um-1',
        'CSeq: 1 INVITE',
        'Content-Type: application/sdp',
      ],
      sdp([
        'a=ice-ufrag:Fx4s',
        'a=ice-pwd:0123456789abcdefghijkl',
        'a=rtcp-mux',
        'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3 UNAUTHENTICATED_SRTP',
      ]),
    );
    const refused = logged(120, { dir: 'in', peer: um.hop.peer }, [
      'SIP/2.0 488 Not Acceptable Here',
      'Via: SIP/2.0/TLS sbc1.contoso.com:5061;branch=z9hG4bK-um1',
      'From: <sip:+4930123456@sbc1.contoso.com>;tag=1',
      'To: <sip:+4940555000@0a1b2c3d.um.outlook.com>;tag=um',
      'Call-ID: um-1',
      'CSeq: 1 INVITE',
    ]);
    const ladder = layoutLadder([offer, refused]);
    const problem = ladder.problems.find((p) => p.kind === 'sdp-rejected')!;
    assert.equal(problem.arrow, 1);
    assert.deepEqual(
      problem.causes!.map((c) => c.code),
      ['ice', 'rtcp-mux', 'unauthenticated-srtp'],
    );
    assert.match(problem.text, /Exchange UM/);
    assert.equal(ladder.arrows[0]!.label, 'INVITE (SDP)');
    assert.deepEqual(ladder.arrows[1]!.problems.sort(), ['error-response', 'sdp-rejected']);
  });

  it('guesses an RTP/AVP against RTP/SAVP mismatch from the offer and the 488 body', () => {
    assert.deepEqual(
      guessSdpCauses(
        sdp([], 'RTP/AVP'),
        sdp(['a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:QUJD'], 'RTP/SAVP'),
      ).map((c) => c.code),
      ['rtp-profile-mismatch'],
    );
    assert.deepEqual(
      guessSdpCauses(sdp(['a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:QUJD'], 'RTP/AVP')).map((c) => c.code),
      ['rtp-profile-mismatch'],
    );
    assert.deepEqual(
      guessSdpCauses(sdp([], 'RTP/AVP'), undefined, true).map((c) => c.code),
      ['rtp-profile-mismatch'],
    );
    assert.deepEqual(guessSdpCauses(sdp([], 'RTP/SAVP'), sdp([], 'RTP/SAVP')), []);
  });
});
