// Who gets which answer to an OPTIONS: a connection's networks (allowedSources, else its targets'
// addresses), 503 at the call limit, 403 or silence for everyone else, 200 while no connection exists.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideResponse } from '../../../../sbc-engine/b2bua/stateless-responder.ts';
import { answerOptions } from '../../../../sbc-engine/connections/options-responder.ts';
import { SourceMatcher } from '../../../../sbc-engine/connections/source-match.ts';
import { getHeader } from '../../../../sbc-engine/sip/headers.ts';
import type { SipRequest, SipResponse } from '../../../../sbc-engine/sip/message.ts';
import { parseMessage } from '../../../../sbc-engine/sip/parser.ts';
import { OPTIONS } from '../../../helpers/sip-messages.ts';

const matcher = new SourceMatcher([
  { connectionId: 'teams', allowedSources: ['52.112.0.0/14', '52.120.0.0/14'], targetAddresses: ['9.9.9.9'] },
  { connectionId: 'pbx', allowedSources: [], targetAddresses: ['192.0.2.10', '2001:db8::5'] },
  { connectionId: 'lab', allowedSources: ['10.0.0.0/8', '2001:db8:1::/48'], targetAddresses: [] },
]);

describe('source match', () => {
  for (const [source, expected] of [
    ['52.112.0.1', 'teams'],
    ['52.115.255.255', 'teams'],
    ['52.116.0.0', undefined],
    ['52.121.7.7', 'teams'],
    ['9.9.9.9', undefined], // with allowedSources, the targets' addresses no longer count
    ['192.0.2.10', 'pbx'],
    ['::ffff:192.0.2.10', 'pbx'],
    ['192.0.2.11', undefined],
    ['2001:db8::5', 'pbx'],
    ['[2001:db8::5]', 'pbx'],
    ['10.200.1.1', 'lab'],
    ['2001:db8:1:ffff::1', 'lab'],
    ['2001:db8:2::1', undefined],
    ['not-an-address', undefined],
  ] as const) {
    it(`${source} → ${expected ?? 'no connection'}`, () => assert.equal(matcher.match(source), expected));
  }
});

function base() {
  const parsed = parseMessage(OPTIONS);
  assert.ok(parsed.ok);
  return decideResponse(parsed.message as SipRequest, { newTag: () => 'tag1', server: 'test' });
}

function response(decision: ReturnType<typeof base>): SipResponse {
  assert.equal(decision.action, 'reply');
  return (decision as { response: SipResponse }).response;
}

describe('OPTIONS answer per connection', () => {
  const facts = { atCallLimit: false, anyConnection: true, unknownSource: 'refuse' as const };

  it('answers a connection peer 200 with Allow, Accept and Supported', () => {
    const answer = answerOptions(base(), { ...facts, connectionId: 'pbx' });
    assert.equal(answer.outcome, 'answered');
    const r = response(answer.decision);
    assert.equal(r.status, 200);
    for (const name of ['Allow', 'Accept', 'Supported']) assert.notEqual(getHeader(r, name), undefined, name);
  });

  it('answers 503 with Retry-After and its capabilities while the connection is at its call limit', () => {
    const answer = answerOptions(base(), { ...facts, connectionId: 'pbx', atCallLimit: true });
    assert.equal(answer.outcome, 'busy');
    const r = response(answer.decision);
    assert.equal(r.status, 503);
    assert.equal(getHeader(r, 'Retry-After'), '60');
    assert.notEqual(getHeader(r, 'Allow'), undefined);
  });

  it('refuses a stranger with 403 that tells nothing of the capabilities', () => {
    const answer = answerOptions(base(), { ...facts, connectionId: undefined });
    assert.equal(answer.outcome, 'refused');
    const r = response(answer.decision);
    assert.equal(r.status, 403);
    assert.equal(getHeader(r, 'Allow'), undefined);
    assert.equal(getHeader(r, 'Supported'), undefined);
    assert.match(getHeader(r, 'To')!, /;tag=tag1/);
  });

  it('drops a stranger when so configured', () => {
    const answer = answerOptions(base(), { ...facts, connectionId: undefined, unknownSource: 'drop' });
    assert.equal(answer.outcome, 'dropped');
    assert.equal(answer.decision.action, 'drop');
  });

  it('answers everyone 200 while the engine has no connection at all', () => {
    const answer = answerOptions(base(), { ...facts, connectionId: undefined, anyConnection: false });
    assert.equal(response(answer.decision).status, 200);
  });
});
