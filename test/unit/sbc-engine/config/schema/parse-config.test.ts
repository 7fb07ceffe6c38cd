import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Config,
  defaultConfig,
  formatPath,
  parseConfig,
  type ConfigError,
} from '../../../../../sbc-engine/config/schema/index.ts';
import { sampleConfig, sampleWith } from './sample-config.ts';

function errorsOf(raw: unknown): ConfigError[] {
  const result = parseConfig(raw);
  assert.equal(result.ok, false, 'expected the config to be refused');
  return result.ok ? [] : result.errors;
}

describe('defaults', () => {
  it('an empty config is valid and carries the defaults the field expects', () => {
    const config = defaultConfig();
    assert.deepEqual(
      config.voip.listeners.map((l) => `${l.transport}:${l.address}:${l.port}`),
      ['udp:0.0.0.0:5060', 'tcp:0.0.0.0:5060', 'tls:0.0.0.0:5061'],
    );
    assert.equal(config.voip.optionsIntervalSeconds, 60); // Teams: one OPTIONS a minute
    assert.equal(config.tlsProfiles[0]!.minVersion, 'TLSv1.2'); // Teams: TLS 1.2 minimum
    assert.deepEqual(config.connections, []);
    assert.deepEqual(config.routes, []);
    assert.equal(config.media.srtpSuites[0], 'AES_CM_128_HMAC_SHA1_80');
  });

  it('a new connection fails over after 10 s and sends OPTIONS at the engine interval', () => {
    const result = parseConfig({
      schemaVersion: 1,
      connections: [{ id: 'pbx', name: 'PBX', targets: [{ host: 'pbx.local', transport: 'tcp' }] }],
    });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    const [connection] = result.config.connections;
    assert.equal(connection!.failoverTimeSeconds, 10);
    assert.deepEqual(connection!.options, { enabled: true, intervalSeconds: null });
    assert.equal(connection!.targets[0]!.port, null); // located by DNS
  });

  it('changing one default config does not change the next one', () => {
    const first = defaultConfig();
    first.media.codecs.push('G729');
    first.voip.listeners[0]!.port = 5070;
    first.media.rtpPortRange.first = 10000;
    const second = defaultConfig();
    assert.deepEqual(second.media.codecs, ['PCMA', 'PCMU', 'G722']);
    assert.equal(second.voip.listeners[0]!.port, 5060);
    assert.equal(second.media.rtpPortRange.first, 40000);
  });
});

describe('round trips', () => {
  it('default config → JSON → parse gives the same config', () => {
    const config = defaultConfig();
    const again = parseConfig(JSON.parse(JSON.stringify(config)));
    assert.deepEqual(again, { ok: true, config });
  });

  it('a full config → parse → JSON → parse is stable', () => {
    const first = parseConfig(sampleConfig());
    assert.ok(first.ok, JSON.stringify(!first.ok && first.errors));
    const second = parseConfig(JSON.parse(JSON.stringify(first.config)));
    assert.deepEqual(second, first);
    assert.equal(first.config.connections.length, 5);
    assert.deepEqual(first.config.routes[2]!.target, { failoverGroup: 'teams' });
  });

  it('parseConfig does not change its input', () => {
    const raw = sampleConfig();
    const copy = structuredClone(raw);
    parseConfig(raw);
    assert.deepEqual(raw, copy);
  });
});

describe('errors name the field', () => {
  // [what is wrong, change to the sample, expected path, message fragment]
  const cases: [string, (string | number)[], unknown, string, RegExp][] = [
    [
      'port out of range',
      ['connections', 4, 'targets', 0, 'port'],
      70000,
      'connections[4].targets[0].port',
      /1 to 65535/,
    ],
    [
      'port as text',
      ['connections', 1, 'targets', 0, 'port'],
      '5061',
      'connections[1].targets[0].port',
      /port number/,
    ],
    [
      'profile id with spaces',
      ['connections', 0, 'profile'],
      'Telekom CompanyFlex',
      'connections[0].profile',
      /lower-case/,
    ],
    ['missing name', ['connections', 2, 'name'], undefined, 'connections[2].name', /missing/],
    [
      'bad target host',
      ['connections', 1, 'targets', 0, 'host'],
      'sip..pstnhub',
      'connections[1].targets[0].host',
      /host name/,
    ],
    [
      'bad transport',
      ['connections', 4, 'targets', 0, 'transport'],
      'sctp',
      'connections[4].targets[0].transport',
      /udp/,
    ],
    ['no targets', ['connections', 4, 'targets'], [], 'connections[4].targets', /at least one target/],
    ['unknown field', ['connections', 0, 'pasword'], 'x', 'connections[0].pasword', /unknown field/],
    ['unknown section', ['colour'], 'blue', 'colour', /unknown field/],
    [
      'registration without password',
      ['connections', 0, 'registration', 'password'],
      undefined,
      'connections[0].registration.password',
      /missing/,
    ],
    [
      'expiry too short',
      ['connections', 0, 'registration', 'expirySeconds'],
      30,
      'connections[0].registration.expirySeconds',
      /60 to 86400/,
    ],
    [
      'number block upside down',
      ['connections', 0, 'numberBlock', 'last'],
      '+493012345500',
      'connections[0].numberBlock.last',
      /below first/,
    ],
    [
      'number not E.164',
      ['connections', 0, 'numberBlock', 'first'],
      '03012345600',
      'connections[0].numberBlock.first',
      /E\.164/,
    ],
    [
      'bad CIDR',
      ['connections', 1, 'allowedSources', 1],
      '52.120.0.0/33',
      'connections[1].allowedSources[1]',
      /prefix length/,
    ],
    [
      'CIDR with host bits',
      ['connections', 4, 'allowedSources', 0],
      '10.0.0.20/24',
      'connections[4].allowedSources[0]',
      /10\.0\.0\.0\/24/,
    ],
    [
      'same network twice',
      ['connections', 1, 'allowedSources', 1],
      '52.112.0.0/14',
      'connections[1].allowedSources[1]',
      /same as entry 0/,
    ],
    [
      'unknown SRTP suite',
      ['connections', 2, 'sdp', 'cryptoOffer', 0],
      'AES_CM_256',
      'connections[2].sdp.cryptoOffer[0]',
      /AES_CM_128_HMAC_SHA1_80/,
    ],
    [
      'unknown media policy',
      ['connections', 2, 'mediaPolicy'],
      'srtp',
      'connections[2].mediaPolicy',
      /srtp-required/,
    ],
    ['FQDN that is an address', ['system', 'fqdn'], '203.0.113.7', 'system.fqdn', /fully qualified/],
    [
      'IPv4 prefix over 32',
      ['system', 'interfaces', 0, 'prefixLength'],
      33,
      'system.interfaces[0].prefixLength',
      /0 to 32/,
    ],
    [
      'gateway of the other family',
      ['system', 'interfaces', 2, 'gateway'],
      '10.0.0.1',
      'system.interfaces[2].gateway',
      /IPv6/,
    ],
    [
      'bad DNS server',
      ['system', 'dnsServers', 1],
      '[2001:db8::53]',
      'system.dnsServers[1]',
      /without brackets/,
    ],
    [
      'odd RTP port',
      ['media', 'rtpPortRange'],
      { first: 40001, last: 49999 },
      'media.rtpPortRange.first',
      /even/,
    ],
    ['ptime not a multiple of 10', ['media', 'ptimeMs'], 25, 'media.ptimeMs', /10, 20, 30/],
    ['codec twice', ['media', 'codecs'], ['PCMA', 'pcma'], 'media.codecs[1]', /same as entry 0/],
    [
      'session timer below Min-SE',
      ['voip', 'sessionTimers'],
      { sessionExpiresSeconds: 90, minSeSeconds: 120 },
      'voip.sessionTimers.sessionExpiresSeconds',
      /at least minSeSeconds/,
    ],
    [
      'TLS listener without profile',
      ['voip', 'listeners', 1, 'tlsProfile'],
      null,
      'voip.listeners[1].tlsProfile',
      /TLS profile/,
    ],
    [
      'store id not hex',
      ['tlsProfiles', 0, 'ownCertificate'],
      'my-cert',
      'tlsProfiles[0].ownCertificate',
      /16 lower-case hex/,
    ],
    [
      'CA ref of unknown kind',
      ['tlsProfiles', 0, 'trustedCas', 0],
      { source: 'file', name: 'x' },
      'tlsProfiles[0].trustedCas[0].source',
      /"store"/,
    ],
    [
      'bundled CA without name',
      ['tlsProfiles', 1, 'trustedCas', 0],
      { source: 'bundled' },
      'tlsProfiles[1].trustedCas[0].name',
      /missing/,
    ],
    ['TLS 1.1', ['tlsProfiles', 0, 'minVersion'], 'TLSv1.1', 'tlsProfiles[0].minVersion', /TLSv1\.2/],
    ['mutual auth yes', ['tlsProfiles', 1, 'mutualAuth'], 'yes', 'tlsProfiles[1].mutualAuth', /require/],
    ['stop without target', ['routes', 2, 'target'], undefined, 'routes[2].target', /needs a target/],
    [
      'target of both kinds',
      ['routes', 0, 'target'],
      { connection: 'pbx', failoverGroup: 'teams' },
      'routes[0].target',
      /"connection".*"failoverGroup"/,
    ],
    [
      'target id malformed',
      ['routes', 0, 'target'],
      { connection: 'Telekom' },
      'routes[0].target.connection',
      /lower-case/,
    ],
    [
      'pattern too long',
      ['routes', 1, 'called', 'match'],
      '\\d'.repeat(129),
      'routes[1].called.match',
      /256/,
    ],
    ['pattern not text', ['routes', 1, 'called', 'replace'], 49, 'routes[1].called.replace', /string/],
    ['onMatch unknown', ['routes', 1, 'onMatch'], 'next', 'routes[1].onMatch', /stop/],
    ['syslog over TLS', ['logging', 'syslog', 'transport'], 'tls', 'logging.syslog.transport', /udp/],
    ['level unknown', ['logging', 'levels'], { sip: 'verbose' }, 'logging.levels.sip', /debug/],
    [
      'enterprise number 0',
      ['logging', 'syslog', 'enterpriseNumber'],
      0,
      'logging.syslog.enterpriseNumber',
      /1 to 4294967295/,
    ],
  ];
  for (const [what, path, value, expectedPath, message] of cases) {
    it(`${what} → ${expectedPath}`, () => {
      const errors = errorsOf(sampleWith(path, value));
      const hit = errors.find((error) => error.path === expectedPath);
      assert.ok(hit, `no error at ${expectedPath}; got ${JSON.stringify(errors)}`);
      assert.match(hit.message, message);
      assert.deepEqual(
        errors.filter((error) => error.path !== expectedPath),
        [],
        'only the broken field is reported',
      );
    });
  }
});

describe('cross-references', () => {
  const cases: [string, (string | number)[], unknown, string, RegExp][] = [
    [
      'duplicate connection id',
      ['connections', 5],
      { id: 'pbx', name: 'Second PBX', targets: [{ host: 'pbx2.local', transport: 'tcp' }] },
      'connections[5].id',
      /connections\[4\] already uses the id "pbx"/,
    ],
    ['duplicate route id', ['routes', 3, 'id'], 'emergency', 'routes[3].id', /routes\[0\]/],
    [
      'duplicate TLS profile id',
      ['tlsProfiles', 2],
      { id: 'teams', name: 'x' },
      'tlsProfiles[2].id',
      /already uses/,
    ],
    [
      'route to a missing connection',
      ['routes', 0, 'target'],
      { connection: 'telekom-old' },
      'routes[0].target.connection',
      /no connection has the id "telekom-old"/,
    ],
    [
      'route to a missing group',
      ['routes', 2, 'target'],
      { failoverGroup: 'team' },
      'routes[2].target.failoverGroup',
      /no failover group/,
    ],
    [
      'source that does not exist',
      ['routes', 3, 'sourceConnections', 1],
      'teams-4',
      'routes[3].sourceConnections[1]',
      /teams-4/,
    ],
    [
      'group member that does not exist',
      ['failoverGroups', 0, 'members', 2],
      'teams-9',
      'failoverGroups[0].members[2]',
      /teams-9/,
    ],
    [
      'connection with a missing TLS profile',
      ['connections', 0, 'tlsProfile'],
      'telecom',
      'connections[0].tlsProfile',
      /no TLS profile/,
    ],
    [
      'listener with a missing TLS profile',
      ['voip', 'listeners', 2, 'tlsProfile'],
      'tk',
      'voip.listeners[2].tlsProfile',
      /no TLS profile/,
    ],
    [
      'TLS target without a TLS profile',
      ['connections', 1, 'tlsProfile'],
      null,
      'connections[1].tlsProfile',
      /TLS target needs a TLS profile/,
    ],
  ];
  for (const [what, path, value, expectedPath, message] of cases) {
    it(`${what} → ${expectedPath}`, () => {
      const errors = errorsOf(sampleWith(path, value));
      assert.deepEqual(
        errors.map((error) => error.path),
        [expectedPath],
        JSON.stringify(errors),
      );
      assert.match(errors[0]!.message, message);
    });
  }

  it('an id made invalid reports the id and the references that now lead nowhere', () => {
    const errors = errorsOf(sampleWith(['connections', 4, 'id'], 'PBX'));
    assert.deepEqual(
      errors.map((error) => error.path),
      ['connections[4].id', 'routes[0].sourceConnections[0]', 'routes[3].target.connection'],
    );
  });

  it('an empty tlsProfiles list leaves the default TLS listener dangling, and says so', () => {
    const errors = errorsOf({ schemaVersion: 1, tlsProfiles: [] });
    assert.deepEqual(errors, [
      { path: 'voip.listeners[2].tlsProfile', message: 'no TLS profile has the id "default"' },
    ]);
  });

  it('two listeners on the same socket are left to the linter', () => {
    const listeners = [
      { transport: 'udp', address: '0.0.0.0', port: 5060 },
      { transport: 'udp', address: '0.0.0.0', port: 5060 },
    ];
    assert.ok(parseConfig({ schemaVersion: 1, voip: { listeners } }).ok);
  });
});

describe('whole-file problems', () => {
  it('schemaVersion missing, wrong or too new is named', () => {
    assert.deepEqual(
      errorsOf(sampleWith(['schemaVersion'], undefined)).map((e) => e.path),
      ['schemaVersion'],
    );
    assert.match(errorsOf(sampleWith(['schemaVersion'], 2))[0]!.message, /version 2.*up to 1/);
    assert.match(errorsOf(sampleWith(['schemaVersion'], '1'))[0]!.message, /schemaVersion.*text "1"/);
  });

  for (const raw of [null, undefined, 'config', 42, [], [sampleConfig()]]) {
    it(`${JSON.stringify(raw) ?? 'undefined'} is not a config`, () => {
      const errors = errorsOf(raw);
      assert.deepEqual(
        errors.map((e) => e.path),
        [''],
      );
    });
  }

  it('a "__proto__" key is refused and pollutes nothing', () => {
    const raw = JSON.parse(
      '{"schemaVersion":1,"__proto__":{"polluted":true},"system":{"__proto__":{"name":"x"}}}',
    );
    const errors = errorsOf(raw);
    assert.deepEqual(errors.map((e) => e.path).sort(), ['__proto__', 'system.__proto__'].sort());
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('formatPath', () => {
  const cases: [PropertyKey[], string][] = [
    [[], ''],
    [['connections', 2, 'targets', 0, 'port'], 'connections[2].targets[0].port'],
    [['a b'], '["a b"]'],
    [['system', '0x'], 'system["0x"]'],
  ];
  for (const [path, text] of cases) it(`${text || '(root)'}`, () => assert.equal(formatPath(path), text));
});

it('the schema and parseConfig agree on what is valid', () => {
  // Config.safeParse is what the engine's loaders may call directly; parseConfig adds migrations only.
  assert.equal(Config.safeParse(sampleConfig()).success, true);
});
