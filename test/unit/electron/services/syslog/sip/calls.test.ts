import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupCalls, type LoggedSip } from '../../../../../../electron/services/syslog/sip/calls.ts';
import { readEngineLink } from '../../../../../../electron/services/syslog/sip/engine-context.ts';
import { extractSip } from '../../../../../../electron/services/syslog/sip/extract.ts';
import { loadCorpus } from './corpus.ts';
import { dialog, type DialogSpec, logged } from './sip-log.ts';

const PBX = { dir: 'in' as const, peer: 'udp:192.0.2.10:5060' };
const TRUNK = { dir: 'out' as const, peer: 'udp:198.51.100.1:5060' };

function legs(
  callIdA: string,
  callIdB: string,
  from = '+4930123456',
  to = '+4940987654',
): [DialogSpec, DialogSpec] {
  return [
    { callId: callIdA, from, to, hop: PBX },
    { callId: callIdB, from, to: to.replace(/^\+49/, '0'), hop: TRUNK },
  ];
}

function corpusMessages(vendor: string, times: Record<string, number>): LoggedSip[] {
  return loadCorpus()
    .filter((s) => s.vendor === vendor)
    .map((s, i) => ({
      id: `${vendor}/${s.name}`,
      time: times[s.name] ?? i,
      host: vendor,
      sip: extractSip(s.text)!,
    }));
}

describe('call grouping', () => {
  it('groups by Call-ID and tells the call state, final code and duration', () => {
    const [a] = legs('call-1', 'unused');
    const { calls } = groupCalls(dialog(1000, a, { answerAfter: 3000, talkMs: 65_000 }));
    assert.equal(calls.length, 1);
    const call = calls[0]!;
    assert.equal(call.kind, 'call');
    assert.equal(call.state, 'ended');
    assert.equal(call.finalStatus, 200);
    assert.equal(call.durationMs, 65_000);
    assert.equal(call.callerNumber, '+4930123456');
    assert.equal(call.calleeNumber, '+4940987654');
    assert.equal(call.startTime, 1000);
  });

  it('reports ringing, answered and failed calls', () => {
    const ringing = dialog(0, legs('r', 'x')[0], {});
    const answered = dialog(0, legs('a', 'x')[0], { answerAfter: 2000 });
    const failed = dialog(0, legs('f', 'x')[0], { failWith: [486, 'Busy Here'] });
    const states = groupCalls([...ringing, ...answered, ...failed]).calls.map((c) => [
      c.id,
      c.state,
      c.finalStatus,
    ]);
    assert.deepEqual(states.sort(), [
      ['a', 'answered', 200],
      ['f', 'failed', 486],
      ['r', 'ringing', undefined],
    ]);
    const busy = groupCalls(failed).calls[0]!;
    assert.equal(busy.finalReason, 'Busy Here');
  });

  it("links the engine's legs through CALL_START's linkedCallId", () => {
    const [a, b] = legs('a-leg@pbx', 'b-leg@sbc1', '+4930123456', '+4940987654');
    // Different numbers on the b leg: header correlation alone would not link these.
    b.to = '+4989111111';
    const callStart =
      '<134>1 2026-06-30T18:30:00.010+02:00 sbc1 sbc-engine 2817 CALL_START [meta sequenceId="4713"][sbc@32473 callId="b-leg@sbc1" leg="b" dir="out" peer="tls:[2001:db8::20]:5061" connection="Teams" from="+4930123456" to="+4989111111" linkedCallId="a-leg@pbx"]';
    const link = readEngineLink(callStart);
    assert.deepEqual(link, { callId: 'b-leg@sbc1', linkedCallId: 'a-leg@pbx' });
    const messages = [...dialog(0, a, { answerAfter: 3000 }), ...dialog(20, b, { answerAfter: 2990 })];
    const unlinked = groupCalls(messages);
    assert.equal(unlinked.calls.length, 2);
    const { calls } = groupCalls(messages, { links: [link!] });
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.linkedBy, 'engine');
    assert.deepEqual(
      calls[0]!.legs.map((l) => l.callId),
      ['a-leg@pbx', 'b-leg@sbc1'],
    );
  });

  it('links AudioCodes legs by their shared SID and keeps OPTIONS apart', () => {
    const messages = corpusMessages('audiocodes', {
      'options-ok': 0,
      'invite-in-teams': 100,
      'invite-out-pbx': 130,
      'ok-in-older-firmware': 4000,
    });
    const { calls } = groupCalls(messages);
    const call = calls.find((c) => c.kind === 'call')!;
    assert.equal(call.linkedBy, 'session-id');
    assert.deepEqual(
      call.legs.map((l) => l.connection),
      ['Teams', 'PBX'],
    );
    assert.equal(call.callerNumber, '+4940555123');
    const options = calls.filter((c) => c.kind === 'options');
    assert.equal(options.length, 1);
    assert.equal(options[0]!.state, 'ok');
  });

  it('links Ribbon ingress and egress legs by GCID, and CUBE messages by GUID', () => {
    const ribbon = groupCalls(corpusMessages('ribbon', {})).calls;
    assert.equal(ribbon.length, 1);
    assert.equal(ribbon[0]!.legs.length, 2);
    assert.equal(ribbon[0]!.legs[0]!.direction, 'in');
    const register = groupCalls(corpusMessages('officemaster', {})).calls.find((c) => c.kind === 'register')!;
    assert.equal(register.state, 'failed');
    assert.equal(register.finalStatus, 401);
  });

  it('links two legs by numbers and timing when nothing else says so', () => {
    const [a, b] = legs('in-1', 'out-1');
    const { calls } = groupCalls([
      ...dialog(0, a, { answerAfter: 3000 }),
      ...dialog(15, b, { answerAfter: 2980 }),
    ]);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.linkedBy, 'headers');
    assert.equal(calls[0]!.legs[0]!.callId, 'in-1');
  });

  it('does not merge two unrelated calls between the same numbers a second apart', () => {
    const [a1, b1] = legs('in-1', 'out-1');
    const [a2, b2] = legs('in-2', 'out-2');
    const messages = [
      ...dialog(0, a1, { answerAfter: 3000, talkMs: 10_000 }),
      ...dialog(20, b1, { answerAfter: 2970, talkMs: 10_000 }),
      ...dialog(1000, a2, { failWith: [486, 'Busy Here'] }),
      ...dialog(1020, b2, { failWith: [486, 'Busy Here'] }),
    ];
    const { calls } = groupCalls(messages);
    assert.equal(calls.length, 2);
    assert.deepEqual(
      calls.map((c) => c.legs.map((l) => l.callId)),
      [
        ['in-1', 'out-1'],
        ['in-2', 'out-2'],
      ],
    );
    assert.deepEqual(
      calls.map((c) => c.state),
      ['ended', 'failed'],
    );
  });

  it('leaves legs unlinked when the pairing is ambiguous or contradicts the answer order', () => {
    // One inbound call hunting over two outbound legs: which one carried it is not for us to guess.
    const [a, b1] = legs('in-h', 'out-h1');
    const b2 = { ...b1, callId: 'out-h2' };
    const hunting = groupCalls([
      ...dialog(0, a, { answerAfter: 5000 }),
      ...dialog(10, b1, { failWith: [480, 'Temporarily Unavailable'] }),
      ...dialog(1200, b2, { answerAfter: 3700 }),
    ]);
    assert.equal(hunting.calls.length, 3);
    // The outbound leg answered after the inbound one: not a relayed answer.
    const [c, d] = legs('in-o', 'out-o');
    const late = groupCalls([
      ...dialog(0, c, { answerAfter: 1000 }),
      ...dialog(10, d, { answerAfter: 4000 }),
    ]);
    assert.equal(late.calls.length, 2);
    // Different numbers.
    const [e] = legs('in-n', 'x');
    const [, f] = legs('y', 'out-n', '+4930123456', '+4940111222');
    assert.equal(groupCalls([...dialog(0, e, {}), ...dialog(10, f, {})]).calls.length, 2);
  });

  it('keeps messages without a Call-ID aside', () => {
    const noCallId = logged(0, PBX, ['OPTIONS sip:sbc1 SIP/2.0', 'CSeq: 1 OPTIONS']);
    const result = groupCalls([noCallId]);
    assert.equal(result.calls.length, 0);
    assert.equal(result.unassigned.length, 1);
  });
});
