// How the dashboard shows health: badge colours, numbers with units, the i18n keys of issues and
// Teams check steps (with the service's English sentence as the fallback), and which events become
// desktop notifications. Pure.
import type { Output } from '../../../electron/api/contract.ts';

export type Overview = Output<'health.overview'>;
export type EngineHealth = Overview['engines'][number];
export type ConnectionHealth = EngineHealth['connections'][number];
export type HealthIssue = ConnectionHealth['issues'][number];
export type HealthEvent = Overview['events'][number];
export type HealthState = ConnectionHealth['state'];
export type TeamsCheck = Output<'health.teamsCheck'>;
export type HealthSettings = Output<'health.getSettings'>;

export function badgeColor(state: HealthState | 'skipped' | 'critical'): 'success' | 'warning' | 'danger' | 'informative' {
  switch (state) {
    case 'ok':
      return 'success';
    case 'warning':
      return 'warning';
    case 'down':
    case 'critical':
      return 'danger';
    default:
      return 'informative';
  }
} // prettier-ignore

/** Issue codes the page has its own (translated) sentences for; others show the service's words. */
export const TRANSLATED_ISSUES = [
  'OPTIONS_MISSED',
  'OPTIONS_DOWN',
  'OPTIONS_REFUSING',
  'OPTIONS_DISABLED',
  'CERT_EXPIRING',
  'CERT_EXPIRED',
  'PEER_CERT_EXPIRING',
  'CALLS_AT_LIMIT',
  'ENGINE_UNREACHABLE',
] as const;

export interface IssueText {
  causeKey: string | null;
  fixKey: string | null;
  values: Record<string, string | number>;
}

export function issueText(issue: HealthIssue): IssueText {
  const known = (TRANSLATED_ISSUES as readonly string[]).includes(issue.code);
  return {
    causeKey: known ? `issue.${issue.code}.cause` : null,
    fixKey: known ? `issue.${issue.code}.fix` : null,
    values: issue.values,
  };
}

export function formatRtt(ms: number | null): string {
  if (ms === null) return '–';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

export function formatDays(days: number | null): string {
  return days === null ? '–' : String(Math.floor(days));
}

/** The smaller of two optional day counts. */
export function fewerDays(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/**
 * The events to show as notifications: those after the last seen one. The first answer only sets
 * the baseline (what happened before the window opened is on the dashboard, not a popup).
 */
export function newEvents(events: readonly HealthEvent[], lastSeen: number | undefined): { show: HealthEvent[]; lastSeen: number } {
  const newest = events.reduce((max, e) => Math.max(max, e.seq), lastSeen ?? 0);
  if (lastSeen === undefined) return { show: [], lastSeen: newest };
  return { show: events.filter((e) => e.seq > lastSeen), lastSeen: newest };
} // prettier-ignore

/** Every connection of every engine, in order, with its engine: the rows of the dashboard. */
export function connectionRows(overview: Overview): { engine: EngineHealth; connection: ConnectionHealth }[] {
  return overview.engines.flatMap((engine) =>
    engine.connections.map((connection) => ({ engine, connection })),
  );
}

export function rowKey(engineId: string, connectionId: string): string {
  return `${engineId}/${connectionId}`;
}
