import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EngineState, type EngineView } from '../../../../../electron/api/contract.ts';
import {
  actionsFor,
  badgeFor,
  displayName,
  keepSelection,
  panelFor,
  replaceEngine,
  sortEngines,
} from '../../../../../renderer/pages/engines/engineViewModel.ts';
import { de, en } from '../../../../../renderer/pages/engines/strings.ts';
import { lookup } from '../../../../../renderer/i18n/resources.ts';

function engine(partial: Partial<EngineView>): EngineView {
  return { id: 'e1', name: 'sbc1', address: 'sbc1:8743', bundled: false, state: 'needs-login', ...partial };
}

describe('badgeFor', () => {
  it('has a translated label for every state', () => {
    for (const state of EngineState.options) {
      const { labelKey } = badgeFor(state);
      assert.equal(typeof lookup(en, labelKey), 'string', state);
      assert.equal(typeof lookup(de, labelKey), 'string', state);
    }
  });

  it('labels states as the user reads them', () => {
    assert.equal(lookup(en, badgeFor('unprovisioned').labelKey), 'Not set up');
    assert.equal(lookup(en, badgeFor('needs-login').labelKey), 'Log in required');
  });

  it('makes a changed certificate stand out and a connected engine look fine', () => {
    assert.equal(badgeFor('certificate-changed').color, 'important');
    assert.equal(badgeFor('unreachable').color, 'danger');
    assert.equal(badgeFor('connected').color, 'success');
  });
});

describe('panelFor and actionsFor', () => {
  it('shows the panel each state needs', () => {
    assert.equal(panelFor('unprovisioned'), 'setup');
    assert.equal(panelFor('needs-login'), 'login');
    assert.equal(panelFor('connected'), 'identity');
    assert.equal(panelFor('certificate-changed'), 'certificate-changed');
  });

  it('offers setup only to an unprovisioned engine', () => {
    for (const state of EngineState.options) {
      assert.equal(actionsFor(engine({ state })).includes('setUp'), state === 'unprovisioned', state);
    }
  });

  it('offers the session actions only when connected', () => {
    assert.deepEqual(actionsFor(engine({ state: 'connected' })), ['logOut', 'changePassword', 'remove']);
  });

  it('never offers to remove the bundled engine; offers stop instead', () => {
    for (const state of EngineState.options) {
      assert.equal(actionsFor(engine({ state, bundled: true })).includes('remove'), false, state);
    }
    assert.ok(actionsFor(engine({ state: 'connected', bundled: true })).includes('stopBundled'));
  });

  it('offers to start a bundled engine that does not answer, and no stop', () => {
    assert.deepEqual(actionsFor(engine({ state: 'unreachable', bundled: true })), ['retry', 'startBundled']);
    assert.deepEqual(actionsFor(engine({ state: 'unreachable' })), ['retry', 'remove']);
  });

  it('offers trusting a changed certificate only in that state', () => {
    assert.deepEqual(actionsFor(engine({ state: 'certificate-changed' })), ['trustNewCertificate', 'remove']);
  });
});

describe('the list', () => {
  it('puts the bundled engine first, then sorts by name', () => {
    const sorted = sortEngines([
      engine({ id: 'b', name: 'beta' }),
      engine({ id: 'a', name: 'alpha' }),
      engine({ id: 'bundled', name: 'zzz', bundled: true }),
    ]);
    assert.deepEqual(
      sorted.map((e) => e.id),
      ['bundled', 'a', 'b'],
    );
  });

  it('keeps the selection while the engine is listed, else selects the first', () => {
    const list = [engine({ id: 'a' }), engine({ id: 'b' })];
    assert.equal(keepSelection(list, 'b'), 'b');
    assert.equal(keepSelection(list, 'gone'), 'a');
    assert.equal(keepSelection(list, undefined), 'a');
    assert.equal(keepSelection([], 'a'), undefined);
  });

  it('replaces an engine by id after an action, or adds a new one', () => {
    const list = [engine({ id: 'a', state: 'needs-login' })];
    assert.equal(replaceEngine(list, engine({ id: 'a', state: 'connected' }))[0]!.state, 'connected');
    assert.equal(replaceEngine(list, engine({ id: 'c', name: 'c' })).length, 2);
  });

  it('calls the bundled engine by its translated label', () => {
    assert.equal(
      displayName(engine({ bundled: true, name: 'Bundled engine' }), 'Lokale Engine'),
      'Lokale Engine',
    );
    assert.equal(displayName(engine({ name: 'sbc1' }), 'Lokale Engine'), 'sbc1');
  });
});
