// The parts of RFC 3263 §4.1 that need no DNS: the target of a URI, transports, ports, SRV names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { naptrTransport, sortNaptrRecords } from '../../../../../sbc-engine/sip/locate/naptr.ts';
import {
  defaultPort,
  defaultTransport,
  describeTarget,
  ipFamily,
  normalizeName,
  srvName,
  targetFromUri,
  transportFromParam,
} from '../../../../../sbc-engine/sip/locate/target.ts';
import { isSipUri, parseUri } from '../../../../../sbc-engine/sip/uri.ts';
import { naptr } from './zone.ts';

function target(text: string) {
  const parsed = parseUri(text);
  assert.ok(parsed.ok && isSipUri(parsed.value), text);
  return targetFromUri(parsed.value);
}

describe('targetFromUri', () => {
  const rows: [string, object][] = [
    ['sip:alice@Example.COM', { host: 'example.com', secure: false }],
    ['sips:sbc.example.com:5071', { host: 'sbc.example.com', port: 5071, secure: true }],
    ['sip:sbc.example.com;transport=TCP', { host: 'sbc.example.com', transport: 'TCP', secure: false }],
    // RFC 3263 §4: maddr replaces the host.
    [
      'sip:u@sbc.example.com;maddr=192.0.2.9;transport=udp',
      { host: '192.0.2.9', transport: 'udp', secure: false },
    ],
    ['sip:[2001:db8::1]:5062', { host: '2001:db8::1', port: 5062, secure: false }],
  ];
  for (const [uri, expected] of rows) {
    it(uri, () => assert.deepEqual(target(uri), expected));
  }
});

describe('transport rules', () => {
  const params: [string, boolean, string][] = [
    ['udp', false, 'udp'],
    ['TCP', false, 'tcp'],
    ['tcp', true, 'tls'],
    ['tls', false, 'tls'],
    ['udp', true, 'error'],
    ['sctp', false, 'error'],
    ['ws', true, 'error'],
  ];
  for (const [param, secure, expected] of params) {
    it(`transport=${param} in a ${secure ? 'SIPS' : 'SIP'} URI → ${expected}`, () => {
      const choice = transportFromParam(param, secure);
      assert.equal(choice.ok ? choice.transport : 'error', expected);
    });
  }

  it('defaults: UDP for SIP, TLS for SIPS, then whatever is enabled; none when TLS is off for SIPS', () => {
    assert.equal(defaultTransport(false, ['udp', 'tcp', 'tls']), 'udp');
    assert.equal(defaultTransport(true, ['udp', 'tcp', 'tls']), 'tls');
    assert.equal(defaultTransport(false, ['tcp', 'tls']), 'tcp');
    assert.equal(defaultTransport(true, ['udp', 'tcp']), undefined);
    assert.equal(defaultTransport(false, ['tls']), 'tls');
    assert.equal(defaultTransport(false, []), undefined);
    assert.deepEqual([defaultPort('udp'), defaultPort('tcp'), defaultPort('tls')], [5060, 5060, 5061]);
  });

  it('SRV names', () => {
    assert.equal(srvName('udp', 'example.com'), '_sip._udp.example.com');
    assert.equal(srvName('tcp', 'example.com'), '_sip._tcp.example.com');
    assert.equal(srvName('tls', 'example.com'), '_sips._tcp.example.com');
  });

  it('NAPTR services: SIPS URIs keep only SIPS+D2T; unknown and disabled services are dropped', () => {
    const all = ['udp', 'tcp', 'tls'] as const;
    assert.equal(naptrTransport('SIP+D2U', false, all), 'udp');
    assert.equal(naptrTransport('sip+d2t', false, all), 'tcp');
    assert.equal(naptrTransport('SIPS+D2T', false, all), 'tls');
    assert.equal(naptrTransport('SIP+D2T', true, all), undefined);
    assert.equal(naptrTransport('SIPS+D2T', true, all), 'tls');
    assert.equal(naptrTransport('SIP+D2S', false, all), undefined);
    assert.equal(naptrTransport('SIPS+D2T', false, ['udp']), undefined);
  });

  it('NAPTR order, then preference, stable for ties', () => {
    const sorted = sortNaptrRecords([
      naptr(20, 1, 'S', 'a', 'a'),
      naptr(10, 30, 'S', 'b', 'b'),
      naptr(10, 10, 'S', 'c', 'c'),
      naptr(10, 30, 'S', 'd', 'd'),
    ]);
    assert.deepEqual(
      sorted.map((r) => r.service),
      ['c', 'b', 'd', 'a'],
    );
  });
});

describe('names and addresses', () => {
  it('ipFamily', () => {
    assert.equal(ipFamily('192.0.2.1'), 4);
    assert.equal(ipFamily('::1'), 6);
    assert.equal(ipFamily('[2001:db8::1]'), 6);
    assert.equal(ipFamily('example.com'), undefined);
    assert.equal(ipFamily('999.1.1.1'), undefined);
  });

  it('normalizeName drops case and the trailing dot, keeps the root', () => {
    assert.equal(normalizeName('Example.COM.'), 'example.com');
    assert.equal(normalizeName('.'), '.');
  });

  it('describeTarget', () => {
    assert.equal(describeTarget({ host: '::1', port: 5061, secure: true }), 'sips:[::1]:5061');
    assert.equal(
      describeTarget({ host: 'a.example', transport: 'tcp', secure: false }),
      'sip:a.example;transport=tcp',
    );
  });
});
