// The config store on a real folder: what an engine boots after each way its last run could have
// ended (never configured, stopped during a trial, a damaged file, an apply cut short).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { defaultConfig, type Config } from '../../../../sbc-engine/config/schema/index.ts';
import { ConfigStore, MAX_VERSIONS } from '../../../../sbc-engine/runtime/config-store/store.ts';
import { FakeClock } from '../../../../sbc-engine/runtime/fake-clock.ts';

function named(name: string): Config {
  const config = defaultConfig();
  return { ...config, system: { ...config.system, name } };
}

describe('config store', () => {
  let folder: string;
  let clock: FakeClock;
  let lines: string[];
  const open = () =>
    ConfigStore.open({
      folder,
      now: () => clock.now(),
      log: (line) => lines.push(line),
      initialConfig: () => named('initial'),
    });

  beforeEach(() => {
    folder = join(mkdtempSync(join(tmpdir(), 'config-store-')), 'config');
    clock = new FakeClock();
    lines = [];
  });
  afterEach(() => rmSync(join(folder, '..'), { recursive: true, force: true }));

  it('boots the initial config as version 1 when there is none, and keeps it across restarts', () => {
    const first = open();
    assert.equal(first.boot.created, true);
    assert.equal(first.store.current.info.version, 1);
    assert.equal(first.store.current.config.system.name, 'initial');
    const again = open();
    assert.equal(again.boot.created, undefined);
    assert.equal(again.store.current.info.version, 1);
  });

  it('records who, when and why for each version, newest first', () => {
    const { store } = open();
    clock.advance(60_000);
    store.commit(named('two'), { author: 'admin', comment: 'add Telekom' });
    const history = store.history();
    assert.deepEqual(
      history.map((v) => [v.version, v.author, v.comment]),
      [
        [2, 'admin', 'add Telekom'],
        [1, 'engine', 'initial configuration'],
      ],
    );
    assert.equal(history[0]!.at, new Date(clock.now()).toISOString());
    assert.match(history[0]!.sha256, /^[0-9a-f]{64}$/);
    assert.equal(open().store.current.config.system.name, 'two');
  });

  it('reverts a trial that was never confirmed when the engine starts again', () => {
    const { store } = open();
    store.commit(named('confirmed'), { author: 'admin', comment: '' });
    store.commit(named('trial'), { author: 'admin', comment: '' }, clock.now() + 60_000);
    assert.equal(store.current.config.system.name, 'trial');
    const after = open();
    assert.deepEqual(after.boot.reverted, { version: 3, revertTo: 2 });
    assert.equal(after.store.current.config.system.name, 'confirmed');
    assert.equal(after.store.pending, null);
    assert.ok(
      after.store.history().some((v) => v.version === 3),
      'the trial stays in the history',
    );
  });

  it('keeps a confirmed trial across a restart', () => {
    const { store } = open();
    store.commit(named('trial'), { author: 'admin', comment: '' }, clock.now() + 60_000);
    store.confirm();
    const after = open();
    assert.equal(after.boot.reverted, undefined);
    assert.equal(after.store.current.config.system.name, 'trial');
  });

  it('a second trial goes back to the last confirmed version, not to the first trial', () => {
    const { store } = open();
    store.commit(named('trial 1'), { author: 'admin', comment: '' }, clock.now() + 60_000);
    store.commit(named('trial 2'), { author: 'admin', comment: '' }, clock.now() + 60_000);
    assert.equal(store.revert().config.system.name, 'initial');
  });

  it('sets a damaged current file aside and boots the last good version', () => {
    const { store } = open();
    store.commit(named('good'), { author: 'admin', comment: '' });
    const current = join(folder, 'current.json');
    writeFileSync(current, readFileSync(current, 'utf8').replace('"good"', '"evil"'));
    const after = open();
    assert.equal(after.store.current.config.system.name, 'good');
    assert.equal(after.boot.setAside?.length, 1);
    assert.ok(existsSync(after.boot.setAside![0]!), 'the damaged file is kept');
    assert.ok(lines.some((line) => line.includes('!!!') && line.includes('damaged')));
  });

  it('boots when current.json is not even JSON', () => {
    open().store.commit(named('good'), { author: 'admin', comment: '' });
    writeFileSync(join(folder, 'current.json'), '{"format":1,"vers');
    assert.equal(open().store.current.config.system.name, 'good');
  });

  it('forgets a version whose apply stopped before it took effect, and stray temp files', () => {
    const { store } = open();
    store.commit(named('two'), { author: 'admin', comment: '' });
    const versions = join(folder, 'versions');
    writeFileSync(join(versions, '000003.json'), readFileSync(join(versions, '000002.json')));
    writeFileSync(join(folder, '.current.json.123.tmp'), 'half');
    const after = open();
    assert.equal(after.store.current.info.version, 2);
    assert.deepEqual(readdirSync(versions), ['000001.json', '000002.json']);
    assert.ok(!existsSync(join(folder, '.current.json.123.tmp')));
  });

  it(`keeps the last ${MAX_VERSIONS} versions and always the one a trial goes back to`, () => {
    const { store } = open();
    store.commit(named('confirmed'), { author: 'admin', comment: '' });
    for (let i = 0; i < MAX_VERSIONS + 5; i++) {
      store.commit(named(`trial ${i}`), { author: 'admin', comment: '' }, clock.now() + 60_000);
    }
    const kept = store.history().map((v) => v.version);
    assert.equal(kept.length, MAX_VERSIONS);
    assert.ok(kept.includes(2), 'the confirmed version is kept');
    assert.equal(store.revert().config.system.name, 'confirmed');
  });
});
