// RFC 3263 §4 server location against an in-memory zone: one row per rule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFakeResolver, type FakeZone } from '../../../../../sbc-engine/sip/locate/fake-resolver.ts';
import { locateServer } from '../../../../../sbc-engine/sip/locate/locate.ts';
import type {
  Destination,
  LocateErrorKind,
  LocateOptions,
  LocateTarget,
} from '../../../../../sbc-engine/sip/locate/types.ts';
import { naptr, scriptedRandom, srv } from './zone.ts';

/** example.com publishes all three transports through NAPTR, in a shuffled answer. */
const FULL: FakeZone = {
  naptr: {
    'example.com': [
      naptr(20, 10, 'S', 'SIP+D2U', '_sip._udp.example.com'),
      naptr(10, 20, 'S', 'SIP+D2T', '_sip._tcp.example.com'),
      naptr(10, 10, 'S', 'SIPS+D2T', '_sips._tcp.example.com'),
    ],
  },
  srv: {
    '_sips._tcp.example.com': [srv(10, 0, 5061, 'tls1.example.com')],
    '_sip._tcp.example.com': [srv(10, 0, 5060, 'sbc1.example.com')],
    '_sip._udp.example.com': [srv(20, 0, 5080, 'sbc2.example.com'), srv(10, 0, 5060, 'sbc1.example.com')],
  },
  a: {
    'tls1.example.com': ['192.0.2.10'],
    'sbc1.example.com': ['192.0.2.1'],
    'sbc2.example.com': ['192.0.2.2'],
    'example.com': ['192.0.2.100'],
  },
  aaaa: { 'sbc1.example.com': ['2001:db8::1'] },
};

/** No NAPTR: SRV for TCP and UDP only. */
const SRV_ONLY: FakeZone = {
  srv: {
    '_sip._tcp.srv.example.net': [srv(10, 0, 5060, 'tcp.srv.example.net')],
    '_sip._udp.srv.example.net': [srv(10, 0, 5060, 'udp.srv.example.net')],
  },
  a: {
    'tcp.srv.example.net': ['198.51.100.1'],
    'udp.srv.example.net': ['198.51.100.2'],
    'srv.example.net': ['198.51.100.100'],
  },
};

/** Neither NAPTR nor SRV: the host's own addresses. */
const PLAIN: FakeZone = {
  a: { 'plain.example.org': ['203.0.113.5'] },
  aaaa: { 'plain.example.org': ['2001:db8::5'] },
};

type Expect =
  | { destinations: string[]; queries?: string[]; notes?: RegExp }
  | { error: LocateErrorKind; message?: RegExp; queries?: string[] };

interface Row {
  name: string;
  target: LocateTarget;
  zone?: FakeZone;
  options?: Partial<LocateOptions>;
  expect: Expect;
}

function show(d: Destination): string {
  return `${d.transport} ${d.family === 6 ? `[${d.address}]` : d.address}:${d.port}`;
}

function sip(host: string, extra: Partial<LocateTarget> = {}): LocateTarget {
  return { host, secure: false, ...extra };
}

function sips(host: string, extra: Partial<LocateTarget> = {}): LocateTarget {
  return { host, secure: true, ...extra };
}

const rows: Row[] = [
  // §4.1: numeric IP addresses: no DNS.
  {
    name: 'IPv4 literal: UDP on 5060',
    target: sip('192.0.2.7'),
    expect: { destinations: ['udp 192.0.2.7:5060'], queries: [] },
  },
  {
    name: 'IPv4 literal with port and transport=tcp',
    target: sip('192.0.2.7', { port: 5070, transport: 'TCP' }),
    expect: { destinations: ['tcp 192.0.2.7:5070'], queries: [] },
  },
  {
    name: 'IPv6 literal in a SIPS URI: TLS on 5061',
    target: sips('2001:db8::7'),
    expect: { destinations: ['tls [2001:db8::7]:5061'], queries: [] },
  },
  {
    name: 'bracketed IPv6 literal',
    target: sip('[2001:DB8::7]'),
    expect: { destinations: ['udp [2001:db8::7]:5060'], queries: [] },
  },
  {
    name: 'IPv4 literal with transport=tls: 5061',
    target: sip('192.0.2.7', { transport: 'tls' }),
    expect: { destinations: ['tls 192.0.2.7:5061'] },
  },

  // §4.2: an explicit port: A/AAAA only.
  {
    name: 'explicit port: A and AAAA only, UDP',
    target: sip('sbc1.example.com', { port: 5090 }),
    zone: FULL,
    expect: {
      destinations: ['udp 192.0.2.1:5090', 'udp [2001:db8::1]:5090'],
      queries: ['A sbc1.example.com', 'AAAA sbc1.example.com'],
    },
  },
  {
    name: 'explicit port in a SIPS URI: TLS',
    target: sips('sbc1.example.com', { port: 5091 }),
    zone: FULL,
    expect: { destinations: ['tls 192.0.2.1:5091', 'tls [2001:db8::1]:5091'] },
  },
  {
    name: 'explicit port and transport=tcp',
    target: sip('sbc1.example.com', { port: 5092, transport: 'tcp' }),
    zone: FULL,
    options: { addressPreference: 'ipv4-only' },
    expect: { destinations: ['tcp 192.0.2.1:5092'], queries: ['A sbc1.example.com'] },
  },

  // §4.2: transport parameter: SRV for that transport, else A/AAAA on the default port.
  {
    name: 'transport=udp: SRV _sip._udp in priority order',
    target: sip('example.com', { transport: 'udp' }),
    zone: FULL,
    options: { addressPreference: 'ipv4-only' },
    expect: {
      destinations: ['udp 192.0.2.1:5060', 'udp 192.0.2.2:5080'],
      queries: ['SRV _sip._udp.example.com', 'A sbc1.example.com', 'A sbc2.example.com'],
    },
  },
  {
    name: 'transport=tcp in a SIPS URI: SRV _sips._tcp',
    target: sips('example.com', { transport: 'tcp' }),
    zone: FULL,
    options: { addressPreference: 'ipv4-only' },
    expect: {
      destinations: ['tls 192.0.2.10:5061'],
      queries: ['SRV _sips._tcp.example.com', 'A tls1.example.com'],
    },
  },
  {
    name: 'transport=tls in a SIP URI: SRV _sips._tcp',
    target: sip('example.com', { transport: 'tls' }),
    zone: FULL,
    options: { addressPreference: 'ipv4-only' },
    expect: { destinations: ['tls 192.0.2.10:5061'] },
  },
  {
    name: 'transport=tcp without SRV: A/AAAA on 5060',
    target: sip('plain.example.org', { transport: 'tcp' }),
    zone: PLAIN,
    expect: {
      destinations: ['tcp 203.0.113.5:5060', 'tcp [2001:db8::5]:5060'],
      queries: ['SRV _sip._tcp.plain.example.org', 'A plain.example.org', 'AAAA plain.example.org'],
    },
  },
  {
    name: 'transport=tls without SRV: A on 5061',
    target: sips('plain.example.org', { transport: 'tls' }),
    zone: PLAIN,
    options: { addressPreference: 'ipv4-only' },
    expect: { destinations: ['tls 203.0.113.5:5061'] },
  },

  // §4.1: NAPTR.
  {
    name: 'NAPTR: order, then preference; SRV per record; failover across all of them',
    target: sip('example.com'),
    zone: FULL,
    options: { addressPreference: 'ipv4-only' },
    expect: {
      destinations: ['tls 192.0.2.10:5061', 'tcp 192.0.2.1:5060', 'udp 192.0.2.1:5060', 'udp 192.0.2.2:5080'],
      queries: [
        'NAPTR example.com',
        'SRV _sips._tcp.example.com',
        'A tls1.example.com',
        'SRV _sip._tcp.example.com',
        'A sbc1.example.com',
        'SRV _sip._udp.example.com',
        'A sbc2.example.com',
      ],
    },
  },
  {
    name: 'NAPTR for a SIPS URI: only SIPS+D2T',
    target: sips('example.com'),
    zone: FULL,
    expect: {
      destinations: ['tls 192.0.2.10:5061'],
      queries: [
        'NAPTR example.com',
        'SRV _sips._tcp.example.com',
        'A tls1.example.com',
        'AAAA tls1.example.com',
      ],
    },
  },
  {
    name: 'NAPTR services we do not support are skipped',
    target: sip('mixed.example.com'),
    zone: {
      naptr: {
        'mixed.example.com': [
          naptr(5, 10, 'S', 'SIP+D2S', '_sip._sctp.mixed.example.com'),
          naptr(6, 10, 'S', 'SIPS+D2W', '_sips._ws.mixed.example.com'),
          naptr(7, 10, 's', 'sip+d2u', '_SIP._UDP.Mixed.Example.COM.'),
        ],
      },
      srv: { '_sip._udp.mixed.example.com': [srv(0, 0, 5060, 'pbx.mixed.example.com')] },
      a: { 'pbx.mixed.example.com': ['192.0.2.50'] },
    },
    options: { addressPreference: 'ipv4-only' },
    expect: {
      destinations: ['udp 192.0.2.50:5060'],
      queries: ['NAPTR mixed.example.com', 'SRV _sip._udp.mixed.example.com', 'A pbx.mixed.example.com'],
    },
  },
  {
    name: 'NAPTR records of disabled transports are skipped (TLS off)',
    target: sip('example.com'),
    zone: FULL,
    options: { transports: ['udp', 'tcp'], addressPreference: 'ipv4-only' },
    expect: { destinations: ['tcp 192.0.2.1:5060', 'udp 192.0.2.1:5060', 'udp 192.0.2.2:5080'] },
  },
  {
    name: 'NAPTR with no usable service falls back to SRV',
    target: sip('srv.example.net'),
    zone: {
      ...SRV_ONLY,
      naptr: { 'srv.example.net': [naptr(1, 1, 'S', 'SIP+D2S', '_sip._sctp.srv.example.net')] },
    },
    expect: {
      destinations: ['tcp 198.51.100.1:5060', 'udp 198.51.100.2:5060'],
    },
  },
  {
    name: 'NAPTR with the "A" flag: the replacement is a host on the default port',
    target: sip('a-flag.example.com'),
    zone: {
      naptr: { 'a-flag.example.com': [naptr(1, 1, 'A', 'SIP+D2T', 'host.a-flag.example.com')] },
      a: { 'host.a-flag.example.com': ['192.0.2.77'] },
    },
    options: { addressPreference: 'ipv4-only' },
    expect: { destinations: ['tcp 192.0.2.77:5060'] },
  },
  {
    name: 'NAPTR record with an empty replacement is ignored (regexp is not used by SIP)',
    target: sip('rx.example.com'),
    zone: {
      naptr: {
        'rx.example.com': [
          {
            order: 1,
            preference: 1,
            flags: 'S',
            service: 'SIP+D2U',
            regexp: '!^.*$!_sip._udp.rx.example.com!',
            replacement: '.',
          },
        ],
      },
      a: { 'rx.example.com': ['192.0.2.88'] },
    },
    options: { addressPreference: 'ipv4-only' },
    expect: { destinations: ['udp 192.0.2.88:5060'] },
  },
  {
    name: 'NAPTR whose SRV name is empty: failover to the next NAPTR record',
    target: sip('half.example.com'),
    zone: {
      naptr: {
        'half.example.com': [
          naptr(10, 10, 'S', 'SIP+D2T', '_sip._tcp.half.example.com'),
          naptr(20, 10, 'S', 'SIP+D2U', '_sip._udp.half.example.com'),
        ],
      },
      srv: { '_sip._udp.half.example.com': [srv(0, 0, 5060, 'udp.half.example.com')] },
      a: { 'udp.half.example.com': ['192.0.2.90'] },
    },
    options: { addressPreference: 'ipv4-only' },
    expect: { destinations: ['udp 192.0.2.90:5060'] },
  },

  // RFC 3403 §4.1: non-terminal NAPTR records and loop protection.
  {
    name: 'non-terminal NAPTR (empty flags) is followed to the next NAPTR set',
    target: sip('outer.example.com'),
    zone: {
      naptr: {
        'outer.example.com': [naptr(1, 1, '', '', 'inner.example.com')],
        'inner.example.com': [naptr(1, 1, 'S', 'SIP+D2T', '_sip._tcp.inner.example.com')],
      },
      srv: { '_sip._tcp.inner.example.com': [srv(0, 0, 5070, 'pbx.inner.example.com')] },
      a: { 'pbx.inner.example.com': ['192.0.2.60'] },
    },
    options: { addressPreference: 'ipv4-only' },
    expect: {
      destinations: ['tcp 192.0.2.60:5070'],
      queries: [
        'NAPTR outer.example.com',
        'NAPTR inner.example.com',
        'SRV _sip._tcp.inner.example.com',
        'A pbx.inner.example.com',
      ],
    },
  },
  {
    name: 'a NAPTR loop is cut, and location falls back to SRV',
    target: sip('loop.example.com'),
    zone: {
      naptr: {
        'loop.example.com': [naptr(1, 1, '', '', 'loop2.example.com')],
        'loop2.example.com': [naptr(1, 1, '', '', 'LOOP.example.com.')],
      },
      a: { 'loop.example.com': ['192.0.2.61'] },
    },
    options: { addressPreference: 'ipv4-only' },
    expect: {
      destinations: ['udp 192.0.2.61:5060'],
      queries: [
        'NAPTR loop.example.com',
        'NAPTR loop2.example.com',
        'SRV _sips._tcp.loop.example.com',
        'SRV _sip._tcp.loop.example.com',
        'SRV _sip._udp.loop.example.com',
        'A loop.example.com',
      ],
      notes: /points back to loop\.example\.com: loop ignored/,
    },
  },
  {
    name: 'a long NAPTR chain stops at maxNaptrDepth',
    target: sip('n0.example.com'),
    zone: {
      naptr: Object.fromEntries(
        Array.from({ length: 6 }, (_, i) => [
          `n${i}.example.com`,
          [naptr(1, 1, '', '', `n${i + 1}.example.com`)],
        ]),
      ),
    },
    options: { maxNaptrDepth: 2, addressPreference: 'ipv4-only' },
    expect: {
      error: 'not-found',
      message: /NAPTR n0\.example\.com: 1 record.*NAPTR n2\.example\.com: 1 record.*chain longer than 2/,
    },
  },

  // §4.1: no NAPTR: SRV per transport, _sips._tcp, _sip._tcp, _sip._udp.
  {
    name: 'no NAPTR: SRV in the order _sips._tcp, _sip._tcp, _sip._udp',
    target: sip('srv.example.net'),
    zone: SRV_ONLY,
    expect: {
      destinations: ['tcp 198.51.100.1:5060', 'udp 198.51.100.2:5060'],
      queries: [
        'NAPTR srv.example.net',
        'SRV _sips._tcp.srv.example.net',
        'SRV _sip._tcp.srv.example.net',
        'SRV _sip._udp.srv.example.net',
        'A tcp.srv.example.net',
        'AAAA tcp.srv.example.net',
        'A udp.srv.example.net',
        'AAAA udp.srv.example.net',
      ],
    },
  },
  {
    name: 'no NAPTR, SIPS URI: only _sips._tcp, then the host on 5061',
    target: sips('srv.example.net'),
    zone: SRV_ONLY,
    options: { addressPreference: 'ipv4-only' },
    expect: {
      destinations: ['tls 198.51.100.100:5061'],
      queries: ['NAPTR srv.example.net', 'SRV _sips._tcp.srv.example.net', 'A srv.example.net'],
    },
  },
  {
    name: 'no NAPTR and no SRV: the host on UDP 5060',
    target: sip('plain.example.org'),
    zone: PLAIN,
    expect: { destinations: ['udp 203.0.113.5:5060', 'udp [2001:db8::5]:5060'] },
  },
  {
    name: 'no NAPTR and no SRV, UDP disabled: the host on TCP 5060',
    target: sip('plain.example.org'),
    zone: PLAIN,
    options: { transports: ['tcp'], addressPreference: 'ipv4-only' },
    expect: {
      destinations: ['tcp 203.0.113.5:5060'],
      queries: ['NAPTR plain.example.org', 'SRV _sip._tcp.plain.example.org', 'A plain.example.org'],
    },
  },

  // RFC 2782: target ".".
  {
    name: 'SRV "." for the asked transport: service unavailable, no A fallback',
    target: sip('closed.example.com', { transport: 'udp' }),
    zone: {
      srv: { '_sip._udp.closed.example.com': [srv(0, 0, 0, '.')] },
      a: { 'closed.example.com': ['192.0.2.99'] },
    },
    expect: {
      error: 'service-unavailable',
      message: /_sip\._udp\.closed\.example\.com: 1 record/,
      queries: ['SRV _sip._udp.closed.example.com'],
    },
  },
  {
    name: 'SRV "." for UDP while TCP has a server: TCP only',
    target: sip('half-closed.example.com'),
    zone: {
      srv: {
        '_sip._udp.half-closed.example.com': [srv(0, 0, 0, '.')],
        '_sip._tcp.half-closed.example.com': [srv(0, 0, 5060, 'tcp.half-closed.example.com')],
      },
      a: { 'tcp.half-closed.example.com': ['192.0.2.31'], 'half-closed.example.com': ['192.0.2.30'] },
    },
    options: { addressPreference: 'ipv4-only' },
    expect: {
      destinations: ['tcp 192.0.2.31:5060'],
      notes: /_sip\._udp\.half-closed\.example\.com: the service is not available/,
    },
  },

  // IPv4 and IPv6.
  {
    name: 'ipv6-first puts AAAA addresses first',
    target: sip('sbc1.example.com', { port: 5060 }),
    zone: FULL,
    options: { addressPreference: 'ipv6-first' },
    expect: {
      destinations: ['udp [2001:db8::1]:5060', 'udp 192.0.2.1:5060'],
      queries: ['AAAA sbc1.example.com', 'A sbc1.example.com'],
    },
  },
  {
    name: 'ipv6-only asks only for AAAA',
    target: sip('sbc1.example.com', { port: 5060 }),
    zone: FULL,
    options: { addressPreference: 'ipv6-only' },
    expect: { destinations: ['udp [2001:db8::1]:5060'], queries: ['AAAA sbc1.example.com'] },
  },
  {
    name: 'an SRV target written as an address is used as is; duplicates are dropped',
    target: sip('lit.example.com', { transport: 'udp' }),
    zone: {
      srv: {
        '_sip._udp.lit.example.com': [
          srv(0, 0, 5060, '192.0.2.44'),
          srv(1, 0, 5060, 'a.lit.example.com'),
          srv(2, 0, 5060, 'b.lit.example.com'),
        ],
      },
      a: { 'a.lit.example.com': ['192.0.2.44'], 'b.lit.example.com': ['192.0.2.45', '2001:db8::45'] },
    },
    options: { addressPreference: 'ipv4-only' },
    expect: { destinations: ['udp 192.0.2.44:5060', 'udp 192.0.2.45:5060'] },
  },

  // Limits.
  {
    name: 'maxDestinations cuts the list and stops further queries',
    target: sip('example.com'),
    zone: FULL,
    options: { maxDestinations: 2, addressPreference: 'ipv4-only' },
    expect: {
      destinations: ['tls 192.0.2.10:5061', 'tcp 192.0.2.1:5060'],
      queries: [
        'NAPTR example.com',
        'SRV _sips._tcp.example.com',
        'A tls1.example.com',
        'SRV _sip._tcp.example.com',
        'A sbc1.example.com',
      ],
    },
  },
  {
    name: 'maxRecords uses only the first records of an answer',
    target: sip('many.example.com', { port: 5060 }),
    zone: { a: { 'many.example.com': ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4'] } },
    options: { maxRecords: 2, addressPreference: 'ipv4-only' },
    expect: { destinations: ['udp 192.0.2.1:5060', 'udp 192.0.2.2:5060'], notes: /used 2 of 4 records/ },
  },
  {
    name: 'maxLookups ends location with limit-exceeded',
    target: sip('nowhere.example.com'),
    zone: {},
    options: { maxLookups: 2 },
    expect: {
      error: 'limit-exceeded',
      queries: ['NAPTR nowhere.example.com', 'SRV _sips._tcp.nowhere.example.com'],
    },
  },

  // Nothing resolves; DNS errors.
  {
    name: 'a name with no records: not-found, naming every lookup',
    target: sip('nowhere.example.com'),
    zone: {},
    expect: {
      error: 'not-found',
      message:
        /^No SIP server found for sip:nowhere\.example\.com: .*NAPTR nowhere\.example\.com: nxdomain; SRV _sips\._tcp\.nowhere\.example\.com: nxdomain; SRV _sip\._tcp\.nowhere\.example\.com: nxdomain; SRV _sip\._udp\.nowhere\.example\.com: nxdomain; A nowhere\.example\.com: nxdomain; AAAA nowhere\.example\.com: nxdomain/,
    },
  },
  {
    name: 'timeouts everywhere: dns-failure',
    target: sip('slow.example.com', { port: 5060 }),
    zone: { errors: { 'A slow.example.com': 'timeout', 'AAAA slow.example.com': 'servfail' } },
    expect: {
      error: 'dns-failure',
      message: /A slow\.example\.com: timeout; AAAA slow\.example\.com: servfail/,
    },
  },
  {
    name: 'a NAPTR timeout still lets SRV find the server',
    target: sip('srv.example.net'),
    zone: { ...SRV_ONLY, errors: { 'NAPTR srv.example.net': 'timeout' } },
    options: { addressPreference: 'ipv4-only' },
    expect: { destinations: ['tcp 198.51.100.1:5060', 'udp 198.51.100.2:5060'] },
  },
  {
    name: 'an SRV server failure on the asked transport falls back to A, with the default port',
    target: sip('plain.example.org', { transport: 'udp' }),
    zone: { ...PLAIN, errors: { 'SRV _sip._udp.plain.example.org': 'servfail' } },
    options: { addressPreference: 'ipv4-only' },
    expect: { destinations: ['udp 203.0.113.5:5060'] },
  },
  {
    name: 'SRV targets without addresses: not-found (no fallback to the domain)',
    target: sip('dangling.example.com', { transport: 'tcp' }),
    zone: {
      srv: { '_sip._tcp.dangling.example.com': [srv(0, 0, 5060, 'gone.example.com')] },
      a: { 'dangling.example.com': ['192.0.2.9'] },
    },
    expect: {
      error: 'not-found',
      queries: ['SRV _sip._tcp.dangling.example.com', 'A gone.example.com', 'AAAA gone.example.com'],
    },
  },

  // Targets that cannot be located.
  {
    name: 'transport=sctp is not supported',
    target: sip('example.com', { transport: 'sctp' }),
    zone: FULL,
    expect: { error: 'unsupported-transport', queries: [] },
  },
  {
    name: 'a SIPS URI with transport=udp',
    target: sips('example.com', { transport: 'udp' }),
    zone: FULL,
    expect: { error: 'unsupported-transport' },
  },
  {
    name: 'transport=tcp while TCP is disabled',
    target: sip('example.com', { transport: 'tcp' }),
    zone: FULL,
    options: { transports: ['udp'] },
    expect: { error: 'unsupported-transport', message: /tcp is not enabled/ },
  },
  {
    name: 'a SIPS URI while TLS is disabled',
    target: sips('example.com'),
    zone: FULL,
    options: { transports: ['udp', 'tcp'] },
    expect: { error: 'unsupported-transport' },
  },
  { name: 'port 0', target: sip('example.com', { port: 0 }), expect: { error: 'invalid-target' } },
  { name: 'an empty host', target: sip(''), expect: { error: 'invalid-target' } },
];

describe('locateServer (RFC 3263 §4)', () => {
  for (const row of rows) {
    it(row.name, async () => {
      const resolver = createFakeResolver(row.zone ?? {});
      const result = await locateServer(row.target, resolver, { random: scriptedRandom(0), ...row.options });
      const expect = row.expect;
      if ('destinations' in expect) {
        assert.ok(result.ok, result.ok ? '' : result.error.message);
        assert.deepEqual(result.destinations.map(show), expect.destinations);
        if (expect.notes) assert.match(result.notes.join('\n'), expect.notes);
      } else {
        assert.ok(!result.ok, 'expected an error');
        assert.equal(result.error.kind, expect.error, result.error.message);
        if (expect.message) assert.match(result.error.message, expect.message);
      }
      if (expect.queries) assert.deepEqual(resolver.queries, expect.queries);
      assert.deepEqual(
        result.lookups.map((l) => `${l.type} ${l.name}`),
        resolver.queries,
        'the result names every lookup made',
      );
    });
  }
});

describe('locateServer: randomness, failures of the resolver itself', () => {
  const weighted: FakeZone = {
    srv: {
      '_sip._udp.lb.example.com': [
        srv(10, 80, 5060, 'big.lb.example.com'),
        srv(10, 20, 5060, 'small.lb.example.com'),
        srv(20, 0, 5060, 'backup.lb.example.com'),
      ],
    },
    a: {
      'big.lb.example.com': ['192.0.2.1'],
      'small.lb.example.com': ['192.0.2.2'],
      'backup.lb.example.com': ['192.0.2.3'],
    },
  };
  const target = sip('lb.example.com', { transport: 'udp' });

  it('orders equal-priority servers by the injected random, the backup always last', async () => {
    const low = await locateServer(target, createFakeResolver(weighted), { random: scriptedRandom(0.1) });
    const high = await locateServer(target, createFakeResolver(weighted), {
      random: scriptedRandom(0.95, 0),
    });
    assert.ok(low.ok && high.ok);
    assert.deepEqual(low.destinations.map(show), [
      'udp 192.0.2.1:5060',
      'udp 192.0.2.2:5060',
      'udp 192.0.2.3:5060',
    ]);
    assert.deepEqual(high.destinations.map(show), [
      'udp 192.0.2.2:5060',
      'udp 192.0.2.1:5060',
      'udp 192.0.2.3:5060',
    ]);
  });

  it('shares the first place about 80/20 over seeded runs', async () => {
    const { seededRandom } = await import('../../../../helpers/mutate.ts');
    const random = seededRandom(3263);
    let big = 0;
    const runs = 2000;
    for (let i = 0; i < runs; i++) {
      const result = await locateServer(target, createFakeResolver(weighted), {
        random,
        addressPreference: 'ipv4-only',
      });
      assert.ok(result.ok);
      if (result.destinations[0]!.address === '192.0.2.1') big++;
      assert.equal(result.destinations[2]!.address, '192.0.2.3');
    }
    // RFC 2782's inclusive draw gives the first record 81 shares in 101.
    assert.ok(Math.abs(big / runs - 81 / 101) < 0.04, `${big} of ${runs}`);
  });

  it('treats a resolver that throws as a server failure', async () => {
    const broken = createFakeResolver({});
    broken.a = () => Promise.reject(new Error('socket closed'));
    broken.aaaa = () => Promise.reject(new Error('socket closed'));
    const result = await locateServer(sip('x.example.com', { port: 5060 }), broken, { random: Math.random });
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'dns-failure');
    assert.deepEqual(
      result.lookups.map((l) => l.result),
      ['servfail', 'servfail'],
    );
  });

  it('treats an empty answer as no data', async () => {
    const empty = createFakeResolver({});
    empty.naptr = () => Promise.resolve({ ok: true, records: [] });
    const result = await locateServer(sip('x.example.com'), empty, { random: Math.random });
    assert.ok(!result.ok);
    assert.equal(result.lookups[0]!.result, 'nodata');
  });

  it('asks each name and type only once', async () => {
    const zone: FakeZone = {
      naptr: {
        'dup.example.com': [
          naptr(1, 1, 'S', 'SIP+D2U', '_sip._udp.dup.example.com'),
          naptr(2, 1, 'S', 'SIP+D2U', '_sip._udp.dup.example.com'),
        ],
      },
      srv: {
        '_sip._udp.dup.example.com': [
          srv(1, 0, 5060, 'h.dup.example.com'),
          srv(2, 0, 5070, 'h.dup.example.com'),
        ],
      },
      a: { 'h.dup.example.com': ['192.0.2.5'] },
    };
    const resolver = createFakeResolver(zone);
    const result = await locateServer(sip('dup.example.com'), resolver, {
      random: Math.random,
      addressPreference: 'ipv4-only',
    });
    assert.ok(result.ok);
    assert.deepEqual(result.destinations.map(show), ['udp 192.0.2.5:5060', 'udp 192.0.2.5:5070']);
    assert.deepEqual(resolver.queries, [
      'NAPTR dup.example.com',
      'SRV _sip._udp.dup.example.com',
      'A h.dup.example.com',
    ]);
  });
});

describe('locateServer: transports switched off', () => {
  it('a SIP URI with only TLS enabled still finds TLS through NAPTR, or the host on 5061', async () => {
    const tlsOnly = {
      random: Math.random,
      transports: ['tls'] as const,
      addressPreference: 'ipv4-only' as const,
    };
    const viaNaptr = await locateServer(sip('example.com'), createFakeResolver(FULL), tlsOnly);
    assert.ok(viaNaptr.ok);
    assert.deepEqual(viaNaptr.destinations.map(show), ['tls 192.0.2.10:5061']);
    const plain = await locateServer(sip('plain.example.org'), createFakeResolver(PLAIN), tlsOnly);
    assert.ok(plain.ok);
    assert.deepEqual(plain.destinations.map(show), ['tls 203.0.113.5:5061']);
  });

  it('no transport enabled at all', async () => {
    const result = await locateServer(sip('example.com'), createFakeResolver({}), {
      random: Math.random,
      transports: [],
    });
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'unsupported-transport');
    assert.match(result.error.message, /no transport is enabled/);
  });
});
