// The shipped profiles load through the one door, every value they fill carries a confidence and
// a source, and a broken profile is refused with its file and field named.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CONFIDENCES,
  loadProfiles,
  parseProfileText,
  ProfileLoadError,
} from '../../../../../sbc-engine/config/profiles/index.ts';
import {
  bundledProfiles,
  bundledRootNames,
  memoryReader,
  profileFiles,
} from '../../../../helpers/profiles.ts';

const EXPECTED_IDS = [
  'telekom-deutschlandlan-sip-trunk',
  'telekom-companyflex',
  'teams-direct-routing',
  'teams-direct-routing-gcc-high',
  'teams-direct-routing-dod',
  'exchange-online-um',
  'cisco-cucm',
  'asterisk',
  'custom-trunk',
];

type Node = Record<string, unknown>;
const isObject = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every place in a profile file that states a value or advice the profile chose, with its path. */
function statements(profile: Node): { path: string; node: Node }[] {
  const found: { path: string; node: Node }[] = [];
  const walk = (value: unknown, path: string) => {
    // The sources themselves, and a choice question's options (value + label) state nothing.
    if (path.endsWith('.sources') || path.endsWith('.choices')) return;
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${path}[${i}]`));
    if (!isObject(value)) return;
    const states = 'value' in value || 'template' in value || 'confidence' in value || 'text' in value;
    if (states) found.push({ path, node: value });
    for (const [key, child] of Object.entries(value)) {
      if (key !== 'value') walk(child, `${path}.${key}`); // a value may itself be an object (a CA reference)
    }
  };
  walk(profile, '');
  return found;
}

describe('the shipped profiles', () => {
  it('every file loads and validates, with the bundled CA roots it names', async () => {
    const profiles = await bundledProfiles();
    assert.deepEqual(profiles.map((p) => p.id).sort(), [...EXPECTED_IDS].sort());
    const files = profileFiles();
    assert.equal(files.size, EXPECTED_IDS.length, 'one file per profile');
    for (const [name, json] of files) {
      assert.doesNotThrow(
        () => parseProfileText(JSON.stringify(json), name, { bundledRoots: bundledRootNames() }),
        name,
      );
    }
  });

  it('every value and note carries a confidence and a source the file lists', () => {
    let count = 0;
    for (const [file, json] of profileFiles()) {
      const profile = json as Node;
      const sources = profile.sources as Node;
      for (const { path, node } of statements(profile)) {
        count++;
        assert.ok(
          CONFIDENCES.includes(node.confidence as never),
          `${file} ${path}: confidence ${String(node.confidence)}`,
        );
        assert.equal(typeof node.source, 'string', `${file} ${path}: no source`);
        assert.ok(
          Object.hasOwn(sources, node.source as string),
          `${file} ${path}: source ${String(node.source)}`,
        );
        const source = sources[node.source as string] as Node;
        assert.ok(
          typeof source.document === 'string' && typeof source.where === 'string',
          `${file}: ${String(node.source)}`,
        );
      }
      // Failover groups, routes and listeners state an order or a rule of their own.
      for (const section of ['failoverGroups', 'routes'] as const) {
        for (const part of (profile[section] as Node[] | undefined) ?? [])
          assert.ok(part.confidence, `${file} ${section}`);
      }
    }
    assert.ok(count > 100, `walked ${count} statements`);
  });

  it('Telekom values are [likely] at best, as providers.md says of second-hand facts', async () => {
    for (const profile of (await bundledProfiles()).filter((p) => p.id.startsWith('telekom'))) {
      const parts = [...profile.connections, ...profile.tlsProfiles];
      for (const part of parts) {
        for (const [path, setting] of Object.entries(part.settings)) {
          if ('confidence' in setting) assert.notEqual(setting.confidence, 'sure', `${profile.id} ${path}`);
        }
      }
      for (const question of profile.questions) assert.notEqual(question.default?.confidence, 'sure');
    }
  });

  it('the Exchange UM profile is legacy and says the service was retired', async () => {
    const um = (await bundledProfiles()).find((p) => p.id === 'exchange-online-um')!;
    assert.equal(um.status.state, 'legacy');
    assert.match(um.status.state === 'legacy' ? um.status.warning : '', /retired.*2020-02-28/);
  });

  it('asks only what is provider-specific', async () => {
    const asks = Object.fromEntries(
      (await bundledProfiles()).map((p) => [p.id, p.questions.map((q) => q.id)]),
    );
    assert.deepEqual(asks['telekom-deutschlandlan-sip-trunk'], [
      'registrationNumber',
      'authUser',
      'password',
      'numberBlock',
    ]);
    assert.deepEqual(asks['telekom-companyflex'], [
      'registrationNumber',
      'companyFlexId',
      'authUser',
      'password',
      'numberBlock',
    ]);
    assert.deepEqual(asks['teams-direct-routing'], ['sbcFqdn', 'signallingPort', 'maxConcurrentSessions']);
    assert.deepEqual(asks['exchange-online-um'], ['forwardingAddress']);
    assert.deepEqual(asks['cisco-cucm'], ['pbxAddress', 'pbxPort', 'transport']);
  });
});

describe('a broken profile is refused, naming file and field', () => {
  const teams = () => structuredClone(profileFiles().get('teams-direct-routing.json')) as Node;
  const connection0 = (p: Node) => (p.connections as Node[])[0]!.settings as Node;
  const rows: [string, (p: Node) => void, RegExp][] = [
    ['a value without confidence', (p) => delete (connection0(p)['targets[0].host'] as Node).confidence, /field "connections\[0\]\.settings\["targets\[0\]\.host"\]\.confidence"/],
    ['an unknown confidence', (p) => ((connection0(p).mediaPolicy as Node).confidence = 'maybe'), /connections\[0\]\.settings\.mediaPolicy\.confidence/],
    ['a source that is not listed', (p) => ((connection0(p).mediaPolicy as Node).source = 'nowhere'), /connections\[0\]\.settings\.mediaPolicy\.source": names the source "nowhere"/],
    ['an answer to no question', (p) => (connection0(p).maxConcurrentCalls = { answer: 'calls' }), /maxConcurrentCalls\.answer": no question has the id "calls"/],
    ['a failover member that is not a connection', (p) => ((p.failoverGroups as Node[])[0]!.members = ['teams-1', 'teams-9']), /failoverGroups\[0\]\.members\[1\]": this profile has no connection with the key "teams-9"/],
    ['a root that is not bundled', (p) => (((p.tlsProfiles as Node[])[0]!.settings as Node)['trustedCas[0]'] = { value: { source: 'bundled', name: 'Nobody Root CA' }, confidence: 'sure', source: 'providers-teams-roots' }), /"Nobody Root CA" is not a root in resources\/ca\/index\.json/],
    ['a question default of the wrong type', (p) => (((p.questions as Node[])[1]!.default as Node).value = 'five'), /questions\[1\]\.default\.value": expected a whole number/],
    ['legacy without a warning', (p) => (p.status = { state: 'legacy' }), /field "status\.warning"/],
    ['an unknown field', (p) => (p.colour = 'blue'), /field "colour"/],
    ['a source nobody cites', (p) => ((p.sources as Node).spare = { document: 'x', where: 'y' }), /field "sources\.spare": is listed but no value or note cites it/],
  ]; // prettier-ignore
  for (const [name, breakIt, message] of rows) {
    it(name, () => {
      const profile = teams();
      breakIt(profile);
      assert.throws(
        () =>
          parseProfileText(JSON.stringify(profile), 'teams-direct-routing.json', {
            bundledRoots: bundledRootNames(),
          }),
        (error: unknown) =>
          error instanceof ProfileLoadError &&
          error.file === 'teams-direct-routing.json' &&
          /^\[config\/profiles\] teams-direct-routing\.json: /.test(error.message) &&
          message.test(error.message),
      );
    });
  }

  it('bad JSON names the file', () => {
    assert.throws(() => parseProfileText('{"id": ', 'x.json'), /x\.json: not valid JSON/);
  });

  it('a file whose name is not its id, or one bad file, refuses the whole set', async () => {
    const good = JSON.stringify(profileFiles().get('asterisk.json'));
    await assert.rejects(
      loadProfiles(memoryReader({ 'pbx.json': good })),
      /pbx\.json: field "id": "asterisk" must match/,
    );
    await assert.rejects(
      loadProfiles(memoryReader({ 'asterisk.json': good, 'custom-trunk.json': '[]' })),
      /custom-trunk\.json: top level/,
    );
    await assert.rejects(loadProfiles(memoryReader({})), /holds no profile/);
  });
});

describe('fuzz', () => {
  it('a profile with any field swapped for junk either loads or is refused with ProfileLoadError', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const junk = [null, 0, -1, 1.5, '', 'x', '{{nope}}', true, [], {}, { answer: 'sbcFqdn' }, { value: 1 }];
    const base = profileFiles().get('teams-direct-routing.json');
    let refusedCount = 0;
    for (let n = 0; n < 400; n++) {
      const profile = structuredClone(base) as Node;
      // Walk to a random place and replace it.
      let holder: Node | unknown[] = profile;
      for (let depth = 0; depth < 6; depth++) {
        const keys = Object.keys(holder);
        if (keys.length === 0) break;
        const key = keys[Math.floor(random() * keys.length)]!;
        const child = (holder as Node)[key];
        if (typeof child !== 'object' || child === null || (depth > 0 && random() < 0.3)) {
          (holder as Node)[key] = junk[Math.floor(random() * junk.length)];
          break;
        }
        holder = child as Node;
      }
      try {
        parseProfileText(JSON.stringify(profile), 'fuzz.json', { bundledRoots: bundledRootNames() });
      } catch (error) {
        assert.ok(error instanceof ProfileLoadError, String(error));
        assert.match(error.message, /^\[config\/profiles\] fuzz\.json: /);
        refusedCount++;
      }
    }
    assert.ok(refusedCount > 100, `refused ${refusedCount}`);
  });
});
