import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiscoveredEngine } from '../../../../../electron/api/contract.ts';
import {
  canAdd,
  failureCounts,
  parsePortField,
  scanProgress,
  scanRunning,
  sortDiscovered,
} from '../../../../../renderer/pages/engines/discoveryViewModel.ts';

function engine(address: string, state: DiscoveredEngine['state'], name?: string): DiscoveredEngine {
  return { address, state, source: 'scan', ...(name ? { name } : {}) };
}

describe('found engines', () => {
  it('come reachable first, then by name and by address in numeric order', () => {
    const sorted = sortDiscovered([
      engine('10.0.0.10:8743', 'unreachable'),
      engine('10.0.0.9:8743', 'reachable', 'b'),
      engine('10.0.0.2:8743', 'checking'),
      engine('10.0.0.10:8743', 'reachable', 'a'),
      engine('10.0.0.9:8743', 'reachable', 'a'),
    ]);
    assert.deepEqual(
      sorted.map((e) => `${e.state} ${e.name ?? ''} ${e.address}`),
      [
        'reachable a 10.0.0.9:8743',
        'reachable a 10.0.0.10:8743',
        'reachable b 10.0.0.9:8743',
        'checking  10.0.0.2:8743',
        'unreachable  10.0.0.10:8743',
      ],
    );
  });

  it('can be added unless they are in the list already', () => {
    assert.equal(canAdd(engine('a:1', 'reachable')), true);
    assert.equal(canAdd({ ...engine('a:1', 'reachable'), knownEngineId: 'x' }), false);
  });
});

describe('scan progress', () => {
  it('is done/total, and complete for an empty scan', () => {
    assert.equal(scanProgress({ done: 64, total: 256 }), 0.25);
    assert.equal(scanProgress({ done: 0, total: 0 }), 1);
    assert.equal(scanRunning({ state: 'running' }), true);
    assert.equal(scanRunning({ state: 'time-limit' }), false);
    assert.equal(scanRunning(undefined), false);
  });

  it('summarises failures by reason in a fixed order', () => {
    const failure = (reason: 'refused' | 'timeout' | 'not-engine') => ({
      address: 'x:1',
      reason,
      message: '',
    });
    assert.deepEqual(
      failureCounts([failure('timeout'), failure('refused'), failure('timeout'), failure('not-engine')]),
      [
        { reason: 'refused', count: 1 },
        { reason: 'timeout', count: 2 },
        { reason: 'not-engine', count: 1 },
      ],
    );
  });

  it('accepts ports 1-65535 only', () => {
    assert.equal(parsePortField(' 8743 '), 8743);
    for (const bad of ['', '0', '65536', '87a', '-1', '1.5'])
      assert.equal(parsePortField(bad), undefined, bad);
  });
});
