// From what the engine reports and what the app remembers to the state an admin reads: OK, warning
// after a missed interval, down after downAfter without an answer (Teams demotes an SBC it has not
// heard OPTIONS from for 3 minutes), unknown while nothing is known. Pure: time comes in as `now`.
import type { HealthIssue, HealthState } from '../../api/health-views.ts';
import {
  optionsDown,
  optionsErrorResponse,
  optionsMissed,
  optionsRefusing,
  optionsSlow,
} from './issue-texts.ts';

export interface TargetObservation {
  target: string;
  engineState: 'unknown' | 'up' | 'down';
  lastCode: number | null;
  refusing: boolean;
  rttMs: number | null;
  lastError: string | null;
  /** When the engine's keepalive last changed state (ms), if it says. */
  lastChangeMs: number | null;
}

export interface TargetMemory {
  /** The last time a poll saw this target answer (ms), from memory or the stored samples. */
  lastAnswerAt: number | null;
  /** When the app started watching this target (ms). */
  watchingSince: number;
}

export interface Thresholds {
  downAfterMs: number;
  slowMs: number;
}

export interface Derived {
  state: HealthState;
  issues: HealthIssue[];
}

export function deriveTargetState(
  observation: TargetObservation,
  memory: TargetMemory,
  now: number,
  thresholds: Thresholds,
): Derived {
  const { target } = observation;
  if (observation.engineState === 'up') {
    const issues: HealthIssue[] = [];
    const code = observation.lastCode;
    if (observation.refusing) issues.push(optionsRefusing(target));
    else if (code !== null && (code < 200 || code >= 300)) issues.push(optionsErrorResponse(target, code));
    else if (observation.rttMs !== null && observation.rttMs > thresholds.slowMs)
      issues.push(optionsSlow(target, Math.round(observation.rttMs), thresholds.slowMs));
    return { state: issues.length ? 'warning' : 'ok', issues };
  }
  if (observation.engineState === 'unknown') return { state: 'unknown', issues: [] };
  // Down in the engine's eyes: one interval (or Timer F) went by without an answer. The silence
  // counts from the last answer anyone saw; without one, from when the engine noticed, or from when
  // we began watching.
  const silentSince = memory.lastAnswerAt ?? observation.lastChangeMs ?? memory.watchingSince;
  const silence = Math.max(0, now - silentSince);
  if (silence >= thresholds.downAfterMs) {
    return { state: 'down', issues: [optionsDown(target, silence, observation.lastError)] };
  }
  return { state: 'warning', issues: [optionsMissed(target, silence, observation.lastError)] };
}

/**
 * A connection with several targets (Teams' sip, sip2, sip3) still carries calls while one
 * answers: it is down only when every target that has a state is down.
 */
export function combineTargetStates(states: readonly HealthState[]): HealthState {
  const known = states.filter((s) => s !== 'unknown');
  if (!known.length) return 'unknown';
  if (known.every((s) => s === 'down')) return 'down';
  if (known.some((s) => s === 'down' || s === 'warning')) return 'warning';
  return 'ok';
}

const RANK: Record<HealthState, number> = { ok: 0, unknown: 1, warning: 2, down: 3 };

/** The worse of two states; other issues (a certificate, a registration) raise OK to warning. */
export function worseState(a: HealthState, b: HealthState): HealthState {
  return RANK[b] > RANK[a] ? b : a;
}

/** The state a connection shows once its other issues are counted. */
export function withIssues(state: HealthState, issues: readonly HealthIssue[]): HealthState {
  if (!issues.length) return state;
  return state === 'ok' ? 'warning' : state;
}

const ISSUE_RANK = { critical: 1, warning: 0 } as const;

/** Worst first: critical before warning, then in the order found. */
export function worstFirst<T extends HealthIssue>(issues: readonly T[]): T[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => ISSUE_RANK[b.issue.severity] - ISSUE_RANK[a.issue.severity] || a.i - b.i)
    .map(({ issue }) => issue);
}
