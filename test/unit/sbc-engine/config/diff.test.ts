import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffConfigs } from '../../../../sbc-engine/config/diff.ts';
import { parseConfig, SECRET_MARKER, type Config } from '../../../../sbc-engine/config/schema/index.ts';

function config(connections: unknown[], extra: Record<string, unknown> = {}): Config {
  const parsed = parseConfig({ schemaVersion: 1, connections, ...extra });
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  return parsed.config;
}

const telekom = (password: string, port = 5060) => ({
  id: 'telekom',
  name: 'Telekom',
  targets: [{ host: 'reg.sip-trunk.telekom.de', port, transport: 'tcp' }],
  registration: { user: '+4930123456', password },
});
const pbx = { id: 'pbx', name: 'PBX', targets: [{ host: '192.0.2.10', transport: 'udp' }] };

describe('diffConfigs', () => {
  it('finds nothing between equal configs', () => {
    assert.deepEqual(diffConfigs(config([telekom('s3cret')]), config([telekom('s3cret')])), []);
  });

  it('names the path and both values of a changed field', () => {
    const changes = diffConfigs(config([telekom('s3cret')]), config([telekom('s3cret', 5062)]));
    assert.deepEqual(changes, [
      { path: 'connections[0].targets[0].port', kind: 'changed', secret: false, before: 5060, after: 5062 },
    ]);
  });

  it('tells that a secret changed, never its value', () => {
    const changes = diffConfigs(config([telekom('old-secret')]), config([telekom('new-secret')]));
    assert.deepEqual(changes, [
      { path: 'connections[0].registration.password', kind: 'changed', secret: true },
    ]);
    assert.ok(
      !JSON.stringify(changes).includes('old-secret') && !JSON.stringify(changes).includes('new-secret'),
    );
  });

  it('shows an added connection with its secrets as the marker', () => {
    const changes = diffConfigs(config([pbx]), config([pbx, telekom('s3cret')]));
    assert.equal(changes.length, 1);
    const [added] = changes;
    assert.equal(added!.path, 'connections[1]');
    assert.equal(added!.kind, 'added');
    const text = JSON.stringify(added!.after);
    assert.ok(!text.includes('s3cret'));
    assert.ok(text.includes(SECRET_MARKER));
  });

  it('matches list elements by id, so a move is not a change of every field', () => {
    const changes = diffConfigs(config([pbx, telekom('s')]), config([telekom('s'), pbx]));
    assert.deepEqual(changes, []);
    const removed = diffConfigs(config([pbx, telekom('s')]), config([telekom('s')]));
    assert.deepEqual(
      removed.map((c) => [c.path, c.kind]),
      [['connections[0]', 'removed']],
    );
  });

  it('compares lists without ids by position', () => {
    const before = config([], {
      voip: { listeners: [{ transport: 'udp', address: '127.0.0.1', port: 5060 }] },
    });
    const after = config([], {
      voip: {
        listeners: [
          { transport: 'udp', address: '127.0.0.1', port: 5060 },
          { transport: 'tcp', address: '127.0.0.1', port: 5060 },
        ],
      },
    });
    assert.deepEqual(
      diffConfigs(before, after).map((c) => [c.path, c.kind]),
      [['voip.listeners[1]', 'added']],
    );
  });
});
