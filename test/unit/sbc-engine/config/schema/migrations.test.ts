import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CONFIG_MIGRATIONS,
  migrateConfig,
  parseConfig,
  type ConfigMigration,
} from '../../../../../sbc-engine/config/schema/index.ts';
import { CONFIG_SCHEMA_VERSION } from '../../../../../sbc-engine/config/versions.ts';

// A made-up history: version 1 had `sipPort`, version 2 moved it into `voip.port`, version 3 added
// `voip.transport`. Each step records itself in `trail`, so the order the chain ran in is visible.
const SYNTHETIC: ConfigMigration[] = [
  {
    from: 1,
    description: 'sipPort moves to voip.port',
    migrate(config) {
      const { sipPort, ...rest } = config;
      return { ...rest, voip: { port: sipPort }, trail: [...((config.trail as string[]) ?? []), '1→2'] };
    },
  },
  {
    from: 2,
    description: 'voip.transport is added',
    migrate(config) {
      const voip = config.voip as Record<string, unknown>;
      return {
        ...config,
        voip: { ...voip, transport: 'udp' },
        trail: [...(config.trail as string[]), '2→3'],
      };
    },
  },
];
const options = { migrations: SYNTHETIC, currentVersion: 3 };

describe('migration chain', () => {
  it('applies every step from the file version on, in order, and sets schemaVersion', () => {
    const raw = { schemaVersion: 1, sipPort: 5070 };
    const result = migrateConfig(raw, options);
    assert.ok(result.ok);
    assert.deepEqual(result.config, {
      schemaVersion: 3,
      voip: { port: 5070, transport: 'udp' },
      trail: ['1→2', '2→3'],
    });
    assert.equal(result.fromVersion, 1);
    assert.deepEqual(result.applied, ['1 → 2: sipPort moves to voip.port', '2 → 3: voip.transport is added']);
    assert.deepEqual(raw, { schemaVersion: 1, sipPort: 5070 }, 'the input is left as it was');
  });

  it('starts at the file version', () => {
    const result = migrateConfig({ schemaVersion: 2, voip: { port: 5080 }, trail: [] }, options);
    assert.ok(result.ok);
    assert.deepEqual(result.config, {
      schemaVersion: 3,
      voip: { port: 5080, transport: 'udp' },
      trail: ['2→3'],
    });
  });

  it('passes a current config through untouched', () => {
    const raw = { schemaVersion: 3, voip: {} };
    const result = migrateConfig(raw, options);
    assert.ok(result.ok);
    assert.equal(result.config, raw);
    assert.deepEqual(result.applied, []);
  });

  it('a step that throws is reported with the versions it was between', () => {
    const broken: ConfigMigration[] = [
      SYNTHETIC[0]!,
      {
        from: 2,
        description: 'needs voip',
        migrate(config) {
          if (!config.voip) throw new Error('voip is missing');
          return config;
        },
      },
    ];
    const result = migrateConfig({ schemaVersion: 2 }, { migrations: broken, currentVersion: 3 });
    assert.deepEqual(result, {
      ok: false,
      error: {
        path: 'schemaVersion',
        message: 'upgrading from schema version 2 to 3 failed: voip is missing',
      },
    });
  });

  it('refuses a chain with a gap or in the wrong order: that is a bug in the engine', () => {
    assert.throws(() =>
      migrateConfig({ schemaVersion: 1 }, { migrations: [SYNTHETIC[1]!], currentVersion: 2 }),
    );
    assert.throws(() =>
      migrateConfig({ schemaVersion: 1 }, { migrations: [SYNTHETIC[1]!, SYNTHETIC[0]!], currentVersion: 3 }),
    );
    assert.throws(() => migrateConfig({ schemaVersion: 1 }, { migrations: SYNTHETIC, currentVersion: 2 }));
  });

  it("the engine's own chain covers every version up to the current one", () => {
    assert.equal(CONFIG_MIGRATIONS.length, CONFIG_SCHEMA_VERSION - 1);
    assert.ok(migrateConfig({ schemaVersion: 1 }).ok);
  });
});

describe('schemaVersion checks', () => {
  it('a newer version is refused with what to do', () => {
    const result = migrateConfig({ schemaVersion: 4 }, options);
    assert.ok(!result.ok);
    assert.equal(result.error.path, 'schemaVersion');
    assert.match(result.error.message, /schema version 4.*versions up to 3.*update the engine/);
  });

  it('this engine refuses version 2 files as newer', () => {
    const result = parseConfig({ schemaVersion: CONFIG_SCHEMA_VERSION + 1 });
    assert.ok(!result.ok);
    assert.match(result.errors[0]!.message, /only knows versions up to 1/);
  });

  const malformed: [string, unknown, RegExp][] = [
    ['missing', undefined, /schemaVersion is missing/],
    ['a fraction', 1.5, /schemaVersion must be a whole number.*1\.5/],
    ['zero', 0, /schemaVersion must be a whole number from 1/],
    ['negative', -1, /schemaVersion must be a whole number/],
    ['text', '1', /schemaVersion must be a whole number.*the text "1"/],
    ['null', null, /schemaVersion must be a whole number.*null/],
    ['a list', [1], /schemaVersion must be a whole number.*a list/],
    ['infinite', Infinity, /schemaVersion must be a whole number/],
    ['not a number', NaN, /schemaVersion must be a whole number/],
  ];
  for (const [what, version, message] of malformed) {
    it(`schemaVersion ${what} is refused naming schemaVersion`, () => {
      const raw = version === undefined ? { system: {} } : { schemaVersion: version };
      const result = migrateConfig(raw, options);
      assert.ok(!result.ok);
      assert.equal(result.error.path, 'schemaVersion');
      assert.match(result.error.message, message);
    });
  }
});
