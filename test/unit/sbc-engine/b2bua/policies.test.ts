// The B2BUA's pure rules, one row per case: the number asserted toward a trunk, History-Info <->
// Diversion, the 488 decisions for media the engine cannot carry yet, the codec allow list, the
// order of failover attempts and when to move on, and the per-source rate limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planAttempts, shouldFailover, type AttemptEnd } from '../../../../sbc-engine/b2bua/failover.ts';
import {
  crossingHeaders,
  diversionToHistory,
  historyToDiversion,
  identityNumber,
  type HeaderFacts,
} from '../../../../sbc-engine/b2bua/header-rules.ts';
import { SourceRateLimiter } from '../../../../sbc-engine/b2bua/rate-limit.ts';
import { applyCodecList, checkOffer, type LegMedia } from '../../../../sbc-engine/b2bua/sdp-policy.ts';
import { parseConfig } from '../../../../sbc-engine/config/schema/index.ts';
import { CONFIG_SCHEMA_VERSION } from '../../../../sbc-engine/config/versions.ts';
import type { SipRequest } from '../../../../sbc-engine/sip/message.ts';
import { parseSdp, serializeSdp } from '../../../../sbc-engine/sip/sdp/index.ts';

const BLOCK = { first: '+4930123400', last: '+4930123499' };

describe('identity toward a trunk', () => {
  const rows: [string, string, typeof BLOCK | null, string][] = [
    ['in the block', '+4930123456', BLOCK, '+4930123456'],
    ['in the block, without +', '4930123456', BLOCK, '+4930123456'],
    ['outside the block: the first number', '+4940555000', BLOCK, '+4930123400'],
    ['longer than the block numbers', '+49301234567', BLOCK, '+4930123400'],
    ['no block: as it came', '0301234', null, '0301234'],
  ];
  for (const [name, calling, block, expected] of rows)
    it(name, () => assert.equal(identityNumber(calling, block), expected));
});

function request(headers: [string, string][]): SipRequest {
  return {
    type: 'request',
    method: 'INVITE',
    uri: 'sip:+4940123@sbc.example.com',
    version: 'SIP/2.0',
    headers: headers.map(([name, value]) => ({ name, value })),
    body: new Uint8Array(0),
  };
}

const facts = (rules: Partial<HeaderFacts['rules']>): HeaderFacts => ({
  rules: { fqdnInContact: false, fqdnInFrom: false, toHost: null, identity: 'as-received', privacy: 'as-received', callHistory: 'as-received', xMsSbc: false, ...rules }, // prettier-ignore
  fqdn: 'sbc.example.com',
  localHost: '192.0.2.1',
  xMsSbc: 'SBC Studio/sbc-engine/0.1.0',
  numberBlock: BLOCK,
  calling: '+4930123456',
  requestUri: 'sip:+4940123@sip.pstnhub.microsoft.com:5061;transport=tls',
});

describe('header rules', () => {
  const inbound = request([
    ['Via', 'SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK1'],
    ['Record-Route', '<sip:10.0.0.1;lr>'],
    ['Contact', '<sip:alice@10.0.0.5>'],
    ['Supported', 'replaces, 100rel, timer, norefersub'],
    ['Require', '100rel'],
    ['Privacy', 'id'],
    ['P-Asserted-Identity', '<sip:+4930999@10.0.0.5>'],
    ['Session-Expires', '1800;refresher=uac'],
  ]);
  const names = (headers: { name: string }[]) => headers.map((h) => h.name);

  it('passes only end-to-end fields: never Via, Record-Route or Contact', () => {
    const out = crossingHeaders(inbound, facts({}));
    assert.deepEqual(names(out), [
      'Supported',
      'Require',
      'Session-Expires',
      'P-Asserted-Identity',
      'Privacy',
    ]);
    assert.equal(out[0]!.value, '100rel, timer', 'replaces and unknown tags are not offered');
  });

  it('asserts the number from the block as P-Asserted-Identity or P-Preferred-Identity', () => {
    const pai = crossingHeaders(inbound, facts({ identity: 'p-asserted-identity' }));
    assert.deepEqual(
      pai.filter((h) => /Identity/.test(h.name)),
      [{ name: 'P-Asserted-Identity', value: '<sip:+4930123456@sbc.example.com;user=phone>' }],
    );
    const ppi = crossingHeaders(inbound, facts({ identity: 'p-preferred-identity' }));
    assert.deepEqual(names(ppi.filter((h) => /Identity/.test(h.name))), ['P-Preferred-Identity']);
    const none = crossingHeaders(inbound, facts({ identity: 'remove', privacy: 'remove' }));
    assert.equal(none.filter((h) => /Identity|Privacy/.test(h.name)).length, 0);
  });

  it('adds X-MS-SBC when the connection asks for it', () => {
    const out = crossingHeaders(inbound, facts({ xMsSbc: true }));
    assert.deepEqual(out.at(-1), { name: 'X-MS-SBC', value: 'SBC Studio/sbc-engine/0.1.0' });
  });

  it('turns History-Info into Diversion, most recent diversion first', () => {
    const out = historyToDiversion([
      '<sip:+4930100@pbx>;index=1',
      '<sip:+4930200@pbx?Reason=SIP%3Bcause%3D302>;index=1.1',
      '<sip:+4930300@pbx?Reason=SIP%3Bcause%3D486>;index=1.1.1',
    ]);
    assert.deepEqual(
      out.map((h) => h.value),
      ['<sip:+4930200@pbx>;reason=user-busy;counter=1', '<sip:+4930100@pbx>;reason=unconditional;counter=1'],
    );
  });

  it('turns Diversion into History-Info ending with the current target', () => {
    const out = diversionToHistory(['<sip:+4930100@pbx>;reason=no-answer;counter=1'], 'sip:+4940123@teams');
    assert.deepEqual(
      out.map((h) => h.value),
      ['<sip:+4930100@pbx>;index=1', '<sip:+4940123@teams?Reason=SIP%3Bcause%3D408>;index=1.1'],
    );
  });
});

function sdp(lines: string[]) {
  const parsed = parseSdp(['v=0', 'o=- 1 1 IN IP4 192.0.2.5', 's=-', 'c=IN IP4 192.0.2.5', 't=0 0', ...lines, ''].join('\r\n')); // prettier-ignore
  assert.ok(parsed.ok, !parsed.ok ? parsed.error : '');
  return parsed.value;
}

describe('media that needs the relay is refused (488)', () => {
  const leg = (policy: LegMedia['policy'], tls: boolean, name: string = policy): LegMedia => ({
    name,
    policy,
    tls,
  });
  const rtp = sdp(['m=audio 4000 RTP/AVP 8']);
  const srtp = sdp(['m=audio 4000 RTP/SAVP 8', 'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz']); // prettier-ignore
  const rows: [string, ReturnType<typeof sdp> | undefined, LegMedia, LegMedia, RegExp | null][] = [
    ['rtp to rtp', rtp, leg('rtp', false), leg('rtp', false), null],
    ['srtp-required to rtp', srtp, leg('srtp-required', true), leg('rtp', false), /interworking/],
    ['an RTP offer to srtp-required', rtp, leg('relay', false), leg('srtp-required', true), /requires SRTP/],
    ['an SRTP offer to an rtp connection', srtp, leg('relay', true), leg('rtp', true), /plain RTP only/],
    ['SDES keys from TLS to a non-TLS leg', srtp, leg('relay', true), leg('relay', false, 'PBX'), /"PBX" is not a TLS leg/],
    ['SDES keys from a non-TLS leg', srtp, leg('relay', false, 'PBX'), leg('relay', true), /"PBX" is not a TLS leg/],
    ['SDES keys between TLS legs', srtp, leg('srtp-required', true), leg('srtp-required', true), null],
    ['no offer, rtp and srtp-required', undefined, leg('rtp', false), leg('srtp-required', true), /interworking/],
    ['no offer, relay and srtp-required', undefined, leg('relay', false), leg('srtp-required', true), null],
  ]; // prettier-ignore
  for (const [name, offer, from, to, refusal] of rows) {
    it(name, () => {
      const verdict = checkOffer(offer, from, to);
      if (refusal === null) assert.deepEqual(verdict, { ok: true });
      else assert.ok(!verdict.ok && refusal.test(verdict.warning), JSON.stringify(verdict));
    });
  }
});

describe('codec allow list', () => {
  it('keeps allowed codecs in the list order, DTMF last, and drops the rest with their attributes', () => {
    const offer = sdp(['m=audio 4000 RTP/AVP 18 0 101 8 96', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-15', 'a=rtpmap:96 opus/48000/2', 'a=fmtp:96 useinbandfec=1']); // prettier-ignore
    const result = applyCodecList(offer, ['PCMA', 'PCMU']);
    assert.ok(result.ok);
    const text = serializeSdp(result.sdp);
    assert.match(text, /m=audio 4000 RTP\/AVP 8 0 101\r\n/);
    assert.doesNotMatch(text, /opus|useinbandfec/);
  });

  it('refuses an offer with no allowed codec, naming what was offered', () => {
    const result = applyCodecList(sdp(['m=audio 4000 RTP/AVP 18']), ['PCMA']);
    assert.ok(!result.ok && /allow list \(PCMA\) in G729/.test(result.warning));
  });
});

describe('failover', () => {
  const parsed = parseConfig({
    schemaVersion: CONFIG_SCHEMA_VERSION,
    connections: [
      { id: 'teams1', name: 'T1', targets: [{ host: '192.0.2.1', port: 5060, transport: 'udp' }] },
      { id: 'teams2', name: 'T2', targets: [{ host: '192.0.2.3', transport: 'udp', priority: 2 }, { host: '192.0.2.2', transport: 'udp', priority: 1 }] }, // prettier-ignore
    ],
    failoverGroups: [{ id: 'teams', name: 'Teams', members: ['teams2', 'teams1'] }],
  });
  assert.ok(parsed.ok);
  const connections = new Map(parsed.config.connections.map((c) => [c.id, c]));
  const groups = new Map(parsed.config.failoverGroups.map((g) => [g.id, g]));

  it('tries the group members in order, each connection by target priority', () => {
    const attempts = planAttempts({ failoverGroup: 'teams' }, connections, groups);
    assert.deepEqual(
      attempts.map((a) => `${a.connection.id}/${a.target.host}`),
      ['teams2/192.0.2.2', 'teams2/192.0.2.3', 'teams1/192.0.2.1'],
    );
  });

  const ends: [AttemptEnd, boolean, boolean][] = [
    [{ kind: 'final', status: 503 }, false, true],
    [{ kind: 'final', status: 408 }, false, true],
    [{ kind: 'final', status: 504 }, false, true],
    [{ kind: 'final', status: 500 }, false, false],
    [{ kind: 'final', status: 486 }, false, false],
    [{ kind: 'timeout' }, false, true],
    [{ kind: 'transport', reason: 'TLS handshake failed' }, false, true],
    [{ kind: 'no-answer' }, false, true],
    [{ kind: 'final', status: 503 }, true, false],
  ];
  for (const [end, committed, expected] of ends)
    it(`${JSON.stringify(end)}${committed ? ' after a 18x' : ''}: ${expected ? 'next' : 'stay'}`, () =>
      assert.equal(shouldFailover(end, committed), expected));
});

describe('per-source rate limit', () => {
  it('lets a burst through, refuses the rest, refills with time, and keeps other sources apart', () => {
    const limiter = new SourceRateLimiter({ perSecond: 2, burst: 2, maxSources: 2 });
    assert.deepEqual([limiter.take('a', 0), limiter.take('a', 0), limiter.take('a', 0)], [true, true, false]);
    assert.equal(limiter.take('b', 0), true, 'another source has its own bucket');
    assert.equal(limiter.take('a', 500), true, 'one token after half a second');
    limiter.take('c', 500);
    assert.equal(limiter.size, 2, 'bounded: the source seen longest ago is forgotten');
  });
});
