import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  configSecretPaths,
  EVERY,
  findSecretPaths,
  mergeSecrets,
  parseConfig,
  redactSecrets,
  Secret,
  SECRET_MARKER,
  type Config,
} from '../../../../../sbc-engine/config/schema/index.ts';
import { PBX_PASSWORD, sampleConfig, TELEKOM_PASSWORD } from './sample-config.ts';

function sample(): Config {
  const result = parseConfig(sampleConfig());
  assert.ok(result.ok);
  return result.config;
}

/** Every string anywhere in a JSON value, keys included. */
function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...allStrings(inner)]);
  }
  return [];
}

describe('redactSecrets', () => {
  it('no secret survives anywhere in the output, not even as part of a string', () => {
    const redacted = JSON.parse(JSON.stringify(redactSecrets(sample())));
    for (const text of allStrings(redacted)) {
      assert.ok(!text.includes(TELEKOM_PASSWORD) && !text.includes(PBX_PASSWORD), `leaked in ${text}`);
    }
    assert.equal(redacted.connections[0].registration.password, SECRET_MARKER);
    assert.equal(redacted.connections[4].registration.password, SECRET_MARKER);
  });

  it('leaves everything else and the input as they were', () => {
    const config = sample();
    const before = structuredClone(config);
    const redacted = redactSecrets(config);
    assert.deepEqual(config, before);
    redacted.connections[0]!.registration!.password = TELEKOM_PASSWORD;
    redacted.connections[4]!.registration!.password = PBX_PASSWORD;
    assert.deepEqual(redacted, before);
  });

  it('a redacted config is still a valid config (the app edits and sends it back)', () => {
    const result = parseConfig(JSON.parse(JSON.stringify(redactSecrets(sample()))));
    assert.ok(result.ok);
  });
});

describe('mergeSecrets', () => {
  it('puts stored values back where the marker stands', () => {
    const stored = sample();
    const result = mergeSecrets(redactSecrets(stored), stored);
    assert.deepEqual(result, { ok: true, config: stored });
  });

  it('matches connections by id, so reordering keeps each password with its trunk', () => {
    const stored = sample();
    const incoming = redactSecrets(stored);
    incoming.connections.reverse();
    const result = mergeSecrets(incoming, stored);
    assert.ok(result.ok);
    const byId = Object.fromEntries(result.config.connections.map((c) => [c.id, c.registration?.password]));
    assert.equal(byId.telekom, TELEKOM_PASSWORD);
    assert.equal(byId.pbx, PBX_PASSWORD);
  });

  it('a new value replaces the stored one', () => {
    const stored = sample();
    const incoming = redactSecrets(stored);
    incoming.connections[0]!.registration!.password = 'new-Passw0rd';
    const result = mergeSecrets(incoming, stored);
    assert.ok(result.ok);
    assert.equal(result.config.connections[0]!.registration!.password, 'new-Passw0rd');
    assert.equal(result.config.connections[4]!.registration!.password, PBX_PASSWORD);
  });

  it('the marker without a stored value is an error naming the field', () => {
    const stored = sample();
    const incoming = redactSecrets(stored);
    incoming.connections[4]!.id = 'pbx-2'; // a renamed connection has nothing stored under its id
    const result = mergeSecrets(incoming, stored);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((error) => error.path),
      ['connections[4].registration.password'],
    );
    assert.match(result.errors[0]!.message, /enter it/);
  });

  it('with nothing stored, every marker is an error', () => {
    const result = mergeSecrets(redactSecrets(sample()), null);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((error) => error.path),
      ['connections[0].registration.password', 'connections[4].registration.password'],
    );
  });

  it('a stored connection without registration has nothing to keep', () => {
    const stored = sample();
    const incoming = structuredClone(stored);
    incoming.connections[1]!.registration = {
      ...stored.connections[4]!.registration!,
      password: SECRET_MARKER,
    };
    const result = mergeSecrets(incoming, stored);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((error) => error.path),
      ['connections[1].registration.password'],
    );
  });
});

describe('finding secret fields', () => {
  it('the engine config has exactly these secrets today', () => {
    assert.deepEqual(configSecretPaths(), [['connections', EVERY, 'registration', 'password']]);
  });

  it('a secret added anywhere, in any wrapper, is found without a list to update', () => {
    const Nested = z.object({ token: Secret.max(64).optional(), note: z.string() });
    const schema = z.object({
      plain: z.string(),
      top: Secret,
      list: z.array(z.object({ key: Secret.nullable().default(null) })).default([]),
      choice: z.union([z.object({ a: Secret }), z.object({ b: z.string() })]).optional(),
      byName: z.record(z.string(), Nested),
      lazy: z.lazy(() => Nested),
      piped: z.string().pipe(Secret),
    });
    assert.deepEqual(findSecretPaths(schema), [
      ['top'],
      ['list', EVERY, 'key'],
      ['choice', 'a'],
      ['byName', EVERY, 'token'],
      ['lazy', 'token'],
      ['piped'],
    ]);
  });
});
