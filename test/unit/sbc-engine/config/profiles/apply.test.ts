// Each profile turns into a config the engine accepts; answers are checked with the question named;
// a second application gets its own ids; the values the profile chose are listed for confirmation.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  applyProfile,
  confidenceReport,
  type ApplyResult,
  type Profile,
} from '../../../../../sbc-engine/config/profiles/index.ts';
import { defaultConfig, parseConfig, type Config } from '../../../../../sbc-engine/config/schema/index.ts';
import { bundledProfiles, SAMPLE_ANSWERS, SAMPLE_PASSWORD } from '../../../../helpers/profiles.ts';
import { sampleConfig } from '../schema/sample-config.ts';

type Applied = Extract<ApplyResult, { ok: true }>;

let profiles: Profile[];
const profile = (id: string) => profiles.find((p) => p.id === id)!;
before(async () => {
  profiles = await bundledProfiles();
});

function applied(result: ApplyResult): Applied {
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  return result;
}
function refused(result: ApplyResult) {
  assert.equal(result.ok, false, 'expected the answers to be refused');
  return result.ok ? [] : result.errors;
}
function parsedSample(): Config {
  const parsed = parseConfig(sampleConfig());
  assert.ok(parsed.ok);
  return parsed.config;
}

describe('each profile makes a config the engine accepts', () => {
  it('with the sample answers, on an empty config', () => {
    for (const p of profiles) {
      const result = applied(applyProfile(defaultConfig(), p, SAMPLE_ANSWERS[p.id]!));
      const reparsed = parseConfig(JSON.parse(JSON.stringify(result.config)));
      assert.ok(reparsed.ok, `${p.id}: ${JSON.stringify(!reparsed.ok && reparsed.errors)}`);
      assert.deepEqual(reparsed.config, result.config, `${p.id} round trip`);
      assert.ok(result.added.connections.length > 0, p.id);
      for (const id of result.added.connections) {
        assert.equal(result.config.connections.find((c) => c.id === id)!.profile, p.id);
      }
    }
  });

  it('and on a config that already has Telekom, Teams and a PBX', () => {
    for (const p of profiles) {
      const answers = { ...SAMPLE_ANSWERS[p.id]! };
      if ('sbcFqdn' in answers) answers.sbcFqdn = 'sbc.contoso.de'; // the sample's own FQDN
      const result = applied(applyProfile(parsedSample(), p, answers));
      assert.equal(
        result.config.connections.length,
        parsedSample().connections.length + result.added.connections.length,
      );
    }
  });

  it('leaves the config it was given unchanged', () => {
    const config = parsedSample();
    const before = structuredClone(config);
    applied(applyProfile(config, profile('telekom-companyflex'), SAMPLE_ANSWERS['telekom-companyflex']!));
    assert.deepEqual(config, before);
  });
});

describe('Microsoft Teams Direct Routing', () => {
  it('adds Teams 1/2/3 as one failover group tried sip → sip2 → sip3, each TLS 5061 with SRTP', () => {
    const result = applied(
      applyProfile(defaultConfig(), profile('teams-direct-routing'), SAMPLE_ANSWERS['teams-direct-routing']!),
    );
    const config = result.config;
    assert.equal(config.failoverGroups.length, 1);
    const hosts = config.failoverGroups[0]!.members.map((id) => config.connections.find((c) => c.id === id)!);
    assert.deepEqual(
      hosts.map((c) => [c.name, c.targets[0]!.host, c.targets[0]!.port, c.targets[0]!.transport]),
      [
        ['Teams 1', 'sip.pstnhub.microsoft.com', 5061, 'tls'],
        ['Teams 2', 'sip2.pstnhub.microsoft.com', 5061, 'tls'],
        ['Teams 3', 'sip3.pstnhub.microsoft.com', 5061, 'tls'],
      ],
    );
    for (const c of hosts) {
      assert.deepEqual(c.allowedSources, ['52.112.0.0/14', '52.120.0.0/14']);
      assert.equal(c.mediaPolicy, 'srtp-required');
      assert.equal(c.maxConcurrentCalls, 30);
      assert.equal(c.headers.fqdnInContact, true);
      assert.equal(c.options.intervalSeconds, 60);
    }
    assert.equal(config.system.fqdn, 'sbc.contoso.com');
    const tls = config.tlsProfiles.find((t) => t.id === hosts[0]!.tlsProfile)!;
    assert.deepEqual(tls.trustedCas[0], { source: 'bundled', name: 'DigiCert Global Root G2' });
    // The TLS listener on the signalling port presents the Teams profile's certificate.
    assert.deepEqual(
      config.voip.listeners.filter((l) => l.transport === 'tls').map((l) => [l.port, l.tlsProfile]),
      [[5061, tls.id]],
    );
  });

  it('a signalling port other than 5061 gets its own TLS listener; the default is listed as a default', () => {
    const fixed = applied(
      applyProfile(defaultConfig(), profile('teams-direct-routing'), {
        ...SAMPLE_ANSWERS['teams-direct-routing']!,
        signallingPort: '5067',
      }),
    );
    assert.deepEqual(fixed.config.voip.listeners.at(-1), {
      transport: 'tls',
      address: '0.0.0.0',
      port: 5067,
      tlsProfile: 'teams',
    });
    assert.ok(!fixed.defaults.some((d) => d.question === 'signallingPort'), 'an answer is not a default');
    const defaulted = applied(
      applyProfile(defaultConfig(), profile('teams-direct-routing'), SAMPLE_ANSWERS['teams-direct-routing']!),
    );
    assert.ok(
      defaulted.defaults.some(
        (d) => d.question === 'signallingPort' && d.value === 5061 && d.confidence === 'sure',
      ),
    );
  });

  it('refuses an SBC FQDN other than the one the config already has, naming the question', () => {
    const errors = refused(
      applyProfile(parsedSample(), profile('teams-direct-routing'), SAMPLE_ANSWERS['teams-direct-routing']!),
    );
    assert.equal(errors[0]!.question, 'sbcFqdn');
    assert.match(errors[0]!.message, /already names this SBC "sbc\.contoso\.de"/);
  });

  it('a listener already bound to another TLS profile is left alone, with a note to check it', () => {
    const result = applied(
      applyProfile(parsedSample(), profile('teams-direct-routing'), {
        ...SAMPLE_ANSWERS['teams-direct-routing']!,
        sbcFqdn: 'sbc.contoso.de',
      }),
    );
    assert.equal(result.config.voip.listeners[1]!.tlsProfile, 'teams'); // the sample's own
    assert.ok(
      result.notes.some(
        (n) =>
          n.confidence === 'check' && /voip\.listeners\[1\] already listens on TLS port 5061/.test(n.text),
      ),
    );
  });

  it('GCC High and DoD add their single proxy, no failover group, and a listener on 5061', () => {
    for (const [id, host] of [
      ['teams-direct-routing-gcc-high', 'sip.pstnhub.gov.teams.microsoft.us'],
      ['teams-direct-routing-dod', 'sip.pstnhub.dod.teams.microsoft.us'],
    ] as const) {
      const result = applied(applyProfile(defaultConfig(), profile(id), SAMPLE_ANSWERS[id]!));
      assert.deepEqual(
        result.config.connections.map((c) => c.targets.map((t) => t.host)),
        [[host]],
      );
      assert.deepEqual(result.config.failoverGroups, []);
      assert.ok(
        result.config.voip.listeners.some(
          (l) => l.transport === 'tls' && l.port === 5061 && l.tlsProfile === 'teams',
        ),
      );
    }
  });
});

describe('applied twice', () => {
  it('every id stays unique and the second Teams group holds the second three connections in order', () => {
    const teams = profile('teams-direct-routing');
    const first = applied(applyProfile(defaultConfig(), teams, SAMPLE_ANSWERS['teams-direct-routing']!));
    const second = applied(applyProfile(first.config, teams, SAMPLE_ANSWERS['teams-direct-routing']!));
    const config = second.config;
    for (const section of ['connections', 'failoverGroups', 'tlsProfiles', 'routes'] as const) {
      const ids = (config[section] as { id: string }[]).map((x) => x.id);
      assert.equal(new Set(ids).size, ids.length, `${section}: ${ids.join(', ')}`);
    }
    assert.deepEqual(second.added.connections, ['teams-1-2', 'teams-2-2', 'teams-3-2']);
    assert.deepEqual(config.failoverGroups[1]!.members, second.added.connections);
    assert.equal(config.connections[3]!.name, 'Teams 1 (2)');
    assert.equal(config.connections[3]!.tlsProfile, 'teams-2');
  });

  it('Telekom twice: two connections and two emergency routes, both before the ordinary rules', () => {
    const telekom = profile('telekom-deutschlandlan-sip-trunk');
    const once = applied(
      applyProfile(parsedSample(), telekom, SAMPLE_ANSWERS['telekom-deutschlandlan-sip-trunk']!),
    );
    const twice = applied(
      applyProfile(once.config, telekom, SAMPLE_ANSWERS['telekom-deutschlandlan-sip-trunk']!),
    );
    assert.deepEqual(
      twice.config.routes.map((r) => [r.id, r.emergency]),
      [
        ['emergency', true],
        ['telekom-emergency-2', true], // the sample already has a connection "telekom"
        ['telekom-emergency-3', true],
        ['normalize', false],
        ['to-teams', false],
        ['from-teams', false],
      ],
    );
    assert.deepEqual(twice.config.routes[2]!.target, { connection: 'telekom-3' });
    const route = twice.defaults.find((d) => d.path === 'routes[2]');
    assert.equal(route?.confidence, 'likely');
    assert.ok(twice.defaults.some((d) => d.path === 'routes[2].called.match'));
  });
});

describe('answers', () => {
  const rows: [string, string, Record<string, unknown>, string, RegExp][] = [
    ['an FQDN that is not one', 'teams-direct-routing', { sbcFqdn: 'sbc', maxConcurrentSessions: 10 }, 'sbcFqdn', /fully qualified/],
    ['an FQDN with a quote', 'teams-direct-routing', { sbcFqdn: "sbc'.contoso.com", maxConcurrentSessions: 10 }, 'sbcFqdn', /fully qualified/],
    ['zero sessions', 'teams-direct-routing', { sbcFqdn: 'sbc.contoso.com', maxConcurrentSessions: '0' }, 'maxConcurrentSessions', /from 1 to 100000/],
    ['a missing required answer', 'teams-direct-routing', { sbcFqdn: 'sbc.contoso.com' }, 'maxConcurrentSessions', /is required/],
    ['a port out of range', 'teams-direct-routing', { sbcFqdn: 'sbc.contoso.com', maxConcurrentSessions: 5, signallingPort: '70000' }, 'signallingPort', /1 to 65535/],
    ['a misspelt question', 'teams-direct-routing', { sbcFqdn: 'sbc.contoso.com', maxConcurrentSessions: 5, sbcFdqn: 'x' }, 'sbcFdqn', /asks no such question \(it asks: sbcFqdn, signallingPort, maxConcurrentSessions\)/],
    ['a registration number without +', 'telekom-deutschlandlan-sip-trunk', { ...SAMPLE_ANSWERS['telekom-deutschlandlan-sip-trunk'], registrationNumber: '030123456' }, 'registrationNumber', /E\.164/],
    ['a number block upside down', 'telekom-deutschlandlan-sip-trunk', { ...SAMPLE_ANSWERS['telekom-deutschlandlan-sip-trunk'], numberBlock: '+493012345699-+493012345600' }, 'numberBlock', /last: must not be below first/],
    ['a number block that is not a range', 'telekom-deutschlandlan-sip-trunk', { ...SAMPLE_ANSWERS['telekom-deutschlandlan-sip-trunk'], numberBlock: '+493012345600' }, 'numberBlock', /FIRST-LAST/],
    ['a CompanyFlex ID with a dot', 'telekom-companyflex', { ...SAMPLE_ANSWERS['telekom-companyflex'], companyFlexId: 'a.b' }, 'companyFlexId', /one DNS label/],
    ['an empty password', 'telekom-companyflex', { ...SAMPLE_ANSWERS['telekom-companyflex'], password: '' }, 'password', /is required/],
    ['a transport the PBX profile does not offer', 'cisco-cucm', { pbxAddress: '10.0.0.21', transport: 'tls' }, 'transport', /one of: tcp, udp/],
    ['a PBX address that is no host', 'asterisk', { pbxAddress: 'pbx server' }, 'pbxAddress', /host name/],
  ]; // prettier-ignore
  for (const [name, id, answers, question, message] of rows) {
    it(`${name}: refused, naming ${question}`, () => {
      const errors = refused(applyProfile(defaultConfig(), profile(id), answers));
      const error = errors.find((e) => e.question === question);
      assert.ok(error, JSON.stringify(errors));
      assert.match(error.message, message);
    });
  }

  it('CompanyFlex builds the auth user from the registration number and lists it as likely', () => {
    const result = applied(
      applyProfile(defaultConfig(), profile('telekom-companyflex'), SAMPLE_ANSWERS['telekom-companyflex']!),
    );
    const connection = result.config.connections[0]!;
    assert.equal(connection.registration?.authUser, '+4930123456@tel.t-online.de');
    assert.deepEqual(
      connection.targets.map((t) => [t.host, t.port, t.transport, t.priority]),
      [
        ['1234567.primary.companyflex.de', null, 'tls', 1],
        ['1234567.secondary.companyflex.de', null, 'tls', 2],
      ],
    );
    const used = result.defaults.find((d) => d.path === 'connections[0].registration.authUser');
    assert.equal(used?.confidence, 'likely');
    assert.equal(used?.question, 'authUser');
  });

  it('an invalid answer does not also report the default built from it', () => {
    const errors = refused(
      applyProfile(defaultConfig(), profile('telekom-companyflex'), {
        ...SAMPLE_ANSWERS['telekom-companyflex'],
        registrationNumber: 'x',
      }),
    );
    assert.deepEqual(
      errors.map((e) => e.question),
      ['registrationNumber'],
    );
  });

  it('a custom TLS trunk uses the default TLS profile, flagged for checking', () => {
    const result = applied(
      applyProfile(defaultConfig(), profile('custom-trunk'), {
        address: 'sip.example.net',
        transport: 'tls',
      }),
    );
    assert.equal(result.config.connections[0]!.tlsProfile, 'default');
    assert.equal(result.config.connections[0]!.targets[0]!.port, null);
    assert.ok(
      result.defaults.some((d) => d.path === 'connections[0].tlsProfile' && d.confidence === 'check'),
    );
  });
});

describe('defaults and the confidence report', () => {
  it('every default used has a confidence and a source, and never holds an answer the admin typed', () => {
    for (const p of profiles) {
      const result = applied(applyProfile(defaultConfig(), p, SAMPLE_ANSWERS[p.id]!));
      for (const d of result.defaults) {
        assert.ok(['sure', 'likely', 'check'].includes(d.confidence), `${p.id} ${d.path}`);
        assert.ok(d.source.document && d.source.where, `${p.id} ${d.path}`);
      }
      assert.doesNotMatch(JSON.stringify(result.defaults), new RegExp(SAMPLE_PASSWORD));
    }
  });

  it('lists what is not sure, [check] first, with the config path to confirm', () => {
    const result = applied(
      applyProfile(
        defaultConfig(),
        profile('telekom-deutschlandlan-sip-trunk'),
        SAMPLE_ANSWERS['telekom-deutschlandlan-sip-trunk']!,
      ),
    );
    const report = confidenceReport(result);
    assert.ok(report.length > 0);
    assert.ok(report.every((item) => item.confidence !== ('sure' as string)));
    const firstLikely = report.findIndex((item) => item.confidence === 'likely');
    assert.ok(
      report.slice(firstLikely).every((item) => item.confidence === 'likely'),
      'check before likely',
    );
    const host = report.find((item) => item.path === 'connections[0].targets[0].host');
    assert.equal(host?.value, 'reg.sip-trunk.telekom.de');
    assert.match(host!.message, /confirm with your provider/);
    assert.ok(report.some((item) => item.path === null && /SIP-ALG/.test(item.message)));
  });

  it('Exchange UM carries its legacy warning into the result', () => {
    const result = applied(
      applyProfile(defaultConfig(), profile('exchange-online-um'), SAMPLE_ANSWERS['exchange-online-um']!),
    );
    assert.match(result.warning ?? '', /retired/);
    const um = result.config.connections[0]!;
    assert.equal(um.headers.toHost, SAMPLE_ANSWERS['exchange-online-um']!.forwardingAddress);
    assert.deepEqual([um.sdp.stripIce, um.sdp.stripRtcpMux], [true, true]);
    assert.equal(
      applied(applyProfile(defaultConfig(), profile('asterisk'), SAMPLE_ANSWERS.asterisk!)).warning,
      null,
    );
  });
});

describe('fuzz', () => {
  it('any answers give a config the schema accepts or errors naming a question; nothing throws', () => {
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = [
      '',
      ' ',
      'x',
      '0',
      '65536',
      '+49',
      '+4930123456',
      'a.b',
      'sbc.contoso.com',
      "it's",
      '1-2',
      'tls',
      '\n',
      null,
      7,
      {},
    ];
    for (let n = 0; n < 600; n++) {
      const p = profiles[n % profiles.length]!;
      const answers: Record<string, unknown> = { ...SAMPLE_ANSWERS[p.id] };
      for (const q of p.questions)
        if (random() < 0.4) answers[q.id] = values[Math.floor(random() * values.length)];
      const result = applyProfile(defaultConfig(), p, answers);
      if (result.ok) assert.ok(parseConfig(result.config).ok, p.id);
      else
        for (const error of result.errors)
          assert.ok(
            p.questions.some((q) => q.id === error.question),
            JSON.stringify(error),
          );
    }
  });
});
