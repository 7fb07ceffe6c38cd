// The B2BUA's call handling on a fake network and a fake clock: a call from the PBX to Teams (a
// failover group of three), the relayed responses, the end-to-end ACK, failover decisions and the
// failover timer, CANCEL and BYE, re-INVITE, the 488 for media that would need interworking, call
// limits, refusals and SIP traces.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { B2bua } from '../../../../sbc-engine/b2bua/b2bua.ts';
import { FakeCallNetwork, type FakeDial } from '../../../../sbc-engine/b2bua/fake-call-network.ts';
import { parseConfig, type Config } from '../../../../sbc-engine/config/schema/index.ts';
import { CONFIG_SCHEMA_VERSION } from '../../../../sbc-engine/config/versions.ts';
import { getHeader, getHeaderValues } from '../../../../sbc-engine/sip/headers.ts';
import type { SipRequest, SipResponse } from '../../../../sbc-engine/sip/message.ts';
import { parseMessage } from '../../../../sbc-engine/sip/parser.ts';
import { createResponse } from '../../../../sbc-engine/sip/response.ts';
import { FakeTimerHost } from '../../../../sbc-engine/sip/transaction/clock.ts';
import type { SyslogEvent } from '../../../../sbc-engine/syslog/events.ts';
import type { Flow } from '../../../../sbc-engine/transport/flow.ts';

const SDP_RTP = ['v=0', 'o=- 1 1 IN IP4 10.0.0.5', 's=-', 'c=IN IP4 10.0.0.5', 't=0 0', 'm=audio 4000 RTP/AVP 0 8 18 101', 'a=rtpmap:101 telephone-event/8000', 'a=candidate:1 1 UDP 1 10.0.0.5 4000 typ host', 'a=rtcp-mux', ''].join('\r\n'); // prettier-ignore

function message(lines: string[], body = ''): SipRequest {
  const text = `${lines.join('\r\n')}\r\n${body ? `Content-Type: application/sdp\r\n` : ''}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const parsed = parseMessage(Buffer.from(text));
  assert.ok(parsed.ok && parsed.message.type === 'request', JSON.stringify(!parsed.ok && parsed.error));
  return parsed.message as SipRequest;
}

function invite(callId = 'inside-1@10.0.0.5', called = '+4940123', body = SDP_RTP): SipRequest {
  return message(
    [
      `INVITE sip:${called}@sbc.example.com SIP/2.0`,
      'Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKa1',
      'Max-Forwards: 70',
      'From: "Alice" <sip:+4930123456@10.0.0.5>;tag=a1',
      `To: <sip:${called}@sbc.example.com>`,
      `Call-ID: ${callId}`,
      'CSeq: 10 INVITE',
      'Contact: <sip:alice@10.0.0.5:5060>',
      'Record-Route: <sip:10.0.0.1;lr>',
      'Supported: 100rel, replaces',
      'Diversion: <sip:+4930999@10.0.0.5>;reason=user-busy;counter=1',
    ],
    body,
  );
}

/** A request from the caller inside the dialog the B2BUA made with it. */
function fromCaller(
  method: string,
  seq: number,
  ourTag: string,
  extra: string[] = [],
  body = '',
): SipRequest {
  return message(
    [
      `${method} sip:+4940123@10.0.0.1:5060 SIP/2.0`,
      `Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK${method}${seq}`,
      'Max-Forwards: 70',
      'From: "Alice" <sip:+4930123456@10.0.0.5>;tag=a1',
      `To: <sip:+4940123@sbc.example.com>;tag=${ourTag}`,
      'Call-ID: inside-1@10.0.0.5',
      `CSeq: ${seq} ${method}`,
      ...extra,
    ],
    body,
  );
}

class FakeServer {
  readonly request: SipRequest;
  readonly responses: SipResponse[] = [];
  constructor(request: SipRequest) {
    this.request = request;
  }
  sendResponse(response: SipResponse): void {
    const last = this.responses.at(-1);
    if (last && last.status >= 200 && this.request.method === 'INVITE')
      throw new Error('the transaction already has its final response');
    this.responses.push(response);
  }
  get statuses(): number[] {
    return this.responses.map((r) => r.status);
  }
}

const flowA: Flow = {
  transport: 'udp',
  remote: { address: '10.0.0.5', port: 5060 },
  local: { address: '10.0.0.1', port: 5060 },
  send: () => {},
};

function config(overrides: { connections?: object[]; routes?: object[] } = {}): Config {
  const teams = (n: number) => ({
    id: `teams${n}`,
    name: `Teams ${n}`,
    targets: [{ host: `sip${n === 1 ? '' : n}.pstnhub.microsoft.com`, port: 5061, transport: 'tls' }],
    headers: { fqdnInContact: true, fqdnInFrom: true, identity: 'p-asserted-identity', callHistory: 'diversion-to-history-info', xMsSbc: true }, // prettier-ignore
    sdp: { stripIce: true, stripRtcpMux: true },
    numberBlock: { first: '+4930123400', last: '+4930123499' },
    tlsProfile: 'default',
  });
  const parsed = parseConfig({
    schemaVersion: CONFIG_SCHEMA_VERSION,
    system: { fqdn: 'sbc.example.com' },
    voip: {
      listeners: [
        { transport: 'udp', address: '0.0.0.0', port: 5060 },
        { transport: 'tls', address: '0.0.0.0', port: 5061, tlsProfile: 'default' },
      ],
    },
    connections: overrides.connections ?? [
      { id: 'pbx', name: 'PBX', targets: [{ host: '10.0.0.5', transport: 'udp' }], maxConcurrentCalls: 1 },
      teams(1),
      teams(2),
      teams(3),
    ],
    failoverGroups: overrides.connections
      ? []
      : [{ id: 'teams', name: 'Teams', members: ['teams1', 'teams2', 'teams3'] }],
    routes: overrides.routes ?? [
      {
        id: 'to-teams',
        sourceConnections: ['pbx'],
        called: { match: '\\+49\\d+' },
        target: { failoverGroup: 'teams' },
      },
    ],
  });
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  return parsed.config;
}

describe('B2BUA calls', () => {
  let timers: FakeTimerHost;
  let network: FakeCallNetwork;
  let b2bua: B2bua;
  let events: SyslogEvent[];
  let tokens: number;

  const setup = (cfg: Config = config()) => {
    timers = new FakeTimerHost(1_000_000);
    network = new FakeCallNetwork();
    events = [];
    tokens = 0;
    b2bua = new B2bua({
      network,
      timers,
      newToken: () => `t${++tokens}`,
      matchSource: (address) => (address.startsWith('10.') ? 'pbx' : undefined),
      log: () => {},
      syslog: (event) => events.push(event),
      rate: { perSecond: 1, burst: 3, maxSources: 10 },
    });
    b2bua.apply(cfg);
  };
  beforeEach(() => setup());

  const call = (request = invite()) => {
    const server = new FakeServer(request);
    assert.equal(b2bua.receiveRequest(request, server, flowA), true);
    return server;
  };
  const answer = (dial: FakeDial, status: number, reason: string, toTag = 'b1', body?: string) =>
    dial.events.response(
      createResponse(dial.invite, status, reason, {
        toTag,
        headers: [{ name: 'Contact', value: '<sip:callee@203.0.113.9:5061;transport=tls>' }],
        ...(body ? { body: Buffer.from(body), contentType: 'application/sdp' } : {}),
      }),
    );
  const ourTag = (server: FakeServer) =>
    /tag=([^;>\s]+)/.exec(getHeader(server.responses.at(-1)!, 'To')!)![1]!;

  it('sends the INVITE to the first Teams proxy as a new dialog, with the header and SDP rules of Teams', () => {
    call();
    assert.equal(network.dials.length, 1);
    const out = network.dials[0]!.invite;
    assert.equal(out.uri, 'sip:+4940123@sip.pstnhub.microsoft.com:5061;transport=tls');
    assert.notEqual(getHeader(out, 'Call-ID'), 'inside-1@10.0.0.5');
    assert.doesNotMatch(getHeader(out, 'Call-ID')!, /10\.0\.0/);
    assert.equal(getHeader(out, 'Record-Route'), undefined);
    assert.equal(getHeader(out, 'Contact'), '<sip:+4930123456@sbc.example.com:5061;transport=tls>');
    assert.match(getHeader(out, 'From')!, /^"Alice" <sip:\+4930123456@sbc\.example\.com>;tag=/);
    assert.equal(getHeader(out, 'P-Asserted-Identity'), '<sip:+4930123456@sbc.example.com;user=phone>');
    assert.equal(getHeader(out, 'X-MS-SBC'), 'SBC Studio/sbc-engine/0.1.0');
    assert.equal(getHeader(out, 'Supported'), '100rel');
    assert.equal(getHeader(out, 'Diversion'), undefined);
    assert.deepEqual(getHeaderValues(out, 'History-Info'), [
      '<sip:+4930999@10.0.0.5>;index=1',
      '<sip:+4940123@sip.pstnhub.microsoft.com:5061;transport=tls?Reason=SIP%3Bcause%3D486>;index=1.1',
    ]);
    const sdp = Buffer.from(out.body).toString();
    assert.doesNotMatch(sdp, /a=candidate|a=rtcp-mux/);
    assert.match(sdp, /m=audio 4000 RTP\/AVP 8 0 101\r\n/, 'allow list order PCMA, PCMU; G.729 removed');
  });

  it('relays 180 and 200 with one tag and our Contact; the caller ACK releases the b leg ACK', () => {
    const a = call();
    const dial = network.dials[0]!;
    answer(dial, 180, 'Ringing');
    answer(dial, 200, 'OK', 'b1', SDP_RTP);
    assert.deepEqual(a.statuses, [180, 200]);
    const [ringing, ok] = a.responses as [SipResponse, SipResponse];
    assert.equal(getHeader(ringing, 'To'), getHeader(ok, 'To'));
    assert.equal(getHeader(ok, 'Contact'), '<sip:+4940123@10.0.0.1:5060>');
    assert.equal(getHeader(ok, 'Call-ID'), 'inside-1@10.0.0.5');
    assert.doesNotMatch(
      JSON.stringify(ok.headers),
      /203\.0\.113\.9|pstnhub/,
      'the caller never sees the b side',
    );
    assert.equal(b2bua.list()[0]!.state, 'answered');
    assert.equal(network.sent.length, 0, 'no ACK before the caller ACKs');
    b2bua.receiveAck(fromCaller('ACK', 10, ourTag(a)));
    const ack = network.sent.at(-1)!.message as SipRequest;
    assert.equal(ack.method, 'ACK');
    assert.equal(getHeader(ack, 'CSeq'), '1 ACK');
    assert.equal(getHeader(ack, 'Call-ID'), getHeader(dial.invite, 'Call-ID'));
    assert.equal(ack.uri, 'sip:callee@203.0.113.9:5061;transport=tls');
    assert.equal(b2bua.list()[0]!.state, 'confirmed');
    assert.deepEqual(
      events.map((e) => e.msgId),
      ['CALL_START', 'CALL_START', 'CALL_ANSWER'],
    );
    assert.equal(events[1]!.params!.linkedCallId, 'inside-1@10.0.0.5');
  });

  it('repeats the 2xx to a UDP caller until the ACK, and ends the call after 64*T1 without one', () => {
    const a = call();
    answer(network.dials[0]!, 200, 'OK');
    timers.advance(500);
    timers.advance(1000);
    const repeats = network.sent.filter((s) => s.message.type === 'response');
    assert.equal(repeats.length, 2);
    timers.advance(32_000);
    assert.equal(
      network.sent.filter((s) => s.message.type === 'request' && s.message.method === 'ACK').length,
      1,
    );
    assert.equal(network.requestsOf('BYE').length, 2, 'both legs get a BYE');
    assert.deepEqual(b2bua.list(), []);
    assert.equal(events.at(-1)!.params!.cause, 'timeout');
    void a;
  });

  for (const [status, next] of [
    [503, true],
    [408, true],
    [504, true],
    [486, false],
    [404, false],
  ] as const) {
    it(`${next ? 'fails over' : 'does not fail over'} on ${status}`, () => {
      const a = call();
      network.dials[0]!.events.response(createResponse(network.dials[0]!.invite, 100, 'Trying'));
      answer(network.dials[0]!, status, 'Some Reason');
      assert.equal(network.dials.length, next ? 2 : 1);
      if (next) assert.equal(network.dials[1]!.attempt.connection.id, 'teams2');
      else assert.deepEqual(a.statuses, [status]);
    });
  }

  it('gives the caller the last failure once every member failed', () => {
    const a = call();
    answer(network.dials[0]!, 503, 'Service Unavailable');
    network.dials[1]!.events.failed('nothing listens on tls:sip2.pstnhub.microsoft.com:5061');
    answer(network.dials[2]!, 503, 'Service Unavailable');
    assert.equal(network.dials.length, 3);
    assert.deepEqual(a.statuses, [503]);
    const counters = b2bua.countersView();
    assert.deepEqual(counters.find((c) => c.id === 'teams2')!.outbound.failures, { transport: 1 });
    assert.equal(counters.find((c) => c.id === 'pbx')!.inbound.failures['503'], 1);
  });

  it('never fails over after a provisional other than 100', () => {
    const a = call();
    answer(network.dials[0]!, 183, 'Session Progress');
    timers.advance(60_000);
    answer(network.dials[0]!, 503, 'Service Unavailable');
    assert.equal(network.dials.length, 1);
    assert.deepEqual(a.statuses, [183, 503]);
  });

  it('CANCELs an attempt silent after 100 when the failover time passes, and tries the next', () => {
    call();
    const first = network.dials[0]!;
    first.events.response(createResponse(first.invite, 100, 'Trying'));
    timers.advance(9_999);
    assert.equal(network.dials.length, 1);
    timers.advance(1);
    const [cancel] = network.requestsOf('CANCEL');
    assert.ok(cancel, 'a CANCEL');
    assert.equal(getHeaderValues(cancel.request, 'Via')[0], getHeaderValues(first.invite, 'Via')[0]);
    assert.equal(getHeader(cancel.request, 'CSeq'), '1 CANCEL');
    assert.equal(network.dials.length, 2);
    // A 200 that crosses the CANCEL is acknowledged and ended at once.
    answer(first, 200, 'OK');
    const ack = network.sent.find((s) => s.message.type === 'request' && s.message.method === 'ACK');
    assert.equal(getHeader(ack!.message, 'Call-ID'), getHeader(first.invite, 'Call-ID'));
    assert.equal(network.requestsOf('BYE').length, 1);
  });

  it('sends no CANCEL before any provisional, but one as soon as a late provisional comes', () => {
    call();
    const first = network.dials[0]!;
    timers.advance(10_000);
    assert.equal(network.requestsOf('CANCEL').length, 0, 'RFC 3261 §9.1: no CANCEL before a provisional');
    assert.equal(network.dials.length, 2);
    answer(first, 180, 'Ringing');
    assert.equal(network.requestsOf('CANCEL').length, 1);
  });

  it('answers the caller CANCEL with 200, the INVITE with 487, and CANCELs the b leg', () => {
    const a = call();
    answer(network.dials[0]!, 180, 'Ringing');
    const cancelRequest = message([
      'CANCEL sip:+4940123@sbc.example.com SIP/2.0',
      'Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKa1',
      'Max-Forwards: 70',
      'From: "Alice" <sip:+4930123456@10.0.0.5>;tag=a1',
      'To: <sip:+4940123@sbc.example.com>',
      'Call-ID: inside-1@10.0.0.5',
      'CSeq: 10 CANCEL',
    ]);
    const cancel = new FakeServer(cancelRequest);
    b2bua.receiveRequest(cancelRequest, cancel, flowA);
    assert.deepEqual(cancel.statuses, [200]);
    assert.deepEqual(a.statuses, [180, 487]);
    assert.equal(network.requestsOf('CANCEL').length, 1);
    assert.equal(events.at(-1)!.params!.cause, 'cancel');
    assert.equal(b2bua.activeCalls('pbx'), 0);
  });

  it('a BYE from the callee is answered and sent on to the caller in its own dialog', () => {
    const a = call();
    const dial = network.dials[0]!;
    answer(dial, 200, 'OK');
    b2bua.receiveAck(fromCaller('ACK', 10, ourTag(a)));
    const fromTag = /tag=([^;>\s]+)/.exec(getHeader(dial.invite, 'From')!)![1]!;
    const bye = message([
      `BYE sip:+4930123456@sbc.example.com:5061;transport=tls SIP/2.0`,
      'Via: SIP/2.0/TLS 203.0.113.9:5061;branch=z9hG4bKbye1',
      'Max-Forwards: 70',
      `From: <sip:+4940123@sip.pstnhub.microsoft.com>;tag=b1`,
      `To: <sip:+4930123456@sbc.example.com>;tag=${fromTag}`,
      `Call-ID: ${getHeader(dial.invite, 'Call-ID')}`,
      'CSeq: 5 BYE',
      'Reason: Q.850;cause=16',
    ]);
    const server = new FakeServer(bye);
    b2bua.receiveRequest(bye, server, flowA);
    assert.deepEqual(server.statuses, [200]);
    const [out] = network.requestsOf('BYE');
    assert.equal(getHeader(out!.request, 'Call-ID'), 'inside-1@10.0.0.5');
    assert.equal(out!.request.uri, 'sip:alice@10.0.0.5:5060');
    assert.equal(getHeader(out!.request, 'Reason'), 'Q.850;cause=16');
    assert.match(getHeader(out!.request, 'To')!, /tag=a1$/);
    assert.equal(out!.hop.flow, flowA, 'toward the caller on the flow its INVITE came on');
    assert.deepEqual(b2bua.list(), []);
    assert.equal(events.at(-1)!.params!.cause, 'bye-b');
  });

  it('relays a re-INVITE and its 200, and the ACK that follows', () => {
    const a = call();
    answer(network.dials[0]!, 200, 'OK');
    const tag = ourTag(a);
    b2bua.receiveAck(fromCaller('ACK', 10, tag));
    const reinvite = fromCaller('INVITE', 11, tag, ['Contact: <sip:alice@10.0.0.5:5060>'], SDP_RTP.replace('a=rtcp-mux', 'a=sendonly')); // prettier-ignore
    const server = new FakeServer(reinvite);
    b2bua.receiveRequest(reinvite, server, flowA);
    const [relayed] = network.requestsOf('INVITE');
    assert.equal(getHeader(relayed!.request, 'CSeq'), '2 INVITE');
    assert.match(Buffer.from(relayed!.request.body).toString(), /a=sendonly/);
    // A second offer while this one is pending gets 491 (RFC 3261 §14.2).
    const glare = new FakeServer(fromCaller('INVITE', 12, tag, ['Contact: <sip:alice@10.0.0.5:5060>']));
    b2bua.receiveRequest(glare.request, glare, flowA);
    assert.deepEqual(glare.statuses, [491]);
    relayed!.callbacks.passToUser(
      createResponse(relayed!.request, 200, 'OK', {
        headers: [{ name: 'Contact', value: '<sip:callee@203.0.113.9:5061;transport=tls>' }],
      }),
    );
    assert.deepEqual(server.statuses, [200]);
    assert.equal(getHeader(server.responses[0]!, 'Contact'), '<sip:+4940123@10.0.0.1:5060>');
    b2bua.receiveAck(fromCaller('ACK', 11, tag));
    const ack = network.sent.filter((s) => s.message.type === 'request').at(-1)!.message;
    assert.equal(getHeader(ack, 'CSeq'), '2 ACK');
  });

  it('refuses with 488 and a Warning a call whose RTP offer would go to an SRTP-only connection', () => {
    setup(
      config({
        connections: [
          { id: 'pbx', name: 'PBX', targets: [{ host: '10.0.0.5', transport: 'udp' }], mediaPolicy: 'relay' },
          { id: 'um', name: 'Exchange UM', targets: [{ host: 'um.example.com', port: 5061, transport: 'tls' }], mediaPolicy: 'srtp-required', tlsProfile: 'default' }, // prettier-ignore
        ],
        routes: [{ id: 'um', called: { match: '.*' }, target: { connection: 'um' } }],
      }),
    );
    const a = call();
    assert.equal(network.dials.length, 0);
    assert.deepEqual(a.statuses, [488]);
    assert.match(
      getHeader(a.responses[0]!, 'Warning')!,
      /^399 sbc\.example\.com ".*requires SRTP.*media relay/,
    );
  });

  it('refuses a call beyond maxConcurrentCalls with 503 and counts calls per connection', () => {
    call();
    assert.equal(b2bua.activeCalls('pbx'), 1);
    assert.equal(b2bua.activeCalls('teams1'), 1);
    const second = call(invite('inside-2@10.0.0.5'));
    assert.deepEqual(second.statuses, [503]);
    assert.match(getHeader(second.responses[0]!, 'Warning')!, /limit of 1 calls/);
    answer(network.dials[0]!, 503, 'Service Unavailable');
    assert.equal(b2bua.activeCalls('teams1'), 0, 'a failed attempt frees its connection');
    assert.equal(b2bua.activeCalls('teams2'), 1);
  });

  it('refuses sources outside every connection (403), unrouted numbers (404) and floods (503)', () => {
    const stranger = new FakeServer(invite());
    b2bua.receiveRequest(stranger.request, stranger, {
      ...flowA,
      remote: { address: '198.51.100.7', port: 5060 },
    });
    assert.deepEqual(stranger.statuses, [403]);
    const unrouted = call(invite('inside-3@10.0.0.5', '110'));
    assert.deepEqual(unrouted.statuses, [404]);
    assert.match(getHeader(unrouted.responses[0]!, 'Warning')!, /no route matched/);
    // One new call a second per source, bursts of 3 in this setup; the call limit of the PBX is 1.
    call(invite('inside-4@10.0.0.5'));
    const limited = call(invite('inside-5@10.0.0.5'));
    assert.match(getHeader(limited.responses[0]!, 'Warning')!, /at its limit of 1 calls/);
    const flood = call(invite('inside-6@10.0.0.5'));
    assert.deepEqual(flood.statuses, [503]);
    assert.match(getHeader(flood.responses[0]!, 'Warning')!, /too many new calls from 10\.0\.0\.5/);
    timers.advance(1000);
    const again = call(invite('inside-7@10.0.0.5'));
    assert.match(getHeader(again.responses[0]!, 'Warning')!, /at its limit/, 'a new token after a second');
  });

  it('answers 481 to requests of dialogs it does not know and to CANCELs without an INVITE', () => {
    const bye = fromCaller('BYE', 11, 'nobody');
    const server = new FakeServer(bye);
    assert.equal(b2bua.receiveRequest(bye, server, flowA), true);
    assert.deepEqual(server.statuses, [481]);
  });

  it('traces every SIP message of a call with its leg, and the a leg Call-ID on the b leg', () => {
    setup(config());
    b2bua.apply({ ...config(), logging: { ...config().logging, sipTrace: true } });
    const request = invite();
    b2bua.observe('in', request, flowA);
    call(request);
    const out = network.dials[0]!.invite;
    b2bua.observe('out', out, { ...flowA, transport: 'tls', remote: { address: '52.112.0.1', port: 5061 } });
    const traces = events.filter((e) => e.msgId === 'SIP_TRACE');
    assert.equal(traces.length, 2);
    assert.deepEqual(traces[0]!.call, {
      callId: 'inside-1@10.0.0.5',
      leg: 'a',
      dir: 'in',
      peer: 'udp:10.0.0.5:5060',
    });
    assert.equal(traces[1]!.call!.leg, 'b');
    assert.equal(traces[1]!.call!.peer, 'tls:52.112.0.1:5061');
    assert.equal(traces[1]!.params!.linkedCallId, 'inside-1@10.0.0.5');
    assert.equal(traces[1]!.params!.method, 'INVITE');
    assert.match(
      traces[1]!.msg!,
      /^INVITE sip:\+4940123@sip\.pstnhub\.microsoft\.com:5061;transport=tls SIP\/2\.0\r\n/,
    );
  });
});
