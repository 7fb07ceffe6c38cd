// RFC 3263 server location through the real resolver (node:dns / c-ares) against a real DNS server
// on loopback: Debian's dnsmasq, serving a made-up zone whose addresses are all loopback.
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { after, before, describe, it } from 'node:test';
import { locateServer } from '../../../sbc-engine/sip/locate/locate.ts';
import type { Destination, LocateOptions, LocateTarget } from '../../../sbc-engine/sip/locate/types.ts';
import { createDnsResolver, type NodeDnsResolver } from '../../../sbc-engine/transport/dns-resolver.ts';
import { freeTcpUdpPort } from '../../helpers/ports.ts';
import { startDnsmasq, type Dnsmasq } from './dns/dnsmasq.ts';

const ZONE = 'sbc-test.example';

// dnsmasq syntax: --naptr-record=name,order,preference,flags,service,regexp,replacement and
// --srv-host=_service._proto.domain,target,port,priority,weight (a missing target is ".").
const RECORDS = [
  // The domain publishes TLS, TCP and UDP, in that order of preference.
  `--naptr-record=${ZONE},30,10,S,SIP+D2U,,_sip._udp.${ZONE}`,
  `--naptr-record=${ZONE},10,10,S,SIPS+D2T,,_sips._tcp.${ZONE}`,
  `--naptr-record=${ZONE},20,10,S,SIP+D2T,,_sip._tcp.${ZONE}`,
  `--srv-host=_sips._tcp.${ZONE},tls1.${ZONE},5061,10,0`,
  `--srv-host=_sip._tcp.${ZONE},sbc2.${ZONE},5062,20,0`,
  `--srv-host=_sip._tcp.${ZONE},sbc1.${ZONE},5060,10,0`,
  `--srv-host=_sip._udp.${ZONE},sbc1.${ZONE},5060,10,0`,
  `--srv-host=_sip._udp.${ZONE},sbc2.${ZONE},5080,20,0`,
  `--host-record=tls1.${ZONE},127.0.0.10`,
  `--host-record=sbc1.${ZONE},127.0.0.11,::1`,
  `--host-record=sbc2.${ZONE},127.0.0.12`,
  // No NAPTR: SRV for UDP only; and a host with A/AAAA only.
  `--srv-host=_sip._udp.srv-only.${ZONE},sbc2.${ZONE},5090,0,0`,
  `--host-record=plain.${ZONE},127.0.0.20`,
  // "Service not available": an SRV record whose target is ".".
  `--srv-host=_sip._udp.closed.${ZONE}`,
  `--host-record=closed.${ZONE},127.0.0.30`,
  // A chain through a non-terminal NAPTR (empty flags), and a loop of two.
  `--naptr-record=chain.${ZONE},10,10,,,,${ZONE}`,
  `--naptr-record=loop-a.${ZONE},10,10,,,,loop-b.${ZONE}`,
  `--naptr-record=loop-b.${ZONE},10,10,,,,loop-a.${ZONE}`,
  `--host-record=loop-a.${ZONE},127.0.0.40`,
];

function show(d: Destination): string {
  return `${d.transport} ${d.family === 6 ? `[${d.address}]` : d.address}:${d.port}`;
}

describe('server location against dnsmasq on loopback', () => {
  let dns: Dnsmasq;
  let resolver: NodeDnsResolver;

  before(async () => {
    dns = await startDnsmasq(ZONE, RECORDS, `tls1.${ZONE}`);
    resolver = createDnsResolver({ servers: [dns.server], timeoutMs: 1000, tries: 2 });
  });

  after(async () => {
    resolver?.cancel();
    await dns?.stop();
  });

  async function locate(target: LocateTarget, options: Partial<LocateOptions> = {}) {
    // A draw of 0 makes the weighted order the answer's order; priorities decide here anyway.
    return locateServer(target, resolver, { random: () => 0, ...options });
  }

  it('follows NAPTR → SRV → A/AAAA in NAPTR order, SRV priority, then address family', async () => {
    const result = await locate({ host: ZONE, secure: false });
    assert.ok(result.ok, result.ok ? '' : `${result.error.message}\n${dns.output()}`);
    assert.deepEqual(result.destinations.map(show), [
      'tls 127.0.0.10:5061',
      'tcp 127.0.0.11:5060',
      'tcp [::1]:5060',
      'tcp 127.0.0.12:5062',
      'udp 127.0.0.11:5060',
      'udp [::1]:5060',
      'udp 127.0.0.12:5080',
    ]);
    assert.equal(result.destinations[0]!.hostname, `tls1.${ZONE}`);
    assert.deepEqual(
      result.lookups.filter((l) => l.type !== 'AAAA').map((l) => `${l.type} ${l.name} ${l.result}`),
      [
        `NAPTR ${ZONE} ok`,
        `SRV _sips._tcp.${ZONE} ok`,
        `A tls1.${ZONE} ok`,
        `SRV _sip._tcp.${ZONE} ok`,
        `A sbc1.${ZONE} ok`,
        `A sbc2.${ZONE} ok`,
        `SRV _sip._udp.${ZONE} ok`,
      ],
    );
  });

  it('resolves a SIPS URI to TLS only', async () => {
    const result = await locate({ host: ZONE, secure: true });
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.deepEqual(result.destinations.map(show), ['tls 127.0.0.10:5061']);
  });

  it('uses the SRV set of the transport parameter, lowest priority first', async () => {
    const result = await locate(
      { host: ZONE, transport: 'tcp', secure: false },
      { addressPreference: 'ipv6-first' },
    );
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.deepEqual(result.destinations.map(show), [
      'tcp [::1]:5060',
      'tcp 127.0.0.11:5060',
      'tcp 127.0.0.12:5062',
    ]);
    assert.equal(result.lookups[0]!.name, `_sip._tcp.${ZONE}`);
  });

  it('uses A/AAAA only for an explicit port', async () => {
    const result = await locate({ host: `sbc1.${ZONE}`, port: 5070, secure: false });
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.deepEqual(result.destinations.map(show), ['udp 127.0.0.11:5070', 'udp [::1]:5070']);
    assert.deepEqual(
      result.lookups.map((l) => l.type),
      ['A', 'AAAA'],
    );
  });

  it('falls back from a missing NAPTR to SRV, and from missing SRV to the host on the default port', async () => {
    const srvOnly = await locate({ host: `srv-only.${ZONE}`, secure: false });
    assert.ok(srvOnly.ok, srvOnly.ok ? '' : srvOnly.error.message);
    assert.deepEqual(srvOnly.destinations.map(show), ['udp 127.0.0.12:5090']);

    const plain = await locate({ host: `plain.${ZONE}`, secure: false });
    assert.ok(plain.ok, plain.ok ? '' : plain.error.message);
    assert.deepEqual(plain.destinations.map(show), ['udp 127.0.0.20:5060']);
    assert.deepEqual(
      plain.lookups.map((l) => `${l.type} ${l.result}`),
      ['NAPTR nodata', 'SRV nxdomain', 'SRV nxdomain', 'SRV nxdomain', 'A ok', 'AAAA nodata'],
    );

    const plainTls = await locate({ host: `plain.${ZONE}`, secure: true });
    assert.ok(plainTls.ok, plainTls.ok ? '' : plainTls.error.message);
    assert.deepEqual(plainTls.destinations.map(show), ['tls 127.0.0.20:5061']);
  });

  it('follows a non-terminal NAPTR and cuts a NAPTR loop', async () => {
    const chain = await locate({ host: `chain.${ZONE}`, secure: true });
    assert.ok(chain.ok, chain.ok ? '' : chain.error.message);
    assert.deepEqual(chain.destinations.map(show), ['tls 127.0.0.10:5061']);

    const loop = await locate({ host: `loop-a.${ZONE}`, secure: false }, { addressPreference: 'ipv4-only' });
    assert.ok(loop.ok, loop.ok ? '' : loop.error.message);
    assert.deepEqual(loop.destinations.map(show), ['udp 127.0.0.40:5060']);
    assert.match(loop.notes.join('\n'), /loop ignored/);
  });

  it('reports "service not available" for an SRV target of "."', async () => {
    const result = await locate({ host: `closed.${ZONE}`, transport: 'udp', secure: false });
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'service-unavailable');
    assert.deepEqual(
      result.lookups.map((l) => l.type),
      ['SRV'],
    );
  });

  it('reports a name with no records, naming every lookup', async () => {
    const result = await locate({ host: `nothing.${ZONE}`, secure: false });
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'not-found');
    assert.deepEqual(
      result.lookups.map((l) => `${l.type} ${l.name} ${l.result}`),
      [
        `NAPTR nothing.${ZONE} nxdomain`,
        `SRV _sips._tcp.nothing.${ZONE} nxdomain`,
        `SRV _sip._tcp.nothing.${ZONE} nxdomain`,
        `SRV _sip._udp.nothing.${ZONE} nxdomain`,
        `A nothing.${ZONE} nxdomain`,
        `AAAA nothing.${ZONE} nxdomain`,
      ],
    );
    assert.match(
      result.error.message,
      new RegExp(`No SIP server found for sip:nothing\\.${ZONE.replace('.', '\\.')}`),
    );
  });
});

describe('the node:dns resolver maps failures to typed errors', () => {
  let dns: Dnsmasq;
  let silent: Socket;
  let silentPort: number;

  before(async () => {
    dns = await startDnsmasq(ZONE, [`--host-record=v4.${ZONE},127.0.0.50`], `v4.${ZONE}`);
    // A UDP socket on loopback that reads queries and never answers: the resolver must time out.
    silent = createSocket('udp4');
    silentPort = await freeTcpUdpPort();
    await new Promise<void>((resolve) => silent.bind(silentPort, '127.0.0.1', resolve));
  });

  after(async () => {
    await new Promise<void>((resolve) => silent?.close(() => resolve()));
    await dns?.stop();
  });

  it('records, NXDOMAIN, no data, refused', async () => {
    const resolver = createDnsResolver({ servers: [dns.server], timeoutMs: 1000, tries: 1 });
    assert.deepEqual(await resolver.a(`v4.${ZONE}`), { ok: true, records: ['127.0.0.50'] });
    assert.deepEqual(await resolver.aaaa(`v4.${ZONE}`), { ok: false, error: 'nodata', detail: 'ENODATA' });
    assert.deepEqual(await resolver.srv(`_sip._udp.none.${ZONE}`), {
      ok: false,
      error: 'nxdomain',
      detail: 'ENOTFOUND',
    });
    // Outside its zone and without upstream servers, dnsmasq refuses: a server failure to us.
    assert.deepEqual(await resolver.naptr('outside.invalid'), {
      ok: false,
      error: 'servfail',
      detail: 'EREFUSED',
    });
  });

  it('a server that never answers: timeout', async () => {
    const resolver = createDnsResolver({ servers: [`127.0.0.1:${silentPort}`], timeoutMs: 200, tries: 1 });
    const started = Date.now();
    assert.deepEqual(await resolver.a(`v4.${ZONE}`), { ok: false, error: 'timeout', detail: 'ETIMEOUT' });
    assert.ok(Date.now() - started < 5000);
    const located = await locateServer({ host: `v4.${ZONE}`, port: 5060, secure: false }, resolver, {
      random: () => 0,
    });
    assert.ok(!located.ok);
    assert.equal(located.error.kind, 'dns-failure');
  });
});
