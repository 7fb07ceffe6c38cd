// The state an admin reads, from the engine's keepalive and the last answer the app saw: OK while
// the peer answers, a warning after a missed interval, down once downAfter (Teams' 3 minutes) went
// by without an answer, unknown before anything is known.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  combineTargetStates,
  deriveTargetState,
  withIssues,
  worstFirst,
  type TargetObservation,
} from '../../../../../electron/services/health/derive-state.ts';

const T0 = Date.parse('2025-06-01T12:00:00Z');
const THRESHOLDS = { downAfterMs: 180_000, slowMs: 1000 };

function observe(extra: Partial<TargetObservation>): TargetObservation {
  return {
    target: 'tls:sip.pstnhub.microsoft.com:5061',
    engineState: 'up',
    lastCode: 200,
    refusing: false,
    rttMs: 40,
    lastError: null,
    lastChangeMs: null,
    ...extra,
  };
}

describe('deriveTargetState', () => {
  const rows: {
    name: string;
    observation: Partial<TargetObservation>;
    lastAnswerAgoMs: number | null;
    state: string;
    codes: string[];
  }[] = [
    { name: 'answering with 200', observation: {}, lastAnswerAgoMs: 0, state: 'ok', codes: [] },
    { name: 'nothing known yet', observation: { engineState: 'unknown', lastCode: null, rttMs: null }, lastAnswerAgoMs: null, state: 'unknown', codes: [] },
    { name: 'one interval missed', observation: { engineState: 'down', lastCode: null, rttMs: null, lastError: 'connect ECONNREFUSED' }, lastAnswerAgoMs: 60_000, state: 'warning', codes: ['OPTIONS_MISSED'] },
    { name: 'just under 3 minutes', observation: { engineState: 'down', lastCode: null, rttMs: null }, lastAnswerAgoMs: 179_999, state: 'warning', codes: ['OPTIONS_MISSED'] },
    { name: 'exactly 3 minutes without an answer', observation: { engineState: 'down', lastCode: null, rttMs: null }, lastAnswerAgoMs: 180_000, state: 'down', codes: ['OPTIONS_DOWN'] },
    { name: 'alive but refusing (503)', observation: { lastCode: 503, refusing: true }, lastAnswerAgoMs: 0, state: 'warning', codes: ['OPTIONS_REFUSING'] },
    { name: 'answering 403', observation: { lastCode: 403 }, lastAnswerAgoMs: 0, state: 'warning', codes: ['OPTIONS_ERROR_RESPONSE'] },
    { name: 'slower than allowed', observation: { rttMs: 1500 }, lastAnswerAgoMs: 0, state: 'warning', codes: ['OPTIONS_SLOW'] },
  ]; // prettier-ignore
  for (const row of rows) {
    it(row.name, () => {
      const memory = {
        lastAnswerAt: row.lastAnswerAgoMs === null ? null : T0 - row.lastAnswerAgoMs,
        watchingSince: T0 - 3_600_000,
      };
      const derived = deriveTargetState(observe(row.observation), memory, T0, THRESHOLDS);
      assert.equal(derived.state, row.state);
      assert.deepEqual(
        derived.issues.map((i) => i.code),
        row.codes,
      );
    });
  }

  it('never answered: the silence counts from when the engine saw it go down, else from when watching began', () => {
    const down = observe({ engineState: 'down', lastCode: null, rttMs: null, lastChangeMs: T0 - 200_000 });
    assert.equal(deriveTargetState(down, { lastAnswerAt: null, watchingSince: T0 - 10_000 }, T0, THRESHOLDS).state, 'down'); // prettier-ignore
    const fresh = observe({ engineState: 'down', lastCode: null, rttMs: null });
    assert.equal(deriveTargetState(fresh, { lastAnswerAt: null, watchingSince: T0 - 10_000 }, T0, THRESHOLDS).state, 'warning'); // prettier-ignore
    assert.equal(deriveTargetState(fresh, { lastAnswerAt: null, watchingSince: T0 - 181_000 }, T0, THRESHOLDS).state, 'down'); // prettier-ignore
  });

  it('a shorter downAfter (a lab setting) turns it down sooner', () => {
    const down = observe({ engineState: 'down', lastCode: null, rttMs: null });
    const memory = { lastAnswerAt: T0 - 20_000, watchingSince: T0 - 60_000 };
    assert.equal(deriveTargetState(down, memory, T0, { ...THRESHOLDS, downAfterMs: 15_000 }).state, 'down');
  });

  it('the cause names the target, how long it has been silent and what the engine saw; the fix says what to check', () => {
    const down = observe({ engineState: 'down', lastCode: null, rttMs: null, lastError: 'connect ECONNREFUSED 127.0.0.1:5060' }); // prettier-ignore
    const [issue] = deriveTargetState(down, { lastAnswerAt: T0 - 240_000, watchingSince: T0 - 600_000 }, T0, THRESHOLDS).issues; // prettier-ignore
    assert.match(issue!.cause, /tls:sip\.pstnhub\.microsoft\.com:5061 has not answered OPTIONS for 4 min/);
    assert.match(issue!.cause, /ECONNREFUSED/);
    assert.match(issue!.cause, /3 minutes/);
    assert.match(issue!.fix, /firewall/);
    assert.equal(issue!.severity, 'critical');
  });
});

describe('combining targets', () => {
  it('a connection is down only when every known target is down', () => {
    assert.equal(combineTargetStates(['ok', 'ok']), 'ok');
    assert.equal(combineTargetStates(['ok', 'down', 'ok']), 'warning');
    assert.equal(combineTargetStates(['down', 'down', 'unknown']), 'down');
    assert.equal(combineTargetStates(['unknown', 'unknown']), 'unknown');
    assert.equal(combineTargetStates([]), 'unknown');
    assert.equal(combineTargetStates(['ok', 'warning']), 'warning');
  });

  it('other issues turn OK into a warning but never hide down', () => {
    const issue = { code: 'X', severity: 'warning' as const, cause: 'c', fix: 'f', values: {} };
    assert.equal(withIssues('ok', [issue]), 'warning');
    assert.equal(withIssues('down', [issue]), 'down');
    assert.equal(withIssues('ok', []), 'ok');
  });

  it('lists critical issues first, otherwise in the order found', () => {
    const w = (code: string) => ({ code, severity: 'warning' as const, cause: '', fix: '', values: {} });
    const c = (code: string) => ({ code, severity: 'critical' as const, cause: '', fix: '', values: {} });
    assert.deepEqual(
      worstFirst([w('a'), c('b'), w('c'), c('d')]).map((i) => i.code),
      ['b', 'd', 'a', 'c'],
    );
  });
});
