// A route whose number pattern cannot be compiled is not a config the engine could run: parseConfig
// refuses it with the path of the pattern and the place of the fault.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseConfig } from '../../../../../sbc-engine/config/schema/index.ts';

function withRoute(called: { match: string; replace?: string }) {
  return {
    schemaVersion: 1,
    connections: [
      {
        id: 'pbx',
        name: 'PBX',
        targets: [{ host: '192.0.2.10', port: 5060, transport: 'udp' }],
      },
    ],
    routes: [{ id: 'national', called, target: { connection: 'pbx' } }],
  };
}

it('accepts a pattern and replacement that compile', () => {
  const result = parseConfig(withRoute({ match: '^0(\\d{9,11})$', replace: '+49$1' }));
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
});

it('refuses a pattern that does not compile, naming the field and the place', () => {
  const result = parseConfig(withRoute({ match: '^0(\\d+$', replace: '+49$1' }));
  assert.equal(result.ok, false);
  const errors = !result.ok ? result.errors : [];
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(errors[0]!.path, 'routes[0].called.match');
  assert.match(errors[0]!.message, /character \d+/);
});

it('refuses a replacement that uses a group the pattern does not have', () => {
  const result = parseConfig(withRoute({ match: '^0(\\d+)$', replace: '+49$2' }));
  const errors = !result.ok ? result.errors : [];
  assert.deepEqual(
    errors.map((error) => error.path),
    ['routes[0].called.replace'],
  );
});
